/** When a grant's encryption-context constraints are checked at all. @module */
import type { EncryptionContext, GrantOperation } from '../types.js';
import { satisfiesConstraints } from './constraints.js';
import type { GrantRecord } from './grant-record.js';

/**
 * Constraints bind only operations that take an encryption context; AWS ignores them for the rest
 * (DescribeKey, CreateGrant, RetireGrant, GetPublicKey, signing, MAC, key agreement).
 */
const TAKES_CONTEXT: ReadonlySet<GrantOperation> = new Set<GrantOperation>([
  'Encrypt',
  'Decrypt',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
]);

export function constraintsApply(
  constraints: GrantRecord['constraints'],
  operation: GrantOperation,
  context: EncryptionContext | undefined,
): boolean {
  return !TAKES_CONTEXT.has(operation) || satisfiesConstraints(constraints, context);
}
