/**
 * The two refusals every cryptographic operation shares, in AWS's recorded wording: a key of the
 * wrong usage, and an algorithm its key spec does not offer.
 * @module
 */
import { InvalidKeyUsageException } from '../errors.js';
import type { KeyUsageType } from '../types.js';
import type { KeyTarget } from './resolve.js';

/** @throws {@link InvalidKeyUsageException} unless the key's usage is `usage` */
export function assertKeyUsage(target: KeyTarget, usage: KeyUsageType, operation: string): void {
  const { record, arn } = target;
  if (record.keyUsage !== usage) throw new InvalidKeyUsageException(`${arn} key usage is ${record.keyUsage} which is not valid for ${operation}.`);
}

export const incompatibleAlgorithm = (algorithm: string | undefined, target: KeyTarget): InvalidKeyUsageException =>
  new InvalidKeyUsageException(`Algorithm ${algorithm} is incompatible with key spec ${target.record.keySpec}.`);
