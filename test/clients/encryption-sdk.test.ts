/**
 * The AWS Encryption SDK for JavaScript (`@aws-crypto/client-node`, exact-pinned devDependency)
 * with `KmsKeyringNode`, against pocket-kms: in process through `createRequestHandler` and over
 * HTTP through `startServer`. The ESDK builds its own `KMS` clients per Region with `getClient`,
 * calls GenerateDataKey (generator), Encrypt (each extra key) and Decrypt, and checks the key ARNs
 * and data-key lengths KMS returns, so these tests hold pocket-kms to what the ESDK expects of AWS.
 * Keyrings use key ARNs, not aliases (an alias keyring cannot decrypt its own messages, on AWS too).
 */
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  getClient,
  KMS,
  KmsKeyringNode,
  type KmsNodeClientSupplier,
} from '@aws-crypto/client-node';
import { CreateKeyCommand, DecryptCommand, InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../src/aws-sdk/index.js';
import { startServer } from '../../src/node/index.js';
import { KmsPartition } from '../../src/partition.js';

const CREDENTIALS = { accessKeyId: 'AKIAESDKESDKESDK0000', secretAccessKey: 'esdk-secret' };
const REGION = 'us-west-2';
const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
const DEFAULT_SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384;
const COMMIT_NO_SIGNING = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

interface Setup {
  /** The ESDK's client provider, as an application would configure it. */
  readonly clientProvider: KmsNodeClientSupplier;
  /** Two key ARNs in `REGION`. */
  readonly generator: string;
  readonly other: string;
  /** A plain `KMSClient` on the same pocket-kms, for checks outside the ESDK. */
  readonly kms: KMSClient;
  close(): Promise<void>;
}

async function twoKeys(kms: KMSClient) {
  const one = await kms.send(new CreateKeyCommand({ Description: 'esdk generator' }));
  const two = await kms.send(new CreateKeyCommand({ Description: 'esdk other' }));
  return { generator: one.KeyMetadata!.Arn!, other: two.KeyMetadata!.Arn! };
}

const setups: Array<{ name: string; open(): Promise<Setup> }> = [
  {
    name: 'in process (getClient(KMS, { credentials, requestHandler }))',
    async open() {
      const requestHandler = createRequestHandler(new KmsPartition());
      const kms = new KMSClient({ region: REGION, credentials: CREDENTIALS, requestHandler, maxAttempts: 1 });
      const clientProvider = getClient(KMS, { credentials: CREDENTIALS, requestHandler });
      return { clientProvider, kms, ...(await twoKeys(kms)), close: async () => kms.destroy() };
    },
  },
  {
    name: 'over HTTP (getClient(KMS, { credentials, endpoint }))',
    async open() {
      const server = await startServer({ port: 0 });
      const kms = new KMSClient({ region: REGION, credentials: CREDENTIALS, endpoint: server.url, maxAttempts: 1 });
      const clientProvider = getClient(KMS, { credentials: CREDENTIALS, endpoint: server.url });
      return {
        clientProvider,
        kms,
        ...(await twoKeys(kms)),
        async close() {
          kms.destroy();
          await server.close();
        },
      };
    },
  },
];

const enc = new TextEncoder();
const plaintext = enc.encode('attack at dawn — an Encryption SDK message');
const context = { tenant: 'acme', purpose: 'esdk-test' };

/** Where `needle` first occurs in `haystack`, or -1. */
function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe.each(setups)('AWS Encryption SDK KmsKeyringNode, $name', ({ open }) => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await open();
    expect(setup.generator).toMatch(new RegExp(`^arn:aws:kms:${REGION}:111122223333:key/`));
  });
  afterAll(async () => {
    await setup?.close();
  });

  it('encrypts and decrypts with the default (committing, ECDSA P-384 signing) suite, generator + extra key', async () => {
    const keyring = new KmsKeyringNode({ generatorKeyId: setup.generator, keyIds: [setup.other], clientProvider: setup.clientProvider });
    const { result, messageHeader } = await encrypt(keyring, plaintext, { encryptionContext: context });
    expect(messageHeader.suiteId).toBe(DEFAULT_SUITE);
    expect(messageHeader.encryptedDataKeys.map((edk) => [edk.providerId, edk.providerInfo])).toEqual([
      ['aws-kms', setup.generator],
      ['aws-kms', setup.other],
    ]);

    const decrypted = await decrypt(keyring, result);
    expect(new Uint8Array(decrypted.plaintext)).toEqual(plaintext);
    expect(decrypted.messageHeader.suiteId).toBe(DEFAULT_SUITE);
    // The caller's context comes back, plus the signing suite's public key.
    expect(decrypted.messageHeader.encryptionContext).toMatchObject(context);
    expect(Object.keys(decrypted.messageHeader.encryptionContext).sort()).toEqual(['aws-crypto-public-key', 'purpose', 'tenant']);

    // Each key alone can decrypt: the second EDK came from KMS Encrypt of the generated data key.
    for (const keyId of [setup.generator, setup.other]) {
      const single = new KmsKeyringNode({ keyIds: [keyId], clientProvider: setup.clientProvider });
      expect(new Uint8Array((await decrypt(single, result)).plaintext)).toEqual(plaintext);
    }
  });

  it('encrypts and decrypts with a committing non-signing suite; the context round-trips exactly', async () => {
    const keyring = new KmsKeyringNode({ generatorKeyId: setup.generator, keyIds: [setup.other], clientProvider: setup.clientProvider });
    const { result, messageHeader } = await encrypt(keyring, plaintext, { suiteId: COMMIT_NO_SIGNING, encryptionContext: context });
    expect(messageHeader.suiteId).toBe(COMMIT_NO_SIGNING);
    expect(messageHeader.encryptedDataKeys).toHaveLength(2);

    const decrypted = await decrypt(keyring, result);
    expect(new Uint8Array(decrypted.plaintext)).toEqual(plaintext);
    expect(decrypted.messageHeader.suiteId).toBe(COMMIT_NO_SIGNING);
    expect(decrypted.messageHeader.encryptionContext).toEqual(context);

    // KMS itself binds the data key to that context (the ESDK sends it sorted, KMS compares it as a set).
    const [edk] = messageHeader.encryptedDataKeys;
    const unwrapped = await setup.kms.send(new DecryptCommand({ CiphertextBlob: edk!.encryptedDataKey, EncryptionContext: { purpose: context.purpose, tenant: context.tenant } }));
    expect(unwrapped.Plaintext).toHaveLength(32);
    expect(unwrapped.KeyId).toBe(setup.generator);
    const refused = await setup.kms
      .send(new DecryptCommand({ CiphertextBlob: edk!.encryptedDataKey, EncryptionContext: { ...context, tenant: 'acmf' } }))
      .then(
        () => expect.fail('a tampered context decrypted'),
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(InvalidCiphertextException);
  });

  it('refuses a message whose encryption context was tampered with: KMS will not release the data key', async () => {
    const keyring = new KmsKeyringNode({ generatorKeyId: setup.generator, clientProvider: setup.clientProvider });
    const { result } = await encrypt(keyring, plaintext, { suiteId: COMMIT_NO_SIGNING, encryptionContext: context });
    // With the non-signing suite the header holds the context verbatim: change one byte of a value.
    const tampered = new Uint8Array(result);
    const at = indexOf(tampered, enc.encode('acme'));
    expect(at).toBeGreaterThan(0);
    tampered[at + 3] = 'f'.charCodeAt(0);

    const error = await decrypt(keyring, tampered).then(
      () => expect.fail('a tampered message decrypted'),
      (e: unknown) => e as Error,
    );
    // The ESDK sends the tampered context to KMS Decrypt, which refuses it; the keyring wraps that.
    expect(error.message).toMatch(/Unable to decrypt data key/);
    expect(error.message).toMatch(/InvalidCiphertextException/);
  });
});
