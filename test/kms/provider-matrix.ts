/**
 * Every key spec × usage × algorithm, and every data key pair spec, through `Kms` on one provider:
 * what the provider declares works end to end, and what it lacks is refused with
 * UnsupportedOperationException naming the provider and the capability. Shared by the Node run
 * (every provider) and the Chromium run (noble and WebCrypto), so no node:* imports.
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import type { Capability, CryptoProvider, DigestHash } from '../../src/crypto/provider.js';
import { KmsError } from '../../src/errors.js';
import { capabilitiesFor, KEY_SPEC_REGISTRY, type KeySpecEntry, type SigningAlgorithmEntry } from '../../src/keystore/key-spec.js';
import { Kms } from '../../src/kms.js';
import type { DataKeyPairSpec, KeySpec, KeyUsageType, MessageType } from '../../src/types.js';
import { withFixtureRsaKeys } from '../fixtures/fixture-rsa-provider.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const HASHES: Readonly<Record<DigestHash, (m: Uint8Array) => Uint8Array>> = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 };

const ENTRIES = Object.values(KEY_SPEC_REGISTRY) as KeySpecEntry[];
const PAIR_SPECS: readonly DataKeyPairSpec[] = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519'];

async function expectUnsupported(promise: Promise<unknown>, provider: string, capability: Capability): Promise<void> {
  const error = await promise.then(
    () => expect.fail(`expected UnsupportedOperationException for ${capability}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KmsError);
  expect((error as KmsError).name).toBe('UnsupportedOperationException');
  expect((error as KmsError).message).toContain(`"${provider}"`);
  expect((error as KmsError).message).toContain(`"${capability}"`);
}

/** The capability a signature of this algorithm and message type needs beyond the key's own. */
function signingNeeds(algorithm: SigningAlgorithmEntry, messageType: MessageType): Capability {
  if (algorithm.scheme.kind === 'rsa' && messageType === 'DIGEST') return algorithm.scheme.padding === 'PSS' ? 'rsa-pss-digest' : 'rsa-pkcs1-digest';
  if (algorithm.scheme.kind === 'curve' && algorithm.scheme.curve !== 'Ed25519ph' && messageType === 'DIGEST') return 'ecdsa-digest';
  return algorithm.capability;
}

/** A message of `messageType` for `algorithm`, and the RAW message it stands for when there is one. */
function messageFor(algorithm: SigningAlgorithmEntry, messageType: MessageType): { message: Uint8Array; raw?: Uint8Array } {
  const raw = utf8('a message for every provider');
  if (messageType === 'RAW') return { message: raw };
  const { scheme } = algorithm;
  if (messageType === 'DIGEST' && (scheme.kind === 'rsa' || (scheme.kind === 'curve' && scheme.curve !== 'Ed25519ph'))) {
    return { message: HASHES[scheme.hash](raw), raw };
  }
  // Ed25519ph's DIGEST and ML-DSA's μ stand for no RAW message this test can name.
  return { message: new Uint8Array(algorithm.digestLength).fill(5) };
}

