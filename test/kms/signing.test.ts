/**
 * Signing keys: CreateKey for the ECC specs and Ed25519, GetPublicKey, Sign and Verify, checked
 * against node:crypto as an independent implementation: the public key imports, the signatures
 * verify there, and Verify refuses any flipped bit.
 */
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kms } from '../../src/kms.js';
import type { KeySpec, SigningAlgorithmSpec } from '../../src/types.js';
import { expectAwsError, newKmsWithKey, utf8 } from '../helpers.js';

const SPECS: readonly [KeySpec, SigningAlgorithmSpec, string | null, string][] = [
  ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256', 'prime256v1'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384', 'sha384', 'secp384r1'],
  ['ECC_NIST_P521', 'ECDSA_SHA_512', 'sha512', 'secp521r1'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'sha256', 'secp256k1'],
  ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512', null, 'ed25519'],
];

/** What DescribeKey and GetPublicKey list for each spec, in AWS's order. */
const LISTED: Partial<Record<KeySpec, SigningAlgorithmSpec[]>> = { ECC_NIST_EDWARDS25519: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] };

async function signingKey(spec: KeySpec) {
  const kms = new Kms();
  const { KeyMetadata } = await kms.createKey({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
  return { kms, keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn!, metadata: KeyMetadata! };
}

describe.each(SPECS)('%s', (spec, algorithm, nodeHash, curve) => {
  it('is described with its signing algorithm, and its public key imports into node:crypto', async () => {
    const { kms, keyId, arn, metadata } = await signingKey(spec);
    const listed = LISTED[spec] ?? [algorithm];
    expect(metadata).toMatchObject({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: listed });
    expect(metadata.EncryptionAlgorithms).toBeUndefined();
    const got = await kms.getPublicKey({ KeyId: keyId });
    expect(got).toMatchObject({ KeyId: arn, KeySpec: spec, CustomerMasterKeySpec: spec, KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: listed });
    const key = createPublicKey({ key: Buffer.from(got.PublicKey!), format: 'der', type: 'spki' });
    if (curve === 'ed25519') expect(key.asymmetricKeyType).toBe('ed25519');
    else expect(key.asymmetricKeyDetails?.namedCurve).toBe(curve);
  });

  it('signs what node:crypto verifies, and Verify accepts it', async () => {
    const { kms, keyId, arn } = await signingKey(spec);
    const message = utf8('sign me');
    const { Signature, SigningAlgorithm, KeyId } = await kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm });
    expect([SigningAlgorithm, KeyId]).toEqual([algorithm, arn]);
    const publicKey = createPublicKey({ key: Buffer.from((await kms.getPublicKey({ KeyId: keyId })).PublicKey!), format: 'der', type: 'spki' });
    expect(nodeVerify(nodeHash, message, nodeHash ? { key: publicKey, dsaEncoding: 'der' } : publicKey, Signature!)).toBe(true);
    expect(await kms.verify({ KeyId: keyId, Message: message, Signature: Signature!, SigningAlgorithm: algorithm })).toEqual({
      KeyId: arn,
      SignatureValid: true,
      SigningAlgorithm: algorithm,
    });
  });
});

describe.each(SPECS.filter(([, , hash]) => hash !== null))('%s digests', (spec, algorithm, nodeHash) => {
  it('signs a DIGEST as node:crypto verifies the RAW message', async () => {
    const { kms, keyId } = await signingKey(spec);
    const message = utf8('a message signed by its digest');
    const digest = createHash(nodeHash!).update(message).digest();
    const { Signature } = await kms.sign({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: algorithm });
    const publicKey = createPublicKey({ key: Buffer.from((await kms.getPublicKey({ KeyId: keyId })).PublicKey!), format: 'der', type: 'spki' });
    expect(nodeVerify(nodeHash, message, { key: publicKey, dsaEncoding: 'der' }, Signature!)).toBe(true);
    // And the other way round: a RAW signature verifies as a DIGEST of the same message.
    const raw = await kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm });
    await kms.verify({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', Signature: raw.Signature!, SigningAlgorithm: algorithm });
    await expectAwsError(
      kms.sign({ KeyId: keyId, Message: digest.subarray(1), MessageType: 'DIGEST', SigningAlgorithm: algorithm }),
      'ValidationException',
      `Digest is invalid length for algorithm ${algorithm}.`,
    );
  });
});

describe('Verify', () => {
  it('never answers false: any flipped bit of the message or signature is KMSInvalidSignatureException', async () => {
    for (const [spec, algorithm] of [SPECS[0]!, SPECS[4]!]) {
      const { kms, keyId } = await signingKey(spec);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 128 }), fc.nat(), fc.boolean(), async (message, bit, inSignature) => {
          const { Signature } = await kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm });
          const target = inSignature ? Signature!.slice() : message.slice();
          target[(bit >>> 3) % target.length]! ^= 1 << (bit & 7);
          const request = inSignature ? { Message: message, Signature: target } : { Message: target, Signature: Signature! };
          await expectAwsError(kms.verify({ KeyId: keyId, SigningAlgorithm: algorithm, ...request }), 'KMSInvalidSignatureException', '');
        }),
        { numRuns: 25 },
      );
    }
  });
});

