/**
 * The authorization decision for every request, as AWS makes it (kms-api.md §5.5, §6.3):
 *
 * 1. An explicit Deny in the key policy or in the caller's identity policies denies; nothing
 *    overrides it, not even a grant.
 * 2. The key policy must take part. It allows directly when a statement names the caller (or `*`),
 *    or delegates when it names the caller's account, in which case an identity policy must allow.
 * 3. A caller of another account needs both: the key policy must name its account or itself, and
 *    an identity policy in its own account must allow.
 * 4. A grant on the key for the caller, its role or its account allows on its own.
 *
 * The account root is allowed everything by IAM in its own account, but not by key policies: a key
 * policy that leaves out the account locks the root out, as in AWS.
 * @module
 */
import { constraintsApply } from '../grants/constraints-apply.js';
import type { GrantRecord } from '../grants/grant-record.js';
import type { KeyRecord } from '../keystore/key-record.js';
import type { PolicyRequest } from '../policy/index.js';
import type { GrantOperation } from '../types.js';
import type { OperationContext } from '../ops/context.js';
import type { KeyTarget } from '../ops/resolve.js';
import { accessDenied } from './access-denied.js';
import { IAM_ACTIONS, KEY_ACTIONS, type IamAction, type KeyAction } from './actions.js';
import type { Caller } from './caller.js';
import { type KeyFacts, RequestConditions, type RequestFacts } from './condition-context.js';

const NO_FACTS: RequestFacts = Object.freeze({});

export interface IdentityVerdict {
  readonly deny: boolean;
  readonly allow: boolean;
}
const ROOT: IdentityVerdict = Object.freeze({ deny: false, allow: true });
const NOTHING: IdentityVerdict = Object.freeze({ deny: false, allow: false });

/** What the caller's identity policies say. The account root is allowed everything by IAM. */
function identityVerdict(ctx: OperationContext, request: PolicyRequest): IdentityVerdict {
  const caller = ctx.caller;
  if (caller.principal.kind === 'root') return ROOT;
  const policies = ctx.world.iam.policiesFor(caller.identityKey);
  let allow = false;
  for (const policy of policies) {
    const verdict = policy.evaluate(request);
    if (verdict.deny) return { deny: true, allow: false };
    allow ||= verdict.allowDirect;
  }
  return allow ? ROOT : NOTHING;
}

/** Extra conditions on the grant that may allow: CreateGrant through a grant narrows what it may create. */
export type GrantFilter = (grant: GrantRecord) => boolean;

/**
 * Authorizes `action` on a key.
 * @returns the grant that allowed it, when a grant did
 * @throws {@link AccessDeniedException} in AWS's wording
 */
export function authorizeKey(
  ctx: OperationContext,
  action: KeyAction,
  target: KeyTarget,
  facts: RequestFacts = NO_FACTS,
  grantFilter?: GrantFilter,
): GrantRecord | undefined {
  const rule = KEY_ACTIONS[action];
  const caller = ctx.caller;
  const context = new RequestConditions(caller, ctx.now, new TargetFacts(target), facts);
  const request: PolicyRequest = { principal: caller.principal, action: rule.action, resource: target.arn, context };
  const key = target.record.policy.evaluate(request);
  if (key.deny) throw accessDenied(caller, rule.action, target.arn, 'resourceDeny');
  const identity = identityVerdict(ctx, request);
  if (identity.deny) throw accessDenied(caller, rule.action, target.arn, 'identityDeny');
  if (policiesAllow(caller, target, key.allowDirect, key.allowAccount, identity.allow)) return undefined;
  const grant = rule.grant && findGrant(ctx, target, rule.grant, facts, identity.allow, grantFilter);
  if (grant) return grant;
  const reason = key.allowDirect || key.allowAccount ? 'noIdentityAllow' : 'noResourceAllow';
  throw accessDenied(caller, rule.action, target.arn, reason);
}

