/**
 * RSA keys (OAEP encryption, PSS and PKCS#1 v1.5 signatures), ECDH key agreement, data key pairs,
 * ML-DSA and Ed25519ph, at the `Kms` level, checked against independent implementations: node:crypto
 * for RSA, ECDH and the key pairs, and an independent computation of ML-DSA's external μ.
 * RSA keys come from the test-only fixture path (test/fixtures/fixture-rsa-provider.ts).
 */
import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { shake256 } from '@noble/hashes/sha3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nobleProvider } from '../../src/crypto/noble.js';
import { webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { Kms } from '../../src/kms.js';
import { nodeProvider } from '../../src/node/node-provider.js';
import type { DataKeyPairSpec, KeySpec, SigningAlgorithmSpec } from '../../src/types.js';
import { fixtureRsaKeyPair, withFixtureRsaKeys } from '../fixtures/fixture-rsa-provider.js';
import { expectAwsError, utf8 } from '../helpers.js';

const rsaKms = (provider = nobleProvider()) => new Kms({ provider: withFixtureRsaKeys(provider) });

async function createKey(kms: Kms, KeySpec: KeySpec, KeyUsage: 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'KEY_AGREEMENT') {
  const { KeyMetadata } = await kms.createKey({ KeySpec, KeyUsage });
  return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn!, metadata: KeyMetadata! };
}

async function publicKeyOf(kms: Kms, keyId: string) {
  const { PublicKey } = await kms.getPublicKey({ KeyId: keyId });
  return createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' });
}

const OAEP = [
  ['RSAES_OAEP_SHA_1', 'sha1', 214],
  ['RSAES_OAEP_SHA_256', 'sha256', 190],
] as const;

