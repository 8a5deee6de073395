/**
 * HMAC keys: CreateKey with HMAC_224..512, GenerateMac and VerifyMac, checked against node:crypto
 * with the key's material read through the store (a test-only path).
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { unsafeMaterialBytes } from '../../src/keystore/key-material.js';
import { currentMaterial } from '../../src/keystore/key-record.js';
import { InMemoryStateStore } from '../../src/keystore/state-store.js';
import { Kms } from '../../src/kms.js';
import type { KeySpec, MacAlgorithmSpec } from '../../src/types.js';
import { expectAwsError, newKmsWithKey, utf8 } from '../helpers.js';

const SPECS: readonly [KeySpec, MacAlgorithmSpec, string, number][] = [
  ['HMAC_224', 'HMAC_SHA_224', 'sha224', 28],
  ['HMAC_256', 'HMAC_SHA_256', 'sha256', 32],
  ['HMAC_384', 'HMAC_SHA_384', 'sha384', 48],
  ['HMAC_512', 'HMAC_SHA_512', 'sha512', 64],
];

async function hmacKey(spec: KeySpec = 'HMAC_256') {
  const store = new InMemoryStateStore();
  const kms = new Kms({ store });
  const { KeyMetadata } = await kms.createKey({ KeySpec: spec, KeyUsage: 'GENERATE_VERIFY_MAC' });
  const material = () => unsafeMaterialBytes(currentMaterial(store.getKey(KeyMetadata!.KeyId!)!));
  return { kms, keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn!, metadata: KeyMetadata!, material };
}

describe.each(SPECS)('%s', (spec, algorithm, nodeHash, length) => {
  it('is described as AWS describes an HMAC key', async () => {
    const { metadata } = await hmacKey(spec);
    expect(metadata).toMatchObject({ KeySpec: spec, KeyUsage: 'GENERATE_VERIFY_MAC', MacAlgorithms: [algorithm], Enabled: true });
    expect(metadata.EncryptionAlgorithms).toBeUndefined();
  });

  it('makes the MAC node:crypto makes with the same key, and verifies it', async () => {
    const { kms, keyId, arn, material } = await hmacKey(spec);
    expect(material().length).toBe(length);
    const message = utf8('the message');
    const { Mac, MacAlgorithm, KeyId } = await kms.generateMac({ KeyId: keyId, Message: message, MacAlgorithm: algorithm });
    expect([MacAlgorithm, KeyId]).toEqual([algorithm, arn]);
    expect(Buffer.from(Mac!).toString('hex')).toBe(createHmac(nodeHash, material()).update(message).digest('hex'));
    expect(await kms.verifyMac({ KeyId: keyId, Message: message, MacAlgorithm: algorithm, Mac: Mac! })).toEqual({
      KeyId: arn,
      MacValid: true,
      MacAlgorithm: algorithm,
    });
  });
});

describe('VerifyMac', () => {
  it('never answers false: any flipped bit of the message or the MAC is KMSInvalidMacException', async () => {
    const { kms, keyId } = await hmacKey();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.nat(), fc.boolean(), async (message, bit, inMac) => {
        const { Mac } = await kms.generateMac({ KeyId: keyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' });
        const target = inMac ? Mac!.slice() : message.slice();
        target[(bit >>> 3) % target.length]! ^= 1 << (bit & 7);
        const request = inMac ? { Message: message, Mac: target } : { Message: target, Mac: Mac! };
        await expectAwsError(kms.verifyMac({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', ...request }), 'KMSInvalidMacException', '');
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a truncated MAC', async () => {
    const { kms, keyId } = await hmacKey();
    const { Mac } = await kms.generateMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' });
    await expectAwsError(kms.verifyMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256', Mac: Mac!.subarray(0, 16) }), 'KMSInvalidMacException');
  });
});

describe('refusals', () => {
  it('needs an explicit KeyUsage for HMAC key specs', async () => {
    await expectAwsError(new Kms().createKey({ KeySpec: 'HMAC_256' }), 'ValidationException');
    await expectAwsError(new Kms().createKey({ KeySpec: 'HMAC_256', KeyUsage: 'ENCRYPT_DECRYPT' }), 'ValidationException');
  });

  it('gives AWS\'s InvalidKeyUsageException for the wrong algorithm or the wrong kind of key', async () => {
    const { kms, keyId, arn } = await hmacKey('HMAC_256');
    await expectAwsError(
      kms.generateMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_512' }),
      'InvalidKeyUsageException',
      'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.',
    );
    await expectAwsError(kms.encrypt({ KeyId: keyId, Plaintext: utf8('m') }), 'InvalidKeyUsageException', `${arn} key usage is GENERATE_VERIFY_MAC which is not valid for Encrypt.`);
    const symmetric = await newKmsWithKey();
    await expectAwsError(
      symmetric.kms.generateMac({ KeyId: symmetric.keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' }),
      'InvalidKeyUsageException',
      `${symmetric.arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`,
    );
  });

  it('follows the key state and DryRun rules of cryptographic operations', async () => {
    const { kms, keyId, arn } = await hmacKey();
    await expectAwsError(kms.generateMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256', DryRun: true }), 'DryRunOperationException');
    await kms.disableKey({ KeyId: keyId });
    await expectAwsError(kms.generateMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' }), 'DisabledException', `${arn} is disabled.`);
  });

  it('refuses HMAC_224 at CreateKey on WebCrypto, which has no SHA-224, naming provider and capability', async () => {
    const kms = new Kms({ provider: webCryptoProvider() });
    const error = await expectAwsError(kms.createKey({ KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC' }), 'UnsupportedOperationException');
    expect(error.message).toMatch(/webcrypto/);
    expect(error.message).toMatch(/hmac-sha224/);
    expect((await kms.listKeys()).Keys).toEqual([]);
    await kms.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  });
});

describe('authorization', () => {
  it('lets a grant allow GenerateMac, and checks kms:MacAlgorithm in policies', async () => {
    const { kms, keyId } = await hmacKey();
    const alice = kms.as('arn:aws:iam::111122223333:user/alice');
    await expectAwsError(alice.generateMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' }), 'AccessDeniedException');
    await kms.createGrant({ KeyId: keyId, GranteePrincipal: 'arn:aws:iam::111122223333:user/alice', Operations: ['GenerateMac'] });
    await alice.generateMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' });
    await expectAwsError(alice.verifyMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256', Mac: new Uint8Array(32) }), 'AccessDeniedException');

    kms.iam.putPolicy(
      'arn:aws:iam::111122223333:user/bob',
      'mac',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'kms:GenerateMac', Resource: '*', Condition: { StringEquals: { 'kms:MacAlgorithm': 'HMAC_SHA_256' } } }],
      }),
    );
    await kms.as('arn:aws:iam::111122223333:user/bob').generateMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' });
  });
});