function policiesAllow(caller: Caller, target: KeyTarget, direct: boolean, account: boolean, identity: boolean): boolean {
  // An AWS service has no identity policies: the key policy alone speaks for it.
  if (caller.principal.kind === 'service') return direct;
  if (caller.accountId === target.owner.accountId) return direct || (account && identity);
  return (direct || account) && identity;
}

/**
 * Authorizes an action IAM alone decides (CreateKey, ListKeys, ...; the alias half of the alias
 * operations), on `resource`: `*` or an alias ARN.
 * @throws {@link AccessDeniedException} in AWS's wording
 */
export function authorizeIam(ctx: OperationContext, name: IamAction, resource: string, facts: RequestFacts = NO_FACTS): void {
  const identity = identityDecision(ctx, name, resource, facts);
  if (!identity.allow) throw accessDenied(ctx.caller, IAM_ACTIONS[name], resource, 'noIdentityAllow');
}

/**
 * What the caller's identity policies say about `name` on `resource`, for decisions that combine
 * it with something other than a key policy (RetireGrant).
 * @throws {@link AccessDeniedException} for an explicit deny
 */
export function identityDecision(ctx: OperationContext, name: IamAction, resource: string, facts: RequestFacts = NO_FACTS): IdentityVerdict {
  const action = IAM_ACTIONS[name];
  const caller = ctx.caller;
  const context = new RequestConditions(caller, ctx.now, undefined, facts);
  const identity = identityVerdict(ctx, { principal: caller.principal, action, resource, context });
  if (identity.deny) throw accessDenied(caller, action, resource, 'identityDeny');
  return identity;
}

/** The key-resource condition keys of a target; the alias list is built only if a policy asks. */
class TargetFacts implements KeyFacts {
  readonly #target: KeyTarget;
  #aliases: readonly string[] | undefined;

  constructor(target: KeyTarget) {
    this.#target = target;
  }

  get record(): KeyRecord {
    return this.#target.record;
  }

  get requestAlias(): string | undefined {
    return this.#target.requestAlias;
  }

  aliases(): readonly string[] {
    const { owner, record } = this.#target;
    return (this.#aliases ??= [...owner.store.aliases()].filter((a) => a.targetKeyId === record.keyId).map((a) => a.aliasName));
  }
}

/**
 * A grant on the key that allows `operation` for this caller now, if there is one. Grants are
 * looked up by grantee in the store's index, never by scanning every grant of the key.
 */
function findGrant(
  ctx: OperationContext,
  target: KeyTarget,
  operation: GrantOperation,
  facts: RequestFacts,
  identityAllows: boolean,
  filter: GrantFilter | undefined,
): GrantRecord | undefined {
  const caller = ctx.caller;
  const store = target.owner.store;
  const keyId = target.record.keyId;
  const usable = (grant: GrantRecord): boolean =>
    grant.operations.includes(operation) &&
    constraintsApply(grant.constraints, operation, facts.encryptionContext) &&
    isEffective(ctx, grant, facts) &&
    (filter === undefined || filter(grant));
  for (const grantee of caller.granteeKeys) {
    for (const grant of store.grantsForGrantee(keyId, grantee)) if (usable(grant)) return grant;
  }
  // A grant to an account delegates to IAM, as an account principal in a key policy does.
  if (caller.accountKey !== undefined && identityAllows) {
    for (const grant of store.grantsForGrantee(keyId, caller.accountKey)) if (usable(grant)) return grant;
  }
  return undefined;
}

/**
 * With `grantPropagationMs`, a new grant works only with its grant token until the delay has
 * passed, as AWS's eventual consistency behaves.
 */
function isEffective(ctx: OperationContext, grant: GrantRecord, facts: RequestFacts): boolean {
  const delay = ctx.world.grantPropagationMs;
  if (delay === 0 || ctx.now().getTime() - grant.creationDate.getTime() >= delay) return true;
  return facts.grantIds?.has(grant.grantId) ?? false;
}