async function exercise(kms: Kms, entry: KeySpecEntry, usage: KeyUsageType, providerName: string, provider: CryptoProvider): Promise<void> {
  const { KeyMetadata } = await kms.createKey({ KeySpec: entry.spec, ...(entry.spec !== 'SYMMETRIC_DEFAULT' && { KeyUsage: usage }) });
  const KeyId = KeyMetadata!.KeyId!;
  if (entry.keyPair) expect((await kms.getPublicKey({ KeyId })).PublicKey!.length).toBeGreaterThan(0);
  if (usage === 'ENCRYPT_DECRYPT') {
    for (const EncryptionAlgorithm of entry.encryptionAlgorithms) {
      const EncryptionContext = entry.oaep ? undefined : { provider: providerName };
      const { CiphertextBlob } = await kms.encrypt({ KeyId, Plaintext: utf8('sealed'), EncryptionAlgorithm, EncryptionContext });
      const { Plaintext } = await kms.decrypt({ KeyId, CiphertextBlob, EncryptionAlgorithm, EncryptionContext });
      expect(Plaintext).toEqual(utf8('sealed'));
    }
  }
  if (usage === 'SIGN_VERIFY') {
    for (const algorithm of entry.signing!.algorithms) {
      for (const MessageType of algorithm.messageTypes) {
        const { message, raw } = messageFor(algorithm, MessageType);
        const request = { KeyId, Message: message, MessageType, SigningAlgorithm: algorithm.algorithm };
        const needs = signingNeeds(algorithm, MessageType);
        if (!provider.capabilities.has(needs)) {
          await expectUnsupported(kms.sign(request), providerName, needs);
          continue;
        }
        const { Signature } = await kms.sign(request);
        await kms.verify({ ...request, Signature });
        // A message and its digest are the same message (kms-api.md §2.4).
        if (raw) await kms.verify({ ...request, Message: raw, MessageType: 'RAW', Signature });
      }
    }
  }
  if (usage === 'GENERATE_VERIFY_MAC') {
    const { Mac } = await kms.generateMac({ KeyId, Message: utf8('mac me'), MacAlgorithm: entry.mac!.algorithm });
    await kms.verifyMac({ KeyId, Message: utf8('mac me'), Mac, MacAlgorithm: entry.mac!.algorithm });
  }
  if (usage === 'KEY_AGREEMENT') {
    const other = (await kms.createKey({ KeySpec: entry.spec, KeyUsage: usage })).KeyMetadata!.KeyId!;
    const derive = async (mine: string, theirs: string) =>
      (await kms.deriveSharedSecret({ KeyId: mine, KeyAgreementAlgorithm: 'ECDH', PublicKey: (await kms.getPublicKey({ KeyId: theirs })).PublicKey })).SharedSecret;
    expect(await derive(KeyId, other)).toEqual(await derive(other, KeyId));
  }
}

/** Every spec, usage, algorithm and data key pair spec through `Kms` on `make()`. */
export function keySpecMatrixSuite(providerName: string, make: () => CryptoProvider): void {
  describe(`every key spec through Kms on the ${providerName} provider`, () => {
    for (const entry of ENTRIES) {
      for (const usage of entry.keyUsages) {
        it(`${entry.spec} for ${usage}`, async () => {
          const provider = withFixtureRsaKeys(make());
          const kms = new Kms({ provider });
          const missing = capabilitiesFor(entry, usage)!.find((capability) => !provider.capabilities.has(capability));
          if (missing) {
            await expectUnsupported(kms.createKey({ KeySpec: entry.spec as KeySpec, KeyUsage: usage }), providerName, missing);
            expect((await kms.listKeys()).Keys).toEqual([]);
            return;
          }
          await exercise(kms, entry, usage, providerName, provider);
        });
      }
    }

    it('GenerateDataKeyPair makes every pair spec the provider can, and names the capability it cannot', async () => {
      const provider = withFixtureRsaKeys(make());
      const kms = new Kms({ provider });
      const KeyId = (await kms.createKey()).KeyMetadata!.KeyId!;
      for (const KeyPairSpec of PAIR_SPECS) {
        const recipe = KEY_SPEC_REGISTRY[KeyPairSpec]!.keyPair!;
        const capability: Capability = recipe.kind === 'rsa' ? 'rsa' : KEY_SPEC_REGISTRY[KeyPairSpec]!.signing!.algorithms[0]!.capability;
        if (!provider.capabilities.has(capability)) {
          await expectUnsupported(kms.generateDataKeyPair({ KeyId, KeyPairSpec }), providerName, capability);
          continue;
        }
        const pair = await kms.generateDataKeyPair({ KeyId, KeyPairSpec, EncryptionContext: { spec: KeyPairSpec } });
        expect((await kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob, EncryptionContext: { spec: KeyPairSpec } })).Plaintext).toEqual(pair.PrivateKeyPlaintext);
      }
    });
  });
}
