/**
 * Turns whatever the caller passed as a key parameter into a stored key, with AWS's errors for
 * each way that can fail. A key ARN or alias ARN may name another account's key, for the
 * operations AWS allows across accounts. Also retires keys whose deletion window has passed:
 * deletion is driven by the injected clock, lazily, the first time anything looks at the key.
 * @module
 */
import { KEY_ACTIONS, type KeyAction } from '../auth/actions.js';
import { InvalidArnException, NotFoundException } from '../errors.js';
import { aliasArn, isKeyId, keyArn, parseKeyIdentifier } from '../keystore/identifiers.js';
import type { KeyRecord } from '../keystore/key-record.js';
import type { AccountState } from '../world.js';
import { awsManagedKeyFor } from './aws-managed-keys.js';
import type { OperationContext } from './context.js';

export type KeyForm = 'keyId' | 'keyArn' | 'aliasName' | 'aliasArn';

/** Operations that take "key id, key ARN, alias name or alias ARN". */
export const ANY_KEY_FORM: readonly KeyForm[] = Object.freeze(['keyId', 'keyArn', 'aliasName', 'aliasArn']);
/** Operations that take "key id or key ARN" only. */
export const KEY_ID_OR_ARN: readonly KeyForm[] = Object.freeze(['keyId', 'keyArn']);

/** A resolved key: the record, the account that owns it, and how the request named it. */
export interface KeyTarget {
  readonly owner: AccountState;
  readonly record: KeyRecord;
  readonly arn: string;
  /** The alias name the request used (`kms:RequestAlias`); absent when it used a key id or ARN. */
  readonly requestAlias?: string;
}

/**
 * @throws {@link NotFoundException} for a malformed id, an unknown key or alias, another Region,
 * or another account's key in an operation AWS does not allow across accounts
 * @throws {@link InvalidArnException} for an ARN that does not parse
 */
export function resolveKey(
  ctx: OperationContext,
  value: string,
  forms: readonly KeyForm[],
  action: KeyAction | 'ListAliases',
): KeyTarget {
  const id = parseKeyIdentifier(value);
  if (id.kind === 'malformedArn') throw new InvalidArnException(`Invalid arn ${value}`);
  if (!forms.includes(id.kind)) throw new NotFoundException(`Invalid keyId '${value}'`);
  let owner: AccountState = ctx;
  if (id.kind === 'keyArn' || id.kind === 'aliasArn') {
    if (id.region !== ctx.region || id.partition !== ctx.partition) throw new NotFoundException(`Invalid arn ${id.region}`);
    if (id.accountId !== ctx.accountId) {
      const other = action !== 'ListAliases' && KEY_ACTIONS[action].crossAccount ? ctx.world.existingAccount(id.accountId, ctx.region) : undefined;
      if (!other) throw new NotFoundException(`${id.kind === 'keyArn' ? 'Key' : 'Alias'} '${value}' does not exist`);
      owner = other;
    }
  }
  if (id.kind === 'aliasName' || id.kind === 'aliasArn') {
    const alias = owner.store.getAlias(id.aliasName);
    const record =
      (alias && liveKey(ctx, owner, alias.targetKeyId)) ?? (owner === ctx && action !== 'ListAliases' ? awsManagedKeyFor(ctx, id.aliasName, action) : undefined);
    if (!record) throw new NotFoundException(`Alias ${aliasArn(owner, id.aliasName)} is not found.`);
    return { owner, record, arn: keyArn(owner, record.keyId), requestAlias: id.aliasName };
  }
  if (!isKeyId(id.keyId)) throw new NotFoundException(`Invalid keyId '${id.keyId}'`);
  const record = liveKey(ctx, owner, id.keyId);
  if (!record) throw new NotFoundException(`Key '${keyArn(owner, id.keyId)}' does not exist`);
  return { owner, record, arn: keyArn(owner, record.keyId) };
}

/** The stored key, unless it does not exist or its deletion date has passed (then it is deleted now). */
export function liveKey(ctx: OperationContext, owner: AccountState, keyId: string): KeyRecord | undefined {
  const record = owner.store.getKey(keyId);
  if (record?.deletionDate && record.deletionDate.getTime() <= ctx.now().getTime()) {
    deleteKeyNow(owner, record);
    return undefined;
  }
  return record;
}

/** Deletes every key of `owner` whose deletion window has passed; list operations call this first. */
export function purgeExpiredKeys(ctx: OperationContext, owner: AccountState = ctx): void {
  const now = ctx.now().getTime();
  const expired = [...owner.store.keys()].filter((k) => k.deletionDate && k.deletionDate.getTime() <= now);
  for (const record of expired) deleteKeyNow(owner, record);
}

/** A deleted key takes its aliases with it (and, in the store, its grants). */
function deleteKeyNow(owner: AccountState, record: KeyRecord): void {
  const aliases = [...owner.store.aliases()].filter((a) => a.targetKeyId === record.keyId).map((a) => a.aliasName);
  owner.store.commit({ deleteKeys: [record.keyId], deleteAliases: aliases });
}
