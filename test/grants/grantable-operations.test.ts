import { describe, expect, it } from 'vitest';
import { grantableOperations } from '../../src/grants/grantable-operations.js';
import type { GrantOperation, KeySpec, KeyUsageType } from '../../src/types.js';

const COMMON = ['CreateGrant', 'DescribeKey', 'RetireGrant'];
const sorted = (ops: Iterable<GrantOperation>) => [...ops].sort();

describe('grantableOperations (kms-api.md §6.2)', () => {
  it.each<[string, KeySpec, KeyUsageType, string[]]>([
    [
      'symmetric encryption',
      'SYMMETRIC_DEFAULT',
      'ENCRYPT_DECRYPT',
      ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'],
    ],
    ['RSA encryption', 'RSA_2048', 'ENCRYPT_DECRYPT', ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey']],
    ['SM2 encryption', 'SM2', 'ENCRYPT_DECRYPT', ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey']],
    ['RSA signing', 'RSA_4096', 'SIGN_VERIFY', ['Sign', 'Verify', 'GetPublicKey']],
    ['ECC signing', 'ECC_NIST_P256', 'SIGN_VERIFY', ['Sign', 'Verify', 'GetPublicKey']],
    ['Ed25519 signing', 'ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', ['Sign', 'Verify', 'GetPublicKey']],
    ['ML-DSA signing', 'ML_DSA_65', 'SIGN_VERIFY', ['Sign', 'Verify', 'GetPublicKey']],
    ['HMAC', 'HMAC_256', 'GENERATE_VERIFY_MAC', ['GenerateMac', 'VerifyMac']],
    ['key agreement', 'ECC_NIST_P384', 'KEY_AGREEMENT', ['DeriveSharedSecret', 'GetPublicKey']],
  ])('%s', (_label, spec, usage, specific) => {
    expect(sorted(grantableOperations(spec, usage))).toEqual([...specific, ...COMMON].sort());
  });

  it('never lets a symmetric key grant signing or MAC operations, nor an asymmetric key data keys', () => {
    const symmetric = grantableOperations('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');
    for (const op of ['Sign', 'Verify', 'GetPublicKey', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret'] as const) expect(symmetric.has(op)).toBe(false);
    const asymmetric = grantableOperations('RSA_2048', 'ENCRYPT_DECRYPT');
    for (const op of ['GenerateDataKey', 'GenerateDataKeyPair', 'Sign'] as const) expect(asymmetric.has(op)).toBe(false);
  });
});
