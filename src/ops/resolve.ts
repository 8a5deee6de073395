/**
 * Turns whatever the caller passed as a key parameter into a stored key, with AWS's errors for
 * each way that can fail. Also retires keys whose deletion window has passed: deletion is driven
 * by the injected clock, lazily, the first time anything looks at the key.
 * @module
 */
import { InvalidArnException, NotFoundException } from '../errors.js';
import { aliasArn, isKeyId, keyArn, parseKeyIdentifier } from '../keystore/identifiers.js';
import type { KeyRecord } from '../keystore/key-record.js';
import type { OperationContext } from './context.js';

export type KeyForm = 'keyId' | 'keyArn' | 'aliasName' | 'aliasArn';

/** Operations that take "key id, key ARN, alias name or alias ARN". */
export const ANY_KEY_FORM: readonly KeyForm[] = Object.freeze(['keyId', 'keyArn', 'aliasName', 'aliasArn']);
/** Operations that take "key id or key ARN" only. */
export const KEY_ID_OR_ARN: readonly KeyForm[] = Object.freeze(['keyId', 'keyArn']);

/**
 * @throws {@link NotFoundException} for a malformed id, an unknown key or alias, another Region
 * @throws {@link InvalidArnException} for an ARN that does not parse
 */
export function resolveKey(ctx: OperationContext, value: string, forms: readonly KeyForm[]): KeyRecord {
  const id = parseKeyIdentifier(value);
  if (id.kind === 'malformedArn') throw new InvalidArnException(`Invalid arn ${value}`);
  if (!forms.includes(id.kind)) throw new NotFoundException(`Invalid keyId '${value}'`);
  if (id.kind === 'keyArn' || id.kind === 'aliasArn') {
    if (id.region !== ctx.region || id.partition !== ctx.partition) throw new NotFoundException(`Invalid arn ${id.region}`);
    // Keys of other accounts become reachable with authorization (cross-account access).
    if (id.accountId !== ctx.accountId) throw new NotFoundException(`${id.kind === 'keyArn' ? 'Key' : 'Alias'} '${value}' does not exist`);
  }
  if (id.kind === 'aliasName' || id.kind === 'aliasArn') {
    const alias = ctx.store.getAlias(id.aliasName);
    const record = alias && liveKey(ctx, alias.targetKeyId);
    if (!record) throw new NotFoundException(`Alias ${aliasArn(ctx, id.aliasName)} is not found.`);
    return record;
  }
  if (!isKeyId(id.keyId)) throw new NotFoundException(`Invalid keyId '${id.keyId}'`);
  const record = liveKey(ctx, id.keyId);
  if (!record) throw new NotFoundException(`Key '${keyArn(ctx, id.keyId)}' does not exist`);
  return record;
}

/** The stored key, unless it does not exist or its deletion date has passed (then it is deleted now). */
export function liveKey(ctx: OperationContext, keyId: string): KeyRecord | undefined {
  const record = ctx.store.getKey(keyId);
  if (record?.deletionDate && record.deletionDate.getTime() <= ctx.now().getTime()) {
    deleteKeyNow(ctx, record);
    return undefined;
  }
  return record;
}

/** Deletes every key whose deletion window has passed; list operations call this first. */
export function purgeExpiredKeys(ctx: OperationContext): void {
  const now = ctx.now().getTime();
  const expired = [...ctx.store.keys()].filter((k) => k.deletionDate && k.deletionDate.getTime() <= now);
  for (const record of expired) deleteKeyNow(ctx, record);
}

function deleteKeyNow(ctx: OperationContext, record: KeyRecord): void {
  const aliases = [...ctx.store.aliases()].filter((a) => a.targetKeyId === record.keyId).map((a) => a.aliasName);
  ctx.store.commit({ deleteKeys: [record.keyId], deleteAliases: aliases });
}