describe('refusals', () => {
  it('gives AWS\'s errors for the wrong algorithm, usage or message type', async () => {
    const { kms, keyId, arn } = await signingKey('ECC_NIST_P256');
    await expectAwsError(
      kms.sign({ KeyId: keyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_384' }),
      'InvalidKeyUsageException',
      'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.',
    );
    await expectAwsError(kms.encrypt({ KeyId: keyId, Plaintext: utf8('m') }), 'InvalidKeyUsageException', `${arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`);
    await expectAwsError(kms.generateMac({ KeyId: keyId, Message: utf8('m'), MacAlgorithm: 'HMAC_SHA_256' }), 'InvalidKeyUsageException');
    await expectAwsError(
      kms.sign({ KeyId: keyId, Message: utf8('m'), MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ECDSA_SHA_256' }),
      'ValidationException',
      'Message type EXTERNAL_MU is incompatible with key spec ECC_NIST_P256.',
    );
    const ed = await signingKey('ECC_NIST_EDWARDS25519');
    await expectAwsError(
      ed.kms.sign({ KeyId: ed.keyId, Message: new Uint8Array(64), MessageType: 'DIGEST', SigningAlgorithm: 'ED25519_SHA_512' }),
      'ValidationException',
      'Message type DIGEST is incompatible with signing algorithm ED25519_SHA_512.',
    );
    await expectAwsError(
      ed.kms.sign({ KeyId: ed.keyId, Message: utf8('m'), SigningAlgorithm: 'ED25519_PH_SHA_512' }),
      'ValidationException',
      'Message type RAW is incompatible with signing algorithm ED25519_PH_SHA_512.',
    );
    await expectAwsError(
      ed.kms.sign({ KeyId: ed.keyId, Message: new Uint8Array(63), MessageType: 'DIGEST', SigningAlgorithm: 'ED25519_PH_SHA_512' }),
      'ValidationException',
      'Digest is invalid length for algorithm ED25519_PH_SHA_512.',
    );
    const symmetric = await newKmsWithKey();
    await expectAwsError(
      symmetric.kms.sign({ KeyId: symmetric.keyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' }),
      'InvalidKeyUsageException',
      `${symmetric.arn} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`,
    );
    await expectAwsError(symmetric.kms.getPublicKey({ KeyId: symmetric.keyId }), 'UnsupportedOperationException');
  });

  it('needs an explicit KeyUsage that fits the spec', async () => {
    await expectAwsError(new Kms().createKey({ KeySpec: 'ECC_NIST_P256' }), 'ValidationException');
    await expectAwsError(
      new Kms().createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'ENCRYPT_DECRYPT' }),
      'ValidationException',
      'KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ECC_NIST_P256',
    );
    await expectAwsError(
      new Kms().createKey({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'KEY_AGREEMENT' }),
      'ValidationException',
      'KeyUsage KEY_AGREEMENT is not compatible with KeySpec ECC_SECG_P256K1',
    );
  });

  it('follows key state, DryRun and grants like the other cryptographic operations', async () => {
    const { kms, keyId, arn } = await signingKey('ECC_NIST_P256');
    await expectAwsError(kms.sign({ KeyId: keyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true }), 'DryRunOperationException');
    const alice = kms.as('arn:aws:iam::111122223333:user/alice');
    await expectAwsError(alice.sign({ KeyId: keyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' }), 'AccessDeniedException');
    await kms.createGrant({ KeyId: keyId, GranteePrincipal: 'arn:aws:iam::111122223333:user/alice', Operations: ['Sign', 'GetPublicKey'] });
    await alice.sign({ KeyId: keyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' });
    await alice.getPublicKey({ KeyId: keyId });
    await kms.disableKey({ KeyId: keyId });
    await expectAwsError(kms.sign({ KeyId: keyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' }), 'DisabledException', `${arn} is disabled.`);
  });
});

describe('providers', () => {
  it('reports a provider that cannot sign a digest (WebCrypto) as UnsupportedOperationException', async () => {
    const { webCryptoProvider } = await import('../../src/crypto/webcrypto.js');
    const kms = new Kms({ provider: webCryptoProvider() });
    const { KeyMetadata } = await kms.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await kms.sign({ KeyId: KeyMetadata!.KeyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' });
    const error = await expectAwsError(
      kms.sign({ KeyId: KeyMetadata!.KeyId, Message: new Uint8Array(32), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }),
      'UnsupportedOperationException',
    );
    expect(error.message).toMatch(/webcrypto/);
    await expectAwsError(new Kms({ provider: webCryptoProvider() }).createKey({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' }), 'UnsupportedOperationException');
  });
});
