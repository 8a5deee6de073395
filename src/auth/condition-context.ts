/**
 * The request context policies are evaluated against: every condition key KMS fills in for a
 * request, looked up lazily by (lowercased) name, so a policy that reads no condition keys costs
 * nothing here. Only the keys relevant to the operation are present (kms-api.md §5.4): the
 * operation passes its own keys in `RequestFacts.values`, and the key-resource keys exist only
 * when there is a key.
 * @module
 */
import type { KeyRecord, StoredTag } from '../keystore/key-record.js';
import type { EncryptionContext, Tag } from '../types.js';
import type { ConditionContext } from '../policy/index.js';
import type { Caller } from './caller.js';

export type ConditionValue = string | readonly string[];

export interface RequestFacts {
  /** The request's encryption context: `kms:EncryptionContext:<key>`, `kms:EncryptionContextKeys`. */
  readonly encryptionContext?: EncryptionContext | undefined;
  /** Tags in the request: `aws:RequestTag/<key>` and `aws:TagKeys`. */
  readonly requestTags?: readonly Tag[] | undefined;
  /** Other operation-specific keys, by lowercased name (`kms:encryptionalgorithm`, …). */
  readonly values?: Readonly<Record<string, ConditionValue | undefined>>;
  /** Grant tokens the request carried, decoded to grant ids. */
  readonly grantIds?: ReadonlySet<string>;
}

/** What the key-resource condition keys read. */
export interface KeyFacts {
  readonly record: KeyRecord;
  readonly requestAlias?: string | undefined;
  /** Alias names pointing at the key: computed only if a policy asks. */
  aliases(): readonly string[];
}

interface Lookup {
  readonly caller: Caller;
  /** The clock, read only if a policy asks for the time. */
  now(): Date;
  readonly key: KeyFacts | undefined;
}

const str = (value: string | undefined): string | undefined => value;
const bool = (value: boolean): string => (value ? 'true' : 'false');

/** Keys whose value depends only on the caller, the clock and the key. */
const KEYS: ReadonlyMap<string, (l: Lookup) => ConditionValue | undefined> = new Map(
  Object.entries({
  'aws:principalarn': ({ caller: { principal: p } }: Lookup) =>
    p.kind === 'assumedRole' ? `arn:${p.partition}:iam::${p.accountId}:role/${p.roleName}` : p.arn,
  'aws:principalaccount': (l: Lookup) => l.caller.accountId,
  'aws:principaltype': ({ caller: { principal: p } }: Lookup) => PRINCIPAL_TYPES[p.kind],
  'aws:username': ({ caller: { principal: p } }: Lookup) => (p.kind === 'user' ? p.name : undefined),
  'aws:principalisawsservice': (l: Lookup) => bool(l.caller.principal.kind === 'service'),
  'aws:principalservicename': ({ caller: { principal: p } }: Lookup) => (p.kind === 'service' ? p.service : undefined),
  'aws:sourceip': (l: Lookup) => str(l.caller.request.sourceIp),
  'aws:securetransport': (l: Lookup) => bool(l.caller.request.secureTransport ?? true),
  'aws:currenttime': (l: Lookup) => l.now().toISOString(),
  'aws:epochtime': (l: Lookup) => String(Math.floor(l.now().getTime() / 1000)),
  'aws:sourcearn': (l: Lookup) => str(l.caller.request.sourceArn),
  'aws:sourceaccount': (l: Lookup) => str(l.caller.request.sourceAccount),
  'aws:viaawsservice': (l: Lookup) => bool(l.caller.request.viaService !== undefined),
  'kms:viaservice': (l: Lookup) => str(l.caller.request.viaService),
  'kms:calleraccount': (l: Lookup) => l.caller.accountId,
  'kms:keyspec': (l: Lookup) => l.key?.record.keySpec,
  'kms:customermasterkeyspec': (l: Lookup) => l.key?.record.keySpec,
  'kms:keyusage': (l: Lookup) => l.key?.record.keyUsage,
  'kms:customermasterkeyusage': (l: Lookup) => l.key?.record.keyUsage,
  'kms:keyorigin': (l: Lookup) => l.key?.record.origin,
  'kms:multiregion': (l: Lookup) => (l.key ? 'false' : undefined),
  'kms:requestalias': (l: Lookup) => l.key?.requestAlias,
  'kms:resourcealiases': (l: Lookup) => l.key?.aliases(),
  } satisfies Record<string, (l: Lookup) => ConditionValue | undefined>),
);

const PRINCIPAL_TYPES = Object.freeze({
  root: 'Account',
  user: 'User',
  role: 'AssumedRole',
  assumedRole: 'AssumedRole',
  federatedUser: 'FederatedUser',
  service: 'Service',
});

const EC_PREFIX = 'kms:encryptioncontext:';
const RESOURCE_TAG = 'aws:resourcetag/';
const REQUEST_TAG = 'aws:requesttag/';
const PRINCIPAL_TAG = 'aws:principaltag/';

/** Condition keys name context keys and tag keys case-insensitively. */
function findPair(pairs: Iterable<readonly [string, string]>, lowerKey: string): string | undefined {
  for (const [key, value] of pairs) if (key.toLowerCase() === lowerKey) return value;
  return undefined;
}

const tagPairs = (tags: readonly (StoredTag | Tag)[]): Iterable<readonly [string, string]> =>
  tags.map((t) => [t.TagKey ?? '', t.TagValue ?? ''] as const);

export class RequestConditions implements ConditionContext {
  readonly #lookup: Lookup;
  readonly #facts: RequestFacts;

  constructor(caller: Caller, now: () => Date, key: KeyFacts | undefined, facts: RequestFacts) {
    const fixed = caller.request.currentTime;
    this.#lookup = { caller, now: fixed ? () => fixed : now, key };
    this.#facts = facts;
  }

  get(name: string): ConditionValue | undefined {
    const values = this.#facts.values;
    if (values && Object.hasOwn(values, name)) return values[name];
    const known = KEYS.get(name);
    if (known) return known(this.#lookup);
    const context = this.#facts.encryptionContext;
    // No context and an empty one are the same request; both leave the key absent (for `Null`).
    if (name === 'kms:encryptioncontextkeys') return context && Object.keys(context).length > 0 ? Object.keys(context) : undefined;
    if (name.startsWith(EC_PREFIX)) return context && findPair(Object.entries(context), name.slice(EC_PREFIX.length));
    if (name.startsWith(RESOURCE_TAG)) {
      const tags = this.#lookup.key?.record.tags;
      return tags && findPair(tagPairs(tags), name.slice(RESOURCE_TAG.length));
    }
    const requestTags = this.#facts.requestTags;
    if (name === 'aws:tagkeys') return requestTags?.map((t) => t.TagKey ?? '');
    if (name.startsWith(REQUEST_TAG)) return requestTags && findPair(tagPairs(requestTags), name.slice(REQUEST_TAG.length));
    if (name.startsWith(PRINCIPAL_TAG)) {
      const tags = this.#lookup.caller.request.principalTags;
      return tags && findPair(Object.entries(tags), name.slice(PRINCIPAL_TAG.length));
    }
    return undefined;
  }
}