describe('RSA encryption keys', () => {
  it('are described with the two OAEP algorithms only, and GetPublicKey says the same', async () => {
    const kms = rsaKms();
    const { keyId, metadata } = await createKey(kms, 'RSA_2048', 'ENCRYPT_DECRYPT');
    expect(metadata).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT', EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] });
    expect(metadata.SigningAlgorithms).toBeUndefined();
    expect(metadata.CurrentKeyMaterialId).toBeUndefined();
    const got = await kms.getPublicKey({ KeyId: keyId });
    expect(got.EncryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
    expect(got.SigningAlgorithms).toBeUndefined();
    const key = createPublicKey({ key: Buffer.from(got.PublicKey!), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
  });

  describe.each(OAEP)('%s', (algorithm, oaepHash, limit) => {
    it('encrypts to raw OAEP that node:crypto decrypts with the private key, and decrypts what node:crypto encrypts', async () => {
      const kms = rsaKms();
      const { keyId, arn } = await createKey(kms, 'RSA_2048', 'ENCRYPT_DECRYPT');
      const privateKey = createPrivateKey({ key: Buffer.from(fixtureRsaKeyPair(2048, 0).privateKey), format: 'der', type: 'pkcs8' });
      const plaintext = utf8('a secret for RSA');
      const encrypted = await kms.encrypt({ KeyId: keyId, Plaintext: plaintext, EncryptionAlgorithm: algorithm });
      expect(encrypted).toMatchObject({ KeyId: arn, EncryptionAlgorithm: algorithm });
      expect(encrypted.CiphertextBlob).toHaveLength(256);
      const opened = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, encrypted.CiphertextBlob!);
      expect(new Uint8Array(opened)).toEqual(plaintext);

      const local = publicEncrypt({ key: await publicKeyOf(kms, keyId), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, Buffer.from('made elsewhere'));
      const decrypted = await kms.decrypt({ KeyId: keyId, CiphertextBlob: local, EncryptionAlgorithm: algorithm });
      expect(decrypted).toEqual({ KeyId: arn, Plaintext: utf8('made elsewhere'), EncryptionAlgorithm: algorithm });
    });

    it(`takes at most ${limit} bytes under RSA_2048, with AWS's message one byte over`, async () => {
      const kms = rsaKms();
      const { keyId } = await createKey(kms, 'RSA_2048', 'ENCRYPT_DECRYPT');
      const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array(limit).fill(7), EncryptionAlgorithm: algorithm });
      expect((await kms.decrypt({ KeyId: keyId, CiphertextBlob: CiphertextBlob!, EncryptionAlgorithm: algorithm })).Plaintext).toEqual(new Uint8Array(limit).fill(7));
      await expectAwsError(
        kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array(limit + 1), EncryptionAlgorithm: algorithm }),
        'ValidationException',
        `Algorithm ${algorithm} and key spec RSA_2048 cannot encrypt data larger than ${limit} bytes.`,
      );
    });
  });

  it('has the documented limits for every size: k − 2·hLen − 2', async () => {
    const kms = rsaKms();
    for (const [spec, bits] of [['RSA_3072', 3072], ['RSA_4096', 4096]] as const) {
      const { keyId } = await createKey(kms, spec, 'ENCRYPT_DECRYPT');
      for (const [algorithm, , hashLength] of [['RSAES_OAEP_SHA_1', 'sha1', 20], ['RSAES_OAEP_SHA_256', 'sha256', 32]] as const) {
        const limit = bits / 8 - 2 * hashLength - 2;
        await kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array(limit), EncryptionAlgorithm: algorithm });
        await expectAwsError(kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array(limit + 1), EncryptionAlgorithm: algorithm }), 'ValidationException', new RegExp(`larger than ${limit} bytes`));
      }
    }
  });

  it('refuses what AWS refuses: no algorithm, an encryption context, the wrong algorithm, no KeyId, a tampered ciphertext', async () => {
    const kms = rsaKms();
    const { keyId, arn } = await createKey(kms, 'RSA_2048', 'ENCRYPT_DECRYPT');
    await expectAwsError(kms.encrypt({ KeyId: keyId, Plaintext: utf8('m') }), 'InvalidKeyUsageException', 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
    await expectAwsError(
      kms.encrypt({ KeyId: keyId, Plaintext: utf8('m'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', EncryptionContext: { a: 'b' } }),
      'ValidationException',
    );
    // An empty context binds nothing, and some clients always send one.
    await kms.encrypt({ KeyId: keyId, Plaintext: utf8('m'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256', EncryptionContext: {} });
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('m'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    await expectAwsError(kms.decrypt({ KeyId: keyId, CiphertextBlob: CiphertextBlob! }), 'InvalidKeyUsageException', 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
    await expectAwsError(kms.decrypt({ KeyId: keyId, CiphertextBlob: CiphertextBlob!, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }), 'InvalidCiphertextException', '');
    await expectAwsError(kms.decrypt({ CiphertextBlob: CiphertextBlob!, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }), 'InvalidCiphertextException', '');
    const tampered = CiphertextBlob!.slice();
    tampered[100]! ^= 1;
    await expectAwsError(kms.decrypt({ KeyId: keyId, CiphertextBlob: tampered, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }), 'InvalidCiphertextException', '');
    await expectAwsError(kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256' }), 'InvalidKeyUsageException', 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
    await expectAwsError(kms.sign({ KeyId: keyId, Message: utf8('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' }), 'InvalidKeyUsageException', `${arn} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`);
  });

  it('ReEncrypts between symmetric and RSA keys in both directions, with material ids only on the symmetric side', async () => {
    const kms = rsaKms();
    const rsa = await createKey(kms, 'RSA_2048', 'ENCRYPT_DECRYPT');
    const symmetric = (await kms.createKey({})).KeyMetadata!;
    const start = await kms.encrypt({ KeyId: symmetric.KeyId!, Plaintext: utf8('moving'), EncryptionContext: { k: 'v' } });
    const toRsa = await kms.reEncrypt({
      CiphertextBlob: start.CiphertextBlob!,
      SourceEncryptionContext: { k: 'v' },
      DestinationKeyId: rsa.keyId,
      DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
    });
    expect(toRsa).toMatchObject({ KeyId: rsa.arn, SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT', DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1' });
    expect(toRsa.SourceKeyMaterialId).toMatch(/^[a-f0-9]{64}$/);
    expect(toRsa.DestinationKeyMaterialId).toBeUndefined();
    const back = await kms.reEncrypt({
      CiphertextBlob: toRsa.CiphertextBlob!,
      SourceKeyId: rsa.keyId,
      SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
      DestinationKeyId: symmetric.KeyId!,
    });
    expect(back).toMatchObject({ SourceKeyId: rsa.arn, SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1', DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(back.SourceKeyMaterialId).toBeUndefined();
    expect((await kms.decrypt({ CiphertextBlob: back.CiphertextBlob! })).Plaintext).toEqual(utf8('moving'));
    await expectAwsError(
      kms.reEncrypt({ CiphertextBlob: back.CiphertextBlob!, DestinationKeyId: rsa.keyId, DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1', DestinationEncryptionContext: { a: 'b' } }),
      'ValidationException',
    );
  });
});

const RSA_SIGNING: readonly [SigningAlgorithmSpec, string, 'pss' | 'pkcs1'][] = [
  ['RSASSA_PKCS1_V1_5_SHA_256', 'sha256', 'pkcs1'],
  ['RSASSA_PKCS1_V1_5_SHA_384', 'sha384', 'pkcs1'],
  ['RSASSA_PKCS1_V1_5_SHA_512', 'sha512', 'pkcs1'],
  ['RSASSA_PSS_SHA_256', 'sha256', 'pss'],
  ['RSASSA_PSS_SHA_384', 'sha384', 'pss'],
  ['RSASSA_PSS_SHA_512', 'sha512', 'pss'],
];

const nodePadding = (scheme: 'pss' | 'pkcs1') =>
  scheme === 'pss' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : { padding: constants.RSA_PKCS1_PADDING };

describe('RSA signing keys', () => {
  it('list the six signing algorithms in AWS order, and no encryption algorithms', async () => {
    const { metadata } = await createKey(rsaKms(), 'RSA_3072', 'SIGN_VERIFY');
    expect(metadata.SigningAlgorithms).toEqual(RSA_SIGNING.map(([algorithm]) => algorithm));
    expect(metadata.EncryptionAlgorithms).toBeUndefined();
  });

  it.each(RSA_SIGNING)('%s: signatures verify in node:crypto with a salt as long as the digest, and Verify accepts them', async (algorithm, hash, scheme) => {
    const kms = rsaKms();
    const { keyId, arn } = await createKey(kms, 'RSA_2048', 'SIGN_VERIFY');
    const message = utf8('sign me with RSA');
    const { Signature } = await kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm });
    expect(Signature).toHaveLength(256);
    const key = await publicKeyOf(kms, keyId);
    expect(nodeVerify(hash, message, { key, ...nodePadding(scheme) }, Signature!)).toBe(true);
    expect(await kms.verify({ KeyId: keyId, Message: message, Signature: Signature!, SigningAlgorithm: algorithm })).toEqual({ KeyId: arn, SignatureValid: true, SigningAlgorithm: algorithm });
    // node:crypto's own signature verifies through Verify too.
    const privateKey = createPrivateKey({ key: Buffer.from(fixtureRsaKeyPair(2048, 0).privateKey), format: 'der', type: 'pkcs8' });
    const theirs = nodeSign(hash, message, { key: privateKey, ...nodePadding(scheme) });
    await kms.verify({ KeyId: keyId, Message: message, Signature: theirs, SigningAlgorithm: algorithm });
  });

  it('any flipped bit of the message or the signature is KMSInvalidSignatureException', async () => {
    const kms = rsaKms();
    const { keyId } = await createKey(kms, 'RSA_2048', 'SIGN_VERIFY');
    const message = utf8('flip a bit of me');
    const { Signature } = await kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: 'RSASSA_PSS_SHA_256' });
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 7 }), async (inMessage, at, bit) => {
        const m = message.slice();
        const s = Signature!.slice();
        const target = inMessage ? m : s;
        target[at % target.length]! ^= 1 << bit;
        await expectAwsError(kms.verify({ KeyId: keyId, Message: m, Signature: s, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }), 'KMSInvalidSignatureException', '');
      }),
      { numRuns: 40 },
    );
  });

  it('signs a PKCS#1 v1.5 DIGEST on the node provider byte for byte as the RAW message; PSS digests have no provider', async () => {
    const kms = rsaKms(nodeProvider());
    const { keyId } = await createKey(kms, 'RSA_2048', 'SIGN_VERIFY');
    const message = utf8('a message signed by its digest');
    const digest = createHash('sha384').update(message).digest();
    const raw = await kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_384' });
    const byDigest = await kms.sign({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_384' });
    expect(byDigest.Signature).toEqual(raw.Signature);
    await kms.verify({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', Signature: raw.Signature!, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_384' });
    const pss = await expectAwsError(
      kms.sign({ KeyId: keyId, Message: createHash('sha256').update(message).digest(), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256' }),
      'UnsupportedOperationException',
    );
    expect(pss.message).toMatch(/"node".*rsa-pss-digest/);
    await expectAwsError(kms.sign({ KeyId: keyId, Message: new Uint8Array(31), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PSS_SHA_256' }), 'ValidationException', 'Digest is invalid length for algorithm RSASSA_PSS_SHA_256.');
  });

  it('on the default provider, which does RSA on WebCrypto, a DIGEST names the provider and the capability it lacks', async () => {
    const kms = rsaKms();
    const { keyId } = await createKey(kms, 'RSA_2048', 'SIGN_VERIFY');
    const error = await expectAwsError(
      kms.sign({ KeyId: keyId, Message: new Uint8Array(32), MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }),
      'UnsupportedOperationException',
    );
    expect(error.message).toMatch(/"noble".*rsa-pkcs1-digest/);
  });
});

describe('DIGEST and RAW', () => {
  it.each([
    ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256'],
    ['ECC_NIST_P384', 'ECDSA_SHA_384', 'sha384'],
    ['ECC_NIST_P521', 'ECDSA_SHA_512', 'sha512'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'sha256'],
  ] as const)('%s on the default provider: a DIGEST signature is byte for byte the RAW signature (RFC 6979)', async (spec, algorithm, hash) => {
    const kms = new Kms();
    const { keyId } = await createKey(kms, spec, 'SIGN_VERIFY');
    const message = utf8('one message, two ways');
    const raw = await kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm });
    const digest = await kms.sign({ KeyId: keyId, Message: createHash(hash).update(message).digest(), MessageType: 'DIGEST', SigningAlgorithm: algorithm });
    expect(digest.Signature).toEqual(raw.Signature);
  });
});

const ECDH_CURVES = [
  ['ECC_NIST_P256', 'prime256v1', 32],
  ['ECC_NIST_P384', 'secp384r1', 48],
  ['ECC_NIST_P521', 'secp521r1', 66],
] as const;

describe('key agreement keys and DeriveSharedSecret', () => {
  it.each(ECDH_CURVES)('%s: the shared secret is node:crypto ECDH between a peer key and the KMS public key', async (spec, namedCurve, length) => {
    const kms = new Kms();
    const { keyId, arn, metadata } = await createKey(kms, spec, 'KEY_AGREEMENT');
    expect(metadata).toMatchObject({ KeyUsage: 'KEY_AGREEMENT', KeyAgreementAlgorithms: ['ECDH'] });
    expect(metadata.SigningAlgorithms).toBeUndefined();
    expect((await kms.getPublicKey({ KeyId: keyId })).KeyAgreementAlgorithms).toEqual(['ECDH']);
    const peer = generateKeyPairSync('ec', { namedCurve });
    const peerSpki = peer.publicKey.export({ type: 'spki', format: 'der' });
    const derived = await kms.deriveSharedSecret({ KeyId: keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerSpki });
    expect(derived).toMatchObject({ KeyId: arn, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
    expect(derived.SharedSecret).toHaveLength(length);
    const expected = diffieHellman({ privateKey: peer.privateKey, publicKey: await publicKeyOf(kms, keyId) });
    expect(derived.SharedSecret).toEqual(new Uint8Array(expected));
  });

  it('refuses a peer key that does not parse, or is on another curve, with an empty ValidationException', async () => {
    const kms = new Kms();
    const { keyId } = await createKey(kms, 'ECC_NIST_P256', 'KEY_AGREEMENT');
    const otherCurve = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'der' });
    for (const PublicKey of [utf8('not a key'), otherCurve, new Uint8Array(91)]) {
      await expectAwsError(kms.deriveSharedSecret({ KeyId: keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey }), 'ValidationException', '');
    }
  });

  it('needs a KEY_AGREEMENT key, and a KEY_AGREEMENT key neither signs nor encrypts', async () => {
    const kms = new Kms();
    const agreement = await createKey(kms, 'ECC_NIST_P256', 'KEY_AGREEMENT');
    const signing = await createKey(kms, 'ECC_NIST_P256', 'SIGN_VERIFY');
    const peer = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' });
    await expectAwsError(
      kms.deriveSharedSecret({ KeyId: signing.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer }),
      'InvalidKeyUsageException',
      `${signing.arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`,
    );
    await expectAwsError(
      kms.sign({ KeyId: agreement.keyId, Message: utf8('m'), SigningAlgorithm: 'ECDSA_SHA_256' }),
      'InvalidKeyUsageException',
      `${agreement.arn} key usage is KEY_AGREEMENT which is not valid for Sign.`,
    );
    await expectAwsError(kms.deriveSharedSecret({ KeyId: agreement.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer, DryRun: true }), 'DryRunOperationException');
    await kms.disableKey({ KeyId: agreement.keyId });
    await expectAwsError(kms.deriveSharedSecret({ KeyId: agreement.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer }), 'DisabledException');
  });
});

const PAIR_SPECS: readonly [DataKeyPairSpec, string][] = [
  ['RSA_2048', 'rsa'],
  ['ECC_NIST_P256', 'ec'],
  ['ECC_NIST_P384', 'ec'],
  ['ECC_NIST_P521', 'ec'],
  ['ECC_SECG_P256K1', 'ec'],
  ['ECC_NIST_EDWARDS25519', 'ed25519'],
];

describe('GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext', () => {
  it.each(PAIR_SPECS)('%s: a real PKCS#8/SPKI pair, whose ciphertext Decrypt opens to the same private key', async (KeyPairSpec, type) => {
    const kms = rsaKms();
    const { KeyMetadata } = await kms.createKey({});
    const context = { purpose: 'data key pair' };
    const pair = await kms.generateDataKeyPair({ KeyId: KeyMetadata!.KeyId!, KeyPairSpec, EncryptionContext: context });
    expect(pair).toMatchObject({ KeyId: KeyMetadata!.Arn, KeyPairSpec, KeyMaterialId: KeyMetadata!.CurrentKeyMaterialId });
    const privateKey = createPrivateKey({ key: Buffer.from(pair.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' });
    expect(privateKey.asymmetricKeyType).toBe(type);
    // A pair: the public key node:crypto derives from the private key is the one returned.
    expect(new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }))).toEqual(pair.PublicKey);
    const opened = await kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob!, EncryptionContext: context });
    expect(opened.Plaintext).toEqual(pair.PrivateKeyPlaintext);
    await expectAwsError(kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob! }), 'InvalidCiphertextException');

    const withoutPlaintext = await kms.generateDataKeyPairWithoutPlaintext({ KeyId: KeyMetadata!.KeyId!, KeyPairSpec });
    expect(withoutPlaintext).not.toHaveProperty('PrivateKeyPlaintext');
    const privateDer = (await kms.decrypt({ CiphertextBlob: withoutPlaintext.PrivateKeyCiphertextBlob! })).Plaintext!;
    const derived = createPublicKey(createPrivateKey({ key: Buffer.from(privateDer), format: 'der', type: 'pkcs8' }));
    expect(new Uint8Array(derived.export({ type: 'spki', format: 'der' }))).toEqual(withoutPlaintext.PublicKey);
  });

  it('makes a new pair every time', async () => {
    const kms = new Kms();
    const { KeyMetadata } = await kms.createKey({});
    const a = await kms.generateDataKeyPair({ KeyId: KeyMetadata!.KeyId!, KeyPairSpec: 'ECC_NIST_P256' });
    const b = await kms.generateDataKeyPair({ KeyId: KeyMetadata!.KeyId!, KeyPairSpec: 'ECC_NIST_P256' });
    expect(a.PublicKey).not.toEqual(b.PublicKey);
  });

  it('needs a symmetric encryption key, refuses SM2, and honours DryRun', async () => {
    const kms = rsaKms();
    const rsa = await createKey(kms, 'RSA_2048', 'ENCRYPT_DECRYPT');
    const signing = await createKey(kms, 'ECC_NIST_P256', 'SIGN_VERIFY');
    const { KeyMetadata } = await kms.createKey({});
    await expectAwsError(kms.generateDataKeyPair({ KeyId: rsa.keyId, KeyPairSpec: 'ECC_NIST_P256' }), 'InvalidKeyUsageException', 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
    await expectAwsError(
      kms.generateDataKeyPairWithoutPlaintext({ KeyId: signing.keyId, KeyPairSpec: 'ECC_NIST_P256' }),
      'InvalidKeyUsageException',
      `${signing.arn} key usage is SIGN_VERIFY which is not valid for GenerateDataKeyPairWithoutPlaintext.`,
    );
    await expectAwsError(kms.generateDataKeyPair({ KeyId: KeyMetadata!.KeyId!, KeyPairSpec: 'SM2' }), 'UnsupportedOperationException', 'KeyPairSpec SM2 is not supported in this Region');
    await expectAwsError(kms.generateDataKeyPair({ KeyId: KeyMetadata!.KeyId!, KeyPairSpec: 'ECC_NIST_P256', DryRun: true }), 'DryRunOperationException');
    await expectAwsError(kms.generateDataKeyPair({ KeyId: KeyMetadata!.KeyId!, KeyPairSpec: undefined }), 'ValidationException');
  });
});

/** FIPS 204 external μ for the empty context: SHAKE256(SHAKE256(pk, 64) ‖ 0x00 ‖ 0x00 ‖ M, 64). */
function externalMu(rawPublicKey: Uint8Array, message: Uint8Array): Uint8Array {
  const tr = shake256(rawPublicKey, { dkLen: 64 });
  return shake256(new Uint8Array([...tr, 0, 0, ...message]), { dkLen: 64 });
}

const ML_DSA = [
  ['ML_DSA_44', 1312, 2420],
  ['ML_DSA_65', 1952, 3309],
  ['ML_DSA_87', 2592, 4627],
] as const;

describe('ML-DSA keys', () => {
  it.each(ML_DSA)('%s: signs and verifies RAW messages and an external μ computed independently', async (spec, publicKeyLength, signatureLength) => {
    const kms = new Kms();
    const { keyId, metadata } = await createKey(kms, spec, 'SIGN_VERIFY');
    expect(metadata.SigningAlgorithms).toEqual(['ML_DSA_SHAKE_256']);
    const { PublicKey } = await kms.getPublicKey({ KeyId: keyId });
    // SPKI: a 22-byte header, then the raw public key.
    expect(PublicKey).toHaveLength(publicKeyLength + 22);
    const rawPublicKey = PublicKey!.subarray(22);
    const message = utf8('post-quantum');
    const { Signature } = await kms.sign({ KeyId: keyId, Message: message, SigningAlgorithm: 'ML_DSA_SHAKE_256' });
    expect(Signature).toHaveLength(signatureLength);
    await kms.verify({ KeyId: keyId, Message: message, Signature: Signature!, SigningAlgorithm: 'ML_DSA_SHAKE_256' });
    const mu = externalMu(rawPublicKey, message);
    await kms.verify({ KeyId: keyId, Message: mu, MessageType: 'EXTERNAL_MU', Signature: Signature!, SigningAlgorithm: 'ML_DSA_SHAKE_256' });
    const byMu = await kms.sign({ KeyId: keyId, Message: mu, MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ML_DSA_SHAKE_256' });
    await kms.verify({ KeyId: keyId, Message: message, Signature: byMu.Signature!, SigningAlgorithm: 'ML_DSA_SHAKE_256' });
    const tampered = byMu.Signature!.slice();
    tampered[10]! ^= 1;
    await expectAwsError(kms.verify({ KeyId: keyId, Message: message, Signature: tampered, SigningAlgorithm: 'ML_DSA_SHAKE_256' }), 'KMSInvalidSignatureException', '');
  });

  it("refuses DIGEST with AWS's message, and a μ that is not 64 bytes", async () => {
    const kms = new Kms();
    const { keyId } = await createKey(kms, 'ML_DSA_44', 'SIGN_VERIFY');
    await expectAwsError(
      kms.sign({ KeyId: keyId, Message: new Uint8Array(64), MessageType: 'DIGEST', SigningAlgorithm: 'ML_DSA_SHAKE_256' }),
      'ValidationException',
      'Message type DIGEST is incompatible with key spec ML_DSA_44.',
    );
    await expectAwsError(kms.sign({ KeyId: keyId, Message: new Uint8Array(32), MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ML_DSA_SHAKE_256' }), 'ValidationException');
    await expectAwsError(kms.createKey({ KeySpec: 'ML_DSA_65', KeyUsage: 'ENCRYPT_DECRYPT' }), 'ValidationException', 'KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ML_DSA_65');
  });

  it('a provider without ML-DSA (WebCrypto) refuses at CreateKey, naming itself and the capability', async () => {
    const error = await expectAwsError(new Kms({ provider: webCryptoProvider() }).createKey({ KeySpec: 'ML_DSA_44', KeyUsage: 'SIGN_VERIFY' }), 'UnsupportedOperationException');
    expect(error.message).toMatch(/"webcrypto".*ml-dsa-44/);
  });
});

describe('ED25519_PH_SHA_512', () => {
  it('signs a SHA-512 digest by hashing it once more (Ed25519ph), as AWS does, and Verify accepts it', async () => {
    const { ed25519ph } = await import('@noble/curves/ed25519.js');
    const kms = new Kms();
    const { keyId } = await createKey(kms, 'ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
    const digest = createHash('sha512').update('a message').digest();
    const { Signature } = await kms.sign({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ED25519_PH_SHA_512' });
    const { PublicKey } = await kms.getPublicKey({ KeyId: keyId });
    // RFC 8032 Ed25519ph over the digest as its message: PH(digest) = SHA-512(digest).
    expect(ed25519ph.verify(Signature!, digest, PublicKey!.subarray(12))).toBe(true);
    await kms.verify({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', Signature: Signature!, SigningAlgorithm: 'ED25519_PH_SHA_512' });
    // Not interchangeable with pure Ed25519.
    await expectAwsError(kms.verify({ KeyId: keyId, Message: digest, Signature: Signature!, SigningAlgorithm: 'ED25519_SHA_512' }), 'KMSInvalidSignatureException');
  });
});
