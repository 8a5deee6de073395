/**
 * Which grant operations a grant on a key may allow. AWS refuses, with ValidationException, a
 * CreateGrant whose operations the key does not support: a symmetric key cannot grant Sign or
 * GenerateMac, an asymmetric key cannot grant data-key operations, and so on.
 * @module
 */
import type { GrantOperation, KeySpec, KeyUsageType } from '../types.js';

type KeyCategory = 'symmetric' | 'asymmetricEncryption' | 'asymmetricSigning' | 'hmac' | 'keyAgreement';

/** Every key type can grant these: they manage the grant or describe the key, not use it. */
const COMMON: readonly GrantOperation[] = ['DescribeKey', 'CreateGrant', 'RetireGrant'];

const GRANTABLE: Readonly<Record<KeyCategory, ReadonlySet<GrantOperation>>> = Object.freeze({
  symmetric: new Set<GrantOperation>([
    'Encrypt',
    'Decrypt',
    'ReEncryptFrom',
    'ReEncryptTo',
    'GenerateDataKey',
    'GenerateDataKeyWithoutPlaintext',
    'GenerateDataKeyPair',
    'GenerateDataKeyPairWithoutPlaintext',
    ...COMMON,
  ]),
  asymmetricEncryption: new Set<GrantOperation>(['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey', ...COMMON]),
  asymmetricSigning: new Set<GrantOperation>(['Sign', 'Verify', 'GetPublicKey', ...COMMON]),
  hmac: new Set<GrantOperation>(['GenerateMac', 'VerifyMac', ...COMMON]),
  keyAgreement: new Set<GrantOperation>(['DeriveSharedSecret', 'GetPublicKey', ...COMMON]),
});

/** Key usage decides the category of every spec but SYMMETRIC_DEFAULT; only HMAC specs have GENERATE_VERIFY_MAC. */
const BY_USAGE: Readonly<Record<KeyUsageType, KeyCategory>> = Object.freeze({
  ENCRYPT_DECRYPT: 'asymmetricEncryption',
  SIGN_VERIFY: 'asymmetricSigning',
  GENERATE_VERIFY_MAC: 'hmac',
  KEY_AGREEMENT: 'keyAgreement',
});

/** The operations a grant on a key of this spec and usage may allow. The set is shared: do not cast it to mutate it. */
export function grantableOperations(keySpec: KeySpec, keyUsage: KeyUsageType): ReadonlySet<GrantOperation> {
  return GRANTABLE[keySpec === 'SYMMETRIC_DEFAULT' ? 'symmetric' : BY_USAGE[keyUsage]];
}
