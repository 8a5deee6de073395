/**
 * The real `@aws-sdk/client-kms` (exact-pinned devDependency) against pocket-kms, through both
 * transports: the in-process `requestHandler` (`pocket-kms/aws-sdk`) and the loopback HTTP server
 * (`pocket-kms/node`). The same suite runs against each, so the SDK serializes, signs, sends and
 * parses every call exactly as it does against AWS, and every operation is checked end to end:
 * types after parsing (Uint8Array blobs, Date timestamps), typed exceptions, `$metadata`, the
 * SDK's own paginators, the aggregated `KMS` class, credentials → principals, Region routing and
 * strict SigV4 verification.
 */
import {
  AlreadyExistsException,
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisabledException,
  DryRunOperationException,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateMacCommand,
  GenerateRandomCommand,
  GetKeyPolicyCommand,
  GetPublicKeyCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  InvalidKeyUsageException,
  InvalidMarkerException,
  KMS,
  KMSClient,
  type KMSClientConfig,
  KMSInvalidMacException,
  KMSInvalidSignatureException,
  KMSInvalidStateException,
  KMSServiceException,
  type DataKeyPairSpec,
  type KeySpec,
  type SigningAlgorithmSpec,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeyPoliciesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ListRetirableGrantsCommand,
  NotFoundException,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  UnsupportedOperationException,
  VerifyCommand,
  VerifyMacCommand,
  paginateListAliases,
  paginateListGrants,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  publicEncrypt,
  sign as cryptoSign,
  verify as cryptoVerify,
} from 'node:crypto';
import { shake256 } from '@noble/hashes/sha3.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../src/aws-sdk/index.js';
import { nobleProvider } from '../../src/crypto/noble.js';
import { Kms } from '../../src/kms.js';
import { OPERATIONS } from '../../src/kms.js';
import { nodeProvider, startServer } from '../../src/node/index.js';
import { KmsPartition } from '../../src/partition.js';
import type { ProtocolOptions } from '../../src/protocol/types.js';
import { withFixtureRsaKeys } from '../fixtures/fixture-rsa-provider.js';

const ACCOUNT = '111122223333';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/Alice`;
const KEY_ARN = (region = 'us-east-1') => new RegExp(`^arn:aws:kms:${region}:${ACCOUNT}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`);
const GRANT_ID = /^[0-9a-f]{64}$/;
const ROOT_CREDENTIALS = { accessKeyId: 'AKIAROOTROOTROOT0000', secretAccessKey: 'any-secret' };
const ALICE_CREDENTIALS = { accessKeyId: 'AKIAALICEALICE00000', secretAccessKey: 'alice-secret' };
const DAY = 86_400_000;

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/**
 * One way of reaching pocket-kms: what to add to a `KMSClient`'s config, and how to wipe it. Both
 * serve a partition whose RSA key pairs come from the test fixtures (generating them would dominate
 * the run time); the in-process handler runs on the noble provider, the server on node:crypto.
 */
interface Transport {
  readonly config: Partial<KMSClientConfig>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

interface TransportKind {
  readonly name: string;
  open(options?: ProtocolOptions): Promise<Transport>;
}

const inProcess: TransportKind = {
  name: 'in-process requestHandler',
  async open(options) {
    const partition = new KmsPartition({ provider: withFixtureRsaKeys(nobleProvider()) });
    return {
      config: { requestHandler: createRequestHandler(partition, options) },
      async reset() {
        partition.reset();
      },
      async close() {},
    };
  },
};

const overHttp: TransportKind = {
  name: 'HTTP server',
  async open(options) {
    const server = await startServer({ ...options, port: 0, target: new KmsPartition({ provider: withFixtureRsaKeys(nodeProvider()) }) });
    return {
      config: { endpoint: server.url },
      async reset() {
        const response = await fetch(new URL('/_pocket-kms/reset', server.url), { method: 'POST' });
        expect(response.status).toBeLessThan(300);
        await response.arrayBuffer();
      },
      close: () => server.close(),
    };
  },
};

/** Resolves to the error `promise` rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<KMSServiceException> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail, but it succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KMSServiceException);
  return error as KMSServiceException;
}

/** The errors AWS sends without a message: their cause is never revealed. */
const SILENT_ERRORS: readonly string[] = ['InvalidCiphertextException', 'KMSInvalidMacException', 'KMSInvalidSignatureException'];

/**
 * An AWS client error as the SDK reports it: HTTP 400 and a request id. AWS sends a message with
 * every error but InvalidCiphertextException, KMSInvalidMacException and
 * KMSInvalidSignatureException, whose message is empty
 * (which the SDK renders as `UnknownError`).
 */
function expectClientError(error: KMSServiceException, name: string) {
  expect(error.name).toBe(name);
  expect(error.$fault).toBe('client');
  expect(error.$metadata.httpStatusCode).toBe(400);
  expect(error.$metadata.requestId).toMatch(/\S/);
  if (SILENT_ERRORS.includes(name)) expect(error.message).toBe('UnknownError');
  else expect(error.message).not.toBe('UnknownError');
}

function expectRecentDate(value: unknown, offsetMs = 0) {
  expect(value).toBeInstanceOf(Date);
  expect(Math.abs((value as Date).getTime() - (Date.now() + offsetMs))).toBeLessThan(60_000);
}

describe('@aws-sdk/client-kms covers every operation pocket-kms implements', () => {
  it('these tests exercise the 37 operations of OPERATIONS (update this file when one is added)', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(
      [
        'CancelKeyDeletion', 'CreateAlias', 'CreateGrant', 'CreateKey', 'Decrypt', 'DeleteAlias', 'DeriveSharedSecret', 'DescribeKey', 'DisableKey',
        'EnableKey', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext',
        'GenerateMac', 'GenerateRandom', 'GetKeyPolicy', 'GetPublicKey', 'ListAliases', 'ListGrants', 'ListKeyPolicies', 'ListKeys', 'ListResourceTags',
        'ListRetirableGrants', 'PutKeyPolicy', 'ReEncrypt', 'RetireGrant', 'RevokeGrant', 'ScheduleKeyDeletion', 'Sign', 'TagResource', 'UntagResource',
        'UpdateAlias', 'UpdateKeyDescription', 'Verify', 'VerifyMac',
      ].sort(),
    );
    expect(Object.keys(OPERATIONS)).toHaveLength(37);
  });
});

describe.each([inProcess, overHttp])('@aws-sdk/client-kms through the $name', (kind) => {
  let transport: Transport;
  const clients: Array<{ destroy(): void }> = [];

  /** A `KMSClient` on this transport; errors are not retried, to keep failing calls fast. */
  const makeClient = (config: Partial<KMSClientConfig> = {}, t: Transport = transport) => {
    const client = new KMSClient({ region: 'us-east-1', credentials: ROOT_CREDENTIALS, maxAttempts: 1, ...t.config, ...config });
    clients.push(client);
    return client;
  };
  let client: KMSClient;

  beforeAll(async () => {
    transport = await kind.open({
      credentials: { [ALICE_CREDENTIALS.accessKeyId]: { principal: ALICE } },
    });
    client = makeClient();
  });
  beforeEach(async () => {
    await transport.reset();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await transport?.close();
  });

  const createKey = async (description = 'client test key') => {
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: description }));
    return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
  };

  describe('keys', () => {
    it('CreateKey and DescribeKey: KeyMetadata with Date timestamps, $metadata with 200 and a request id', async () => {
      const created = await client.send(
        new CreateKeyCommand({ Description: 'first', Tags: [{ TagKey: 'env', TagValue: 'test' }] }),
      );
      expect(created.$metadata.httpStatusCode).toBe(200);
      expect(created.$metadata.requestId).toMatch(/\S/);
      expect(created.$metadata.attempts).toBe(1);
      const meta = created.KeyMetadata!;
      expect(meta.Arn).toMatch(KEY_ARN());
      expect(meta.Arn!.endsWith(`key/${meta.KeyId}`)).toBe(true);
      expect(meta).toMatchObject({
        AWSAccountId: ACCOUNT,
        Description: 'first',
        Enabled: true,
        KeyState: 'Enabled',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyManager: 'CUSTOMER',
        Origin: 'AWS_KMS',
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        MultiRegion: false,
      });
      expectRecentDate(meta.CreationDate);

      for (const id of [meta.KeyId!, meta.Arn!]) {
        const described = await client.send(new DescribeKeyCommand({ KeyId: id }));
        expect(described.KeyMetadata).toEqual(meta);
        expect(described.$metadata.requestId).not.toBe(created.$metadata.requestId);
      }
    });

    it('UpdateKeyDescription, DisableKey, EnableKey; a disabled key refuses Encrypt with DisabledException', async () => {
      const { keyId, arn } = await createKey();
      expect((await client.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: 'renamed' }))).$metadata.httpStatusCode).toBe(200);
      expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.Description).toBe('renamed');

      await client.send(new DisableKeyCommand({ KeyId: arn }));
      expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
      const error = await rejection(client.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') })));
      expect(error).toBeInstanceOf(DisabledException);
      expectClientError(error, 'DisabledException');
      expect(error.$metadata.attempts).toBe(1);

      await client.send(new EnableKeyCommand({ KeyId: keyId }));
      expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({ Enabled: true, KeyState: 'Enabled' });
      await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') }));
    });

    it('ScheduleKeyDeletion (a Date DeletionDate), KMSInvalidStateException while pending, CancelKeyDeletion', async () => {
      const { keyId, arn } = await createKey();
      const scheduled = await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
      expect(scheduled).toMatchObject({ KeyId: arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
      expectRecentDate(scheduled.DeletionDate, 7 * DAY);
      const described = (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
      expect(described).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false });
      // AWS shows PendingDeletionWindowInDays only for a multi-Region primary in PendingReplicaDeletion.
      expect(described).not.toHaveProperty('PendingDeletionWindowInDays');
      expect(described.DeletionDate).toEqual(scheduled.DeletionDate);

      const error = await rejection(client.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') })));
      expect(error).toBeInstanceOf(KMSInvalidStateException);
      expectClientError(error, 'KMSInvalidStateException');

      expect(await client.send(new CancelKeyDeletionCommand({ KeyId: keyId }))).toMatchObject({ KeyId: arn });
      expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({ KeyState: 'Disabled' });
    });

    it('an unknown key or alias is a NotFoundException; a bad request a ValidationException (unmodelled: by name)', async () => {
      for (const KeyId of ['alias/missing', '1234abcd-12ab-34cd-56ef-1234567890ab']) {
        const error = await rejection(client.send(new DescribeKeyCommand({ KeyId })));
        expect(error).toBeInstanceOf(NotFoundException);
        expectClientError(error, 'NotFoundException');
        expect(error.message).toContain(KeyId);
      }
      const { keyId } = await createKey();
      // The SDK validates nothing on the client side: the server must.
      const missing = await rejection(client.send(new EncryptCommand({ Plaintext: utf8('x') } as never)));
      expectClientError(missing, 'ValidationException');
      const tooMany = await rejection(client.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 1025 })));
      expectClientError(tooMany, 'ValidationException');
      const empty = await rejection(client.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(0) })));
      expectClientError(empty, 'ValidationException');
    });
  });

  describe('aliases and tags', () => {
    it('CreateAlias, ListAliases (Date timestamps), UpdateAlias, DeleteAlias; a duplicate is an AlreadyExistsException', async () => {
      const first = await createKey('first');
      const second = await createKey('second');
      await client.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: first.keyId }));
      const duplicate = await rejection(client.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: second.keyId })));
      expect(duplicate).toBeInstanceOf(AlreadyExistsException);
      expectClientError(duplicate, 'AlreadyExistsException');

      const { Aliases, Truncated } = await client.send(new ListAliasesCommand({ KeyId: first.keyId }));
      expect(Truncated).toBe(false);
      expect(Aliases).toHaveLength(1);
      expect(Aliases![0]).toMatchObject({
        AliasName: 'alias/app',
        AliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app`,
        TargetKeyId: first.keyId,
      });
      expectRecentDate(Aliases![0]!.CreationDate);
      expectRecentDate(Aliases![0]!.LastUpdatedDate);
      expect((await client.send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!.Arn).toBe(first.arn);
      expect((await client.send(new DescribeKeyCommand({ KeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app` }))).KeyMetadata!.Arn).toBe(first.arn);

      await client.send(new UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: second.arn }));
      expect((await client.send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!.Arn).toBe(second.arn);

      await client.send(new DeleteAliasCommand({ AliasName: 'alias/app' }));
      const gone = await rejection(client.send(new DescribeKeyCommand({ KeyId: 'alias/app' })));
      expect(gone).toBeInstanceOf(NotFoundException);
    });

    it('TagResource, ListResourceTags, UntagResource', async () => {
      const { keyId } = await createKey();
      await client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'team', TagValue: 'blue' }, { TagKey: 'env', TagValue: 'dev' }] }));
      const tagged = await client.send(new ListResourceTagsCommand({ KeyId: keyId }));
      expect(tagged.Truncated).toBe(false);
      expect([...tagged.Tags!].sort((a, b) => a.TagKey!.localeCompare(b.TagKey!))).toEqual([
        { TagKey: 'env', TagValue: 'dev' },
        { TagKey: 'team', TagValue: 'blue' },
      ]);
      await client.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['team'] }));
      expect((await client.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: 'env', TagValue: 'dev' }]);
    });
  });

  describe('cryptographic operations', () => {
    it('Encrypt and Decrypt: Uint8Array blobs, key ARNs, the encryption context (with non-ASCII) bound', async () => {
      const { keyId, arn } = await createKey();
      await client.send(new CreateAliasCommand({ AliasName: 'alias/crypto', TargetKeyId: keyId }));
      const context = { purpose: 'test', name: 'é✓ 日本' };
      const encrypted = await client.send(new EncryptCommand({ KeyId: 'alias/crypto', Plaintext: utf8('hello kms'), EncryptionContext: context }));
      expect(encrypted.CiphertextBlob).toBeInstanceOf(Uint8Array);
      expect(encrypted.KeyId).toBe(arn);
      expect(encrypted.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');

      // The SDK must see the encryption context as an unordered set.
      const reordered = { name: context.name, purpose: context.purpose };
      const decrypted = await client.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: reordered }));
      expect(decrypted.Plaintext).toBeInstanceOf(Uint8Array);
      expect(text(decrypted.Plaintext)).toBe('hello kms');
      expect(decrypted.KeyId).toBe(arn);
      expect(decrypted.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');

      const wrongContext = await rejection(client.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: { purpose: 'test' } })));
      expect(wrongContext).toBeInstanceOf(InvalidCiphertextException);
      expectClientError(wrongContext, 'InvalidCiphertextException');

      const other = await createKey('other');
      const wrongKey = await rejection(
        client.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: context, KeyId: other.arn })),
      );
      expect(wrongKey).toBeInstanceOf(IncorrectKeyException);
      expectClientError(wrongKey, 'IncorrectKeyException');

      const garbage = await rejection(client.send(new DecryptCommand({ CiphertextBlob: utf8('not a ciphertext at all, sorry') })));
      expect(garbage).toBeInstanceOf(InvalidCiphertextException);
    });

    it('ReEncrypt moves a ciphertext to another key', async () => {
      const source = await createKey('source');
      const destination = await createKey('destination');
      const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: source.keyId, Plaintext: utf8('move me'), EncryptionContext: { a: '1' } }));
      const moved = await client.send(
        new ReEncryptCommand({
          CiphertextBlob,
          SourceEncryptionContext: { a: '1' },
          DestinationKeyId: destination.keyId,
          DestinationEncryptionContext: { b: '2' },
        }),
      );
      expect(moved.CiphertextBlob).toBeInstanceOf(Uint8Array);
      expect(moved).toMatchObject({
        SourceKeyId: source.arn,
        KeyId: destination.arn,
        SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      });
      const back = await client.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob, EncryptionContext: { b: '2' } }));
      expect(text(back.Plaintext)).toBe('move me');
      expect(back.KeyId).toBe(destination.arn);
    });

    it('GenerateDataKey (KeySpec and NumberOfBytes), GenerateDataKeyWithoutPlaintext, GenerateRandom', async () => {
      const { keyId, arn } = await createKey();
      const aes256 = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { k: 'v' } }));
      expect(aes256.KeyId).toBe(arn);
      expect(aes256.Plaintext).toBeInstanceOf(Uint8Array);
      expect(aes256.Plaintext).toHaveLength(32);
      expect(aes256.CiphertextBlob).toBeInstanceOf(Uint8Array);
      const unwrapped = await client.send(new DecryptCommand({ CiphertextBlob: aes256.CiphertextBlob, EncryptionContext: { k: 'v' } }));
      expect(unwrapped.Plaintext).toEqual(aes256.Plaintext);

      const sixteen = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 16 }));
      expect(sixteen.Plaintext).toHaveLength(16);

      const sealed = await client.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: 'AES_128' }));
      expect(sealed.KeyId).toBe(arn);
      expect(sealed).not.toHaveProperty('Plaintext');
      expect((await client.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }))).Plaintext).toHaveLength(16);

      const random = await client.send(new GenerateRandomCommand({ NumberOfBytes: 48 }));
      expect(random.Plaintext).toBeInstanceOf(Uint8Array);
      expect(random.Plaintext).toHaveLength(48);
      expect(random.$metadata.httpStatusCode).toBe(200);
    });
  });

  describe('HMAC keys', () => {
    const createHmacKey = async (KeySpec: 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512' = 'HMAC_256') => {
      const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: `hmac ${KeySpec}`, KeySpec, KeyUsage: 'GENERATE_VERIFY_MAC' }));
      return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn!, meta: KeyMetadata! };
    };

    it('CreateKey with KeySpec HMAC_256 and KeyUsage GENERATE_VERIFY_MAC: MacAlgorithms, no EncryptionAlgorithms', async () => {
      const { keyId, meta } = await createHmacKey();
      expect(meta.Arn).toMatch(KEY_ARN());
      expect(meta).toMatchObject({
        AWSAccountId: ACCOUNT,
        Enabled: true,
        KeyState: 'Enabled',
        KeyUsage: 'GENERATE_VERIFY_MAC',
        KeySpec: 'HMAC_256',
        CustomerMasterKeySpec: 'HMAC_256',
        MacAlgorithms: ['HMAC_SHA_256'],
        Origin: 'AWS_KMS',
      });
      expect(meta).not.toHaveProperty('EncryptionAlgorithms');
      expectRecentDate(meta.CreationDate);
      expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toEqual(meta);
    });

    it('GenerateMac and VerifyMac: a Uint8Array MAC, MacValid true; a wrong MAC is a KMSInvalidMacException', async () => {
      const { keyId, arn } = await createHmacKey();
      await client.send(new CreateAliasCommand({ AliasName: 'alias/mac', TargetKeyId: keyId }));
      const Message = utf8('mac me: é✓ 日本');
      const generated = await client.send(new GenerateMacCommand({ KeyId: 'alias/mac', Message, MacAlgorithm: 'HMAC_SHA_256' }));
      expect(generated.$metadata.httpStatusCode).toBe(200);
      expect(generated.Mac).toBeInstanceOf(Uint8Array);
      expect(generated.Mac).toHaveLength(32);
      expect(generated).toMatchObject({ KeyId: arn, MacAlgorithm: 'HMAC_SHA_256' });
      // Deterministic: the same message under the same key, by another key form, gives the same MAC.
      const again = await client.send(new GenerateMacCommand({ KeyId: arn, Message, MacAlgorithm: 'HMAC_SHA_256' }));
      expect(again.Mac).toEqual(generated.Mac);

      const verified = await client.send(new VerifyMacCommand({ KeyId: keyId, Message, MacAlgorithm: 'HMAC_SHA_256', Mac: generated.Mac }));
      expect(verified).toMatchObject({ KeyId: arn, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' });
      expect(verified.$metadata.httpStatusCode).toBe(200);

      const tampered = generated.Mac!.slice();
      tampered[0]! ^= 1;
      for (const [what, input] of [
        ['a flipped bit', { Mac: tampered, Message }],
        ['a truncated MAC', { Mac: generated.Mac!.slice(0, 31), Message }],
        ['another message', { Mac: generated.Mac, Message: utf8('mac me too') }],
      ] as const) {
        const error = await rejection(client.send(new VerifyMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', ...input })));
        expect(error, what).toBeInstanceOf(KMSInvalidMacException);
        expectClientError(error, 'KMSInvalidMacException');
      }
    });

    it('each HMAC key spec makes and verifies a MAC of its length', async () => {
      for (const [spec, algorithm, length] of [
        ['HMAC_224', 'HMAC_SHA_224', 28],
        ['HMAC_384', 'HMAC_SHA_384', 48],
        ['HMAC_512', 'HMAC_SHA_512', 64],
      ] as const) {
        const { keyId, meta } = await createHmacKey(spec);
        expect(meta.MacAlgorithms, spec).toEqual([algorithm]);
        const Message = utf8(`message for ${spec}`);
        const { Mac } = await client.send(new GenerateMacCommand({ KeyId: keyId, Message, MacAlgorithm: algorithm }));
        expect(Mac, spec).toHaveLength(length);
        expect((await client.send(new VerifyMacCommand({ KeyId: keyId, Message, MacAlgorithm: algorithm, Mac }))).MacValid, spec).toBe(true);
      }
    });

    it('InvalidKeyUsageException for the wrong MacAlgorithm, a symmetric key, and an HMAC key used to encrypt; DryRun', async () => {
      const hmac = await createHmacKey();
      const symmetric = await createKey('symmetric');
      const Message = utf8('m');
      const wrongAlgorithm = await rejection(client.send(new GenerateMacCommand({ KeyId: hmac.keyId, Message, MacAlgorithm: 'HMAC_SHA_512' })));
      expect(wrongAlgorithm).toBeInstanceOf(InvalidKeyUsageException);
      expectClientError(wrongAlgorithm, 'InvalidKeyUsageException');
      expect(wrongAlgorithm.message).toBe('Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.');

      const notHmac = await rejection(client.send(new GenerateMacCommand({ KeyId: symmetric.keyId, Message, MacAlgorithm: 'HMAC_SHA_256' })));
      expect(notHmac).toBeInstanceOf(InvalidKeyUsageException);
      expect(notHmac.message).toBe(`${symmetric.arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`);

      const verifyOnSymmetric = await rejection(client.send(new VerifyMacCommand({ KeyId: symmetric.arn, Message, MacAlgorithm: 'HMAC_SHA_256', Mac: new Uint8Array(32) })));
      expect(verifyOnSymmetric).toBeInstanceOf(InvalidKeyUsageException);

      const encryptWithHmac = await rejection(client.send(new EncryptCommand({ KeyId: hmac.keyId, Plaintext: Message })));
      expect(encryptWithHmac).toBeInstanceOf(InvalidKeyUsageException);
      expectClientError(encryptWithHmac, 'InvalidKeyUsageException');

      const dryRun = await rejection(client.send(new GenerateMacCommand({ KeyId: hmac.keyId, Message, MacAlgorithm: 'HMAC_SHA_256', DryRun: true })));
      expect(dryRun).toBeInstanceOf(DryRunOperationException);

      // The SDK validates nothing on the client side: a missing Mac is the server's ValidationException.
      const missing = await rejection(client.send(new VerifyMacCommand({ KeyId: hmac.keyId, Message, MacAlgorithm: 'HMAC_SHA_256' } as never)));
      expectClientError(missing, 'ValidationException');
    });

    it('a grant for GenerateMac and VerifyMac lets a user without policies use the HMAC key', async () => {
      const { keyId, arn } = await createHmacKey();
      const alice = makeClient({ credentials: ALICE_CREDENTIALS });
      const Message = utf8('granted');
      const denied = await rejection(alice.send(new GenerateMacCommand({ KeyId: arn, Message, MacAlgorithm: 'HMAC_SHA_256' })));
      expectClientError(denied, 'AccessDeniedException');
      expect(denied.message).toContain('kms:GenerateMac');

      const { GrantToken } = await client.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: ALICE, Operations: ['GenerateMac', 'VerifyMac'] }));
      const { Mac } = await alice.send(new GenerateMacCommand({ KeyId: arn, Message, MacAlgorithm: 'HMAC_SHA_256', GrantTokens: [GrantToken!] }));
      const verified = await alice.send(new VerifyMacCommand({ KeyId: arn, Message, MacAlgorithm: 'HMAC_SHA_256', Mac, GrantTokens: [GrantToken!] }));
      expect(verified.MacValid).toBe(true);
    });
  });

  describe('signing keys', () => {
    const createSigningKey = async (KeySpec: 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521' | 'ECC_SECG_P256K1' | 'ECC_NIST_EDWARDS25519' = 'ECC_NIST_P256') => {
      const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: `signing ${KeySpec}`, KeySpec, KeyUsage: 'SIGN_VERIFY' }));
      return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn!, meta: KeyMetadata! };
    };

    it('CreateKey with KeySpec ECC_NIST_P256 and KeyUsage SIGN_VERIFY: SigningAlgorithms, no EncryptionAlgorithms', async () => {
      const { keyId, meta } = await createSigningKey();
      expect(meta.Arn).toMatch(KEY_ARN());
      expect(meta).toMatchObject({
        AWSAccountId: ACCOUNT,
        Enabled: true,
        KeyState: 'Enabled',
        KeyUsage: 'SIGN_VERIFY',
        KeySpec: 'ECC_NIST_P256',
        CustomerMasterKeySpec: 'ECC_NIST_P256',
        SigningAlgorithms: ['ECDSA_SHA_256'],
        Origin: 'AWS_KMS',
      });
      expect(meta).not.toHaveProperty('EncryptionAlgorithms');
      expect(meta).not.toHaveProperty('MacAlgorithms');
      expect((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toEqual(meta);
    });

    it('Sign, Verify and GetPublicKey: a DER signature, SignatureValid true, an SPKI public key node:crypto imports', async () => {
      const { keyId, arn } = await createSigningKey();
      await client.send(new CreateAliasCommand({ AliasName: 'alias/signing', TargetKeyId: keyId }));
      const Message = utf8('sign me: é✓ 日本');
      const signed = await client.send(new SignCommand({ KeyId: 'alias/signing', Message, SigningAlgorithm: 'ECDSA_SHA_256' }));
      expect(signed.$metadata.httpStatusCode).toBe(200);
      expect(signed).toMatchObject({ KeyId: arn, SigningAlgorithm: 'ECDSA_SHA_256' });
      expect(signed.Signature).toBeInstanceOf(Uint8Array);
      expect(signed.Signature![0]).toBe(0x30);
      expect(signed.Signature!.length).toBeLessThanOrEqual(72);

      const verified = await client.send(new VerifyCommand({ KeyId: keyId, Message, Signature: signed.Signature, SigningAlgorithm: 'ECDSA_SHA_256' }));
      expect(verified).toMatchObject({ KeyId: arn, SignatureValid: true, SigningAlgorithm: 'ECDSA_SHA_256' });
      expect(verified.$metadata.httpStatusCode).toBe(200);

      // A digest signed with MessageType DIGEST verifies as the message it is the digest of.
      const digest = new Uint8Array(createHash('sha256').update(Message).digest());
      const signedDigest = await client.send(new SignCommand({ KeyId: arn, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
      expect((await client.send(new VerifyCommand({ KeyId: keyId, Message, Signature: signedDigest.Signature, SigningAlgorithm: 'ECDSA_SHA_256' }))).SignatureValid).toBe(true);

      const publicKey = await client.send(new GetPublicKeyCommand({ KeyId: 'alias/signing' }));
      expect(publicKey.$metadata.httpStatusCode).toBe(200);
      expect(publicKey).toMatchObject({
        KeyId: arn,
        KeySpec: 'ECC_NIST_P256',
        CustomerMasterKeySpec: 'ECC_NIST_P256',
        KeyUsage: 'SIGN_VERIFY',
        SigningAlgorithms: ['ECDSA_SHA_256'],
      });
      expect(publicKey).not.toHaveProperty('EncryptionAlgorithms');
      expect(publicKey.PublicKey).toBeInstanceOf(Uint8Array);
      const imported = createPublicKey({ key: Buffer.from(publicKey.PublicKey!), format: 'der', type: 'spki' });
      expect(imported.asymmetricKeyType).toBe('ec');
      expect(imported.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
      // The signature verifies outside KMS too, and a signature made outside KMS is not needed to check it.
      expect(cryptoVerify('sha256', Message, imported, signed.Signature!)).toBe(true);
      expect(cryptoVerify('sha256', utf8('another message'), imported, signed.Signature!)).toBe(false);

      const tampered = signed.Signature!.slice();
      tampered[tampered.length - 1]! ^= 1;
      for (const [what, input] of [
        ['a flipped bit', { Signature: tampered, Message }],
        ['a truncated signature', { Signature: signed.Signature!.slice(0, -1), Message }],
        ['another message', { Signature: signed.Signature, Message: utf8('sign me too') }],
        ['64 zero bytes', { Signature: new Uint8Array(64), Message }],
      ] as const) {
        const error = await rejection(client.send(new VerifyCommand({ KeyId: keyId, SigningAlgorithm: 'ECDSA_SHA_256', ...input })));
        expect(error, what).toBeInstanceOf(KMSInvalidSignatureException);
        expectClientError(error, 'KMSInvalidSignatureException');
      }
    });

    it('each signing key spec signs and verifies, and its public key imports with node:crypto', async () => {
      for (const [spec, algorithm, type, hash, algorithms] of [
        ['ECC_NIST_P384', 'ECDSA_SHA_384', 'ec', 'sha384', ['ECDSA_SHA_384']],
        ['ECC_NIST_P521', 'ECDSA_SHA_512', 'ec', 'sha512', ['ECDSA_SHA_512']],
        ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'ec', 'sha256', ['ECDSA_SHA_256']],
        ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512', 'ed25519', null, ['ED25519_SHA_512', 'ED25519_PH_SHA_512']],
      ] as const) {
        const { keyId, meta } = await createSigningKey(spec);
        expect(meta.SigningAlgorithms, spec).toEqual(algorithms);
        const Message = utf8(`message for ${spec}`);
        const { Signature } = await client.send(new SignCommand({ KeyId: keyId, Message, SigningAlgorithm: algorithm }));
        expect((await client.send(new VerifyCommand({ KeyId: keyId, Message, Signature, SigningAlgorithm: algorithm }))).SignatureValid, spec).toBe(true);
        const { PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
        const imported = createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' });
        expect(imported.asymmetricKeyType, spec).toBe(type);
        expect(cryptoVerify(hash, Message, imported, Signature!), spec).toBe(true);
      }
    });

    it('InvalidKeyUsageException for the wrong SigningAlgorithm and a symmetric key; a signing key cannot encrypt; GetPublicKey of a symmetric key; DryRun', async () => {
      const signing = await createSigningKey();
      const symmetric = await createKey('symmetric');
      const Message = utf8('m');
      const wrongAlgorithm = await rejection(client.send(new SignCommand({ KeyId: signing.keyId, Message, SigningAlgorithm: 'ECDSA_SHA_384' })));
      expect(wrongAlgorithm).toBeInstanceOf(InvalidKeyUsageException);
      expectClientError(wrongAlgorithm, 'InvalidKeyUsageException');
      expect(wrongAlgorithm.message).toBe('Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.');

      const notSigning = await rejection(client.send(new SignCommand({ KeyId: symmetric.keyId, Message, SigningAlgorithm: 'ECDSA_SHA_256' })));
      expect(notSigning).toBeInstanceOf(InvalidKeyUsageException);
      expect(notSigning.message).toBe(`${symmetric.arn} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`);

      const verifyOnSymmetric = await rejection(client.send(new VerifyCommand({ KeyId: symmetric.arn, Message, Signature: new Uint8Array(64), SigningAlgorithm: 'ECDSA_SHA_256' })));
      expect(verifyOnSymmetric).toBeInstanceOf(InvalidKeyUsageException);

      const badDigest = await rejection(client.send(new SignCommand({ KeyId: signing.keyId, Message: new Uint8Array(31), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' })));
      expectClientError(badDigest, 'ValidationException');
      expect(badDigest.message).toBe('Digest is invalid length for algorithm ECDSA_SHA_256.');

      const encryptWithSigning = await rejection(client.send(new EncryptCommand({ KeyId: signing.keyId, Plaintext: Message })));
      expect(encryptWithSigning).toBeInstanceOf(InvalidKeyUsageException);
      expect(encryptWithSigning.message).toBe(`${signing.arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`);

      const macWithSigning = await rejection(client.send(new GenerateMacCommand({ KeyId: signing.keyId, Message, MacAlgorithm: 'HMAC_SHA_256' })));
      expect(macWithSigning).toBeInstanceOf(InvalidKeyUsageException);

      const noPublicKey = await rejection(client.send(new GetPublicKeyCommand({ KeyId: symmetric.keyId })));
      expect(noPublicKey).toBeInstanceOf(UnsupportedOperationException);
      expectClientError(noPublicKey, 'UnsupportedOperationException');

      const dryRun = await rejection(client.send(new SignCommand({ KeyId: signing.keyId, Message, SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true })));
      expect(dryRun).toBeInstanceOf(DryRunOperationException);

      await client.send(new DisableKeyCommand({ KeyId: signing.keyId }));
      const disabled = await rejection(client.send(new GetPublicKeyCommand({ KeyId: signing.arn })));
      expect(disabled).toBeInstanceOf(DisabledException);

      // The SDK validates nothing on the client side: a missing Signature is the server's ValidationException.
      const missing = await rejection(client.send(new VerifyCommand({ KeyId: signing.keyId, Message, SigningAlgorithm: 'ECDSA_SHA_256' } as never)));
      expectClientError(missing, 'ValidationException');
    });

    it('a grant for Sign, Verify and GetPublicKey lets a user without policies use the signing key', async () => {
      const { keyId, arn } = await createSigningKey();
      const alice = makeClient({ credentials: ALICE_CREDENTIALS });
      const Message = utf8('granted');
      const denied = await rejection(alice.send(new SignCommand({ KeyId: arn, Message, SigningAlgorithm: 'ECDSA_SHA_256' })));
      expectClientError(denied, 'AccessDeniedException');
      expect(denied.message).toContain('kms:Sign');

      const { GrantToken } = await client.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: ALICE, Operations: ['Sign', 'Verify', 'GetPublicKey'] }));
      const { Signature } = await alice.send(new SignCommand({ KeyId: arn, Message, SigningAlgorithm: 'ECDSA_SHA_256', GrantTokens: [GrantToken!] }));
      const verified = await alice.send(new VerifyCommand({ KeyId: arn, Message, Signature, SigningAlgorithm: 'ECDSA_SHA_256', GrantTokens: [GrantToken!] }));
      expect(verified.SignatureValid).toBe(true);
      const { PublicKey } = await alice.send(new GetPublicKeyCommand({ KeyId: arn, GrantTokens: [GrantToken!] }));
      expect(PublicKey).toBeInstanceOf(Uint8Array);
    });
  });

  describe('asymmetric keys: RSA, key agreement, ML-DSA, data key pairs', () => {
    const createAsymmetricKey = async (KeySpec: KeySpec, KeyUsage: 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'KEY_AGREEMENT') => {
      const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: `${KeySpec} ${KeyUsage}`, KeySpec, KeyUsage }));
      return { keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn!, meta: KeyMetadata! };
    };
    const spkiOf = async (KeyId: string) => {
      const got = await client.send(new GetPublicKeyCommand({ KeyId }));
      return { got, key: createPublicKey({ key: Buffer.from(got.PublicKey!), format: 'der', type: 'spki' }) };
    };
    /** A signature by `privateKey` that `publicKey` verifies: the two are halves of one pair. */
    const expectPair = (privateKey: ReturnType<typeof createPrivateKey>, publicKey: ReturnType<typeof createPublicKey>, what: string) => {
      const message = utf8(`pair check: ${what}`);
      const hash = privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
      const signature = cryptoSign(hash, message, privateKey);
      expect(cryptoVerify(hash, message, publicKey, signature), what).toBe(true);
      expect(cryptoVerify(hash, utf8('another message'), publicKey, signature), what).toBe(false);
      expect(Buffer.from(createPublicKey(privateKey).export({ type: 'spki', format: 'der' })).equals(publicKey.export({ type: 'spki', format: 'der' })), what).toBe(true);
    };
    const PAIR_SPECS: readonly [DataKeyPairSpec, string, Record<string, unknown>][] = [
      ['RSA_2048', 'rsa', { modulusLength: 2048, publicExponent: 65537n }],
      ['RSA_3072', 'rsa', { modulusLength: 3072 }],
      ['RSA_4096', 'rsa', { modulusLength: 4096 }],
      ['ECC_NIST_P256', 'ec', { namedCurve: 'prime256v1' }],
      ['ECC_NIST_P384', 'ec', { namedCurve: 'secp384r1' }],
      ['ECC_NIST_P521', 'ec', { namedCurve: 'secp521r1' }],
      ['ECC_SECG_P256K1', 'ec', { namedCurve: 'secp256k1' }],
      ['ECC_NIST_EDWARDS25519', 'ed25519', {}],
    ];

    it('GenerateDataKeyPair: a PKCS#8 private key and an SPKI public key node:crypto imports, halves of one pair, and PrivateKeyCiphertextBlob decrypts to the same private key', async () => {
      const { keyId, arn } = await createKey('wraps data key pairs');
      const meta = (await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
      expect(meta.CurrentKeyMaterialId).toMatch(/\S/);
      for (const [KeyPairSpec, type, details] of PAIR_SPECS) {
        const context = { purpose: 'pair', spec: KeyPairSpec };
        const made = await client.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec, EncryptionContext: context }));
        expect(made.$metadata.httpStatusCode).toBe(200);
        expect(made).toMatchObject({ KeyId: arn, KeyPairSpec });
        expect(made.KeyMaterialId, KeyPairSpec).toBe(meta.CurrentKeyMaterialId);
        for (const blob of [made.PrivateKeyPlaintext, made.PublicKey, made.PrivateKeyCiphertextBlob]) expect(blob, KeyPairSpec).toBeInstanceOf(Uint8Array);
        const privateKey = createPrivateKey({ key: Buffer.from(made.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' });
        const publicKey = createPublicKey({ key: Buffer.from(made.PublicKey!), format: 'der', type: 'spki' });
        expect(privateKey.asymmetricKeyType, KeyPairSpec).toBe(type);
        expect(publicKey.asymmetricKeyDetails, KeyPairSpec).toMatchObject(details);
        expectPair(privateKey, publicKey, KeyPairSpec);
        const opened = await client.send(new DecryptCommand({ CiphertextBlob: made.PrivateKeyCiphertextBlob, EncryptionContext: context }));
        expect(opened.KeyId, KeyPairSpec).toBe(arn);
        expect(opened.Plaintext, KeyPairSpec).toEqual(made.PrivateKeyPlaintext);
        // The context is bound: without it the private key does not come back.
        const unbound = await rejection(client.send(new DecryptCommand({ CiphertextBlob: made.PrivateKeyCiphertextBlob })));
        expect(unbound, KeyPairSpec).toBeInstanceOf(InvalidCiphertextException);
      }
    });

    it('GenerateDataKeyPairWithoutPlaintext: no PrivateKeyPlaintext; the blob decrypts to the private key of PublicKey; SM2 and asymmetric wrapping keys are refused', async () => {
      const { keyId, arn } = await createKey('wraps sealed pairs');
      for (const KeyPairSpec of ['RSA_2048', 'ECC_NIST_P256', 'ECC_NIST_EDWARDS25519'] as const) {
        const sealed = await client.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keyId, KeyPairSpec }));
        expect(sealed.$metadata.httpStatusCode).toBe(200);
        expect(sealed).toMatchObject({ KeyId: arn, KeyPairSpec });
        expect(sealed).not.toHaveProperty('PrivateKeyPlaintext');
        const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob: sealed.PrivateKeyCiphertextBlob }));
        const privateKey = createPrivateKey({ key: Buffer.from(Plaintext!), format: 'der', type: 'pkcs8' });
        expectPair(privateKey, createPublicKey({ key: Buffer.from(sealed.PublicKey!), format: 'der', type: 'spki' }), KeyPairSpec);
      }
      const sm2 = await rejection(client.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keyId, KeyPairSpec: 'SM2' })));
      expect(sm2).toBeInstanceOf(UnsupportedOperationException);
      expectClientError(sm2, 'UnsupportedOperationException');
      expect(sm2.message).toBe('KeyPairSpec SM2 is not supported in this Region');
      const rsa = await createAsymmetricKey('RSA_2048', 'ENCRYPT_DECRYPT');
      const asymmetric = await rejection(client.send(new GenerateDataKeyPairCommand({ KeyId: rsa.keyId, KeyPairSpec: 'ECC_NIST_P256' })));
      expect(asymmetric).toBeInstanceOf(InvalidKeyUsageException);
      const dryRun = await rejection(client.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'RSA_4096', DryRun: true })));
      expect(dryRun).toBeInstanceOf(DryRunOperationException);
    });

    it('DeriveSharedSecret equals node:crypto diffieHellman between a peer key made here and the public key from GetPublicKey, on each NIST curve', async () => {
      for (const [KeySpec, namedCurve, length] of [
        ['ECC_NIST_P256', 'prime256v1', 32],
        ['ECC_NIST_P384', 'secp384r1', 48],
        ['ECC_NIST_P521', 'secp521r1', 66],
      ] as const) {
        const { keyId, arn, meta } = await createAsymmetricKey(KeySpec, 'KEY_AGREEMENT');
        expect(meta).toMatchObject({ KeySpec, KeyUsage: 'KEY_AGREEMENT', KeyAgreementAlgorithms: ['ECDH'] });
        expect(meta).not.toHaveProperty('SigningAlgorithms');
        expect(meta).not.toHaveProperty('EncryptionAlgorithms');
        const { got, key: kmsPublicKey } = await spkiOf(arn);
        expect(got).toMatchObject({ KeyId: arn, KeySpec, KeyUsage: 'KEY_AGREEMENT', KeyAgreementAlgorithms: ['ECDH'] });
        expect(kmsPublicKey.asymmetricKeyDetails, KeySpec).toEqual({ namedCurve });
        const peer = generateKeyPairSync('ec', { namedCurve });
        const derived = await client.send(
          new DeriveSharedSecretCommand({ KeyId: keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peer.publicKey.export({ type: 'spki', format: 'der' }) }),
        );
        expect(derived.$metadata.httpStatusCode).toBe(200);
        expect(derived).toMatchObject({ KeyId: arn, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: 'AWS_KMS' });
        expect(derived.SharedSecret, KeySpec).toBeInstanceOf(Uint8Array);
        expect(derived.SharedSecret, KeySpec).toHaveLength(length);
        const expected = diffieHellman({ privateKey: peer.privateKey, publicKey: kmsPublicKey });
        expect(Buffer.from(derived.SharedSecret!).equals(expected), KeySpec).toBe(true);
      }
    });

    it('DeriveSharedSecret with a data key pair as the peer; a peer key on another curve or malformed is a ValidationException with an empty message; a grant lets a user derive', async () => {
      const { keyId, arn } = await createAsymmetricKey('ECC_NIST_P256', 'KEY_AGREEMENT');
      const wrapping = await createKey('wraps the peer');
      const pair = await client.send(new GenerateDataKeyPairCommand({ KeyId: wrapping.keyId, KeyPairSpec: 'ECC_NIST_P256' }));
      const { key: kmsPublicKey } = await spkiOf(keyId);
      const { SharedSecret } = await client.send(new DeriveSharedSecretCommand({ KeyId: arn, KeyAgreementAlgorithm: 'ECDH', PublicKey: pair.PublicKey }));
      const peerPrivate = createPrivateKey({ key: Buffer.from(pair.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' });
      expect(Buffer.from(SharedSecret!).equals(diffieHellman({ privateKey: peerPrivate, publicKey: kmsPublicKey }))).toBe(true);

      const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ type: 'spki', format: 'der' });
      for (const [what, PublicKey] of [
        ['a P-384 key', p384],
        ['garbage', utf8('not a public key at all')],
        ['the raw point without SPKI', pair.PublicKey!.slice(-65)],
      ] as const) {
        const error = await rejection(client.send(new DeriveSharedSecretCommand({ KeyId: keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey })));
        expect(error.name, what).toBe('ValidationException');
        expect(error.$metadata.httpStatusCode, what).toBe(400);
        // AWS sends no message: the SDK shows its placeholder.
        expect(error.message, what).toBe('UnknownError');
      }
      const symmetric = await createKey('not for agreement');
      const wrongUsage = await rejection(client.send(new DeriveSharedSecretCommand({ KeyId: symmetric.keyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: pair.PublicKey })));
      expect(wrongUsage).toBeInstanceOf(InvalidKeyUsageException);
      expect(wrongUsage.message).toBe(`${symmetric.arn} key usage is ENCRYPT_DECRYPT which is not valid for DeriveSharedSecret.`);

      const alice = makeClient({ credentials: ALICE_CREDENTIALS });
      const denied = await rejection(alice.send(new DeriveSharedSecretCommand({ KeyId: arn, KeyAgreementAlgorithm: 'ECDH', PublicKey: pair.PublicKey })));
      expectClientError(denied, 'AccessDeniedException');
      expect(denied.message).toContain('kms:DeriveSharedSecret');
      const { GrantToken } = await client.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: ALICE, Operations: ['DeriveSharedSecret', 'GetPublicKey'] }));
      const granted = await alice.send(new DeriveSharedSecretCommand({ KeyId: arn, KeyAgreementAlgorithm: 'ECDH', PublicKey: pair.PublicKey, GrantTokens: [GrantToken!] }));
      expect(granted.SharedSecret).toEqual(SharedSecret);
      const notGrantable = await rejection(client.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: ALICE, Operations: ['Encrypt'] })));
      expectClientError(notGrantable, 'ValidationException');
    });

    it.each([
      ['RSAES_OAEP_SHA_1', 'sha1', 214],
      ['RSAES_OAEP_SHA_256', 'sha256', 190],
    ] as const)('RSA Encrypt and Decrypt with %s (OAEP hash %s): raw OAEP both ways, a ciphertext made by node:crypto publicEncrypt decrypts, at most %i bytes fit', async (algorithm, oaepHash, limit) => {
      const { keyId, arn, meta } = await createAsymmetricKey('RSA_2048', 'ENCRYPT_DECRYPT');
      expect(meta.EncryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
      expect(meta).not.toHaveProperty('CurrentKeyMaterialId');
      const plaintext = Uint8Array.from({ length: limit }, (_, i) => (i * 7) & 0xff);
      const encrypted = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionAlgorithm: algorithm }));
      expect(encrypted).toMatchObject({ KeyId: arn, EncryptionAlgorithm: algorithm });
      expect(encrypted.CiphertextBlob).toHaveLength(256);
      const decrypted = await client.send(new DecryptCommand({ KeyId: arn, CiphertextBlob: encrypted.CiphertextBlob, EncryptionAlgorithm: algorithm }));
      expect(decrypted).toMatchObject({ KeyId: arn, EncryptionAlgorithm: algorithm });
      expect(decrypted.Plaintext).toEqual(plaintext);
      expect(decrypted).not.toHaveProperty('KeyMaterialId');

      const { key: publicKey } = await spkiOf(keyId);
      const local = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, Buffer.from('encrypted by node:crypto'));
      const opened = await client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: local, EncryptionAlgorithm: algorithm }));
      expect(text(opened.Plaintext)).toBe('encrypted by node:crypto');

      const tooLong = await rejection(client.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(limit + 1), EncryptionAlgorithm: algorithm })));
      expectClientError(tooLong, 'ValidationException');
      expect(tooLong.message).toBe(`Algorithm ${algorithm} and key spec RSA_2048 cannot encrypt data larger than ${limit} bytes.`);
      const withContext = await rejection(client.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x'), EncryptionAlgorithm: algorithm, EncryptionContext: { a: 'b' } })));
      expectClientError(withContext, 'ValidationException');
      const otherAlgorithm = algorithm === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1';
      const wrongAlgorithm = await rejection(client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: local, EncryptionAlgorithm: otherAlgorithm })));
      expect(wrongAlgorithm).toBeInstanceOf(InvalidCiphertextException);
      expectClientError(wrongAlgorithm, 'InvalidCiphertextException');
      const noKeyId = await rejection(client.send(new DecryptCommand({ CiphertextBlob: local, EncryptionAlgorithm: algorithm })));
      expect(noKeyId).toBeInstanceOf(InvalidCiphertextException);
      const symmetricDefault = await rejection(client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: local })));
      expect(symmetricDefault).toBeInstanceOf(InvalidKeyUsageException);
      expect(symmetricDefault.message).toBe('Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');

      // ReEncrypt from the RSA key to a symmetric key and back.
      const symmetric = await createKey('re-encrypt target');
      const moved = await client.send(
        new ReEncryptCommand({ CiphertextBlob: local, SourceKeyId: keyId, SourceEncryptionAlgorithm: algorithm, DestinationKeyId: symmetric.keyId }),
      );
      expect(moved).toMatchObject({ SourceKeyId: arn, KeyId: symmetric.arn, SourceEncryptionAlgorithm: algorithm, DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
      const back = await client.send(new ReEncryptCommand({ CiphertextBlob: moved.CiphertextBlob, DestinationKeyId: arn, DestinationEncryptionAlgorithm: algorithm }));
      expect(text((await client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: back.CiphertextBlob, EncryptionAlgorithm: algorithm }))).Plaintext)).toBe(
        'encrypted by node:crypto',
      );
    });

    it('RSA Sign with each PSS and PKCS#1 v1.5 algorithm: node:crypto verifies every signature, and Verify agrees', async () => {
      const { keyId, arn, meta } = await createAsymmetricKey('RSA_3072', 'SIGN_VERIFY');
      const algorithms: SigningAlgorithmSpec[] = [
        'RSASSA_PKCS1_V1_5_SHA_256',
        'RSASSA_PKCS1_V1_5_SHA_384',
        'RSASSA_PKCS1_V1_5_SHA_512',
        'RSASSA_PSS_SHA_256',
        'RSASSA_PSS_SHA_384',
        'RSASSA_PSS_SHA_512',
      ];
      expect(meta.SigningAlgorithms).toEqual(algorithms);
      expect(meta).not.toHaveProperty('EncryptionAlgorithms');
      const { key: publicKey } = await spkiOf(keyId);
      expect(publicKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 3072 });
      const Message = utf8('signed by an RSA key: é✓ 日本');
      for (const algorithm of algorithms) {
        const signed = await client.send(new SignCommand({ KeyId: keyId, Message, SigningAlgorithm: algorithm }));
        expect(signed).toMatchObject({ KeyId: arn, SigningAlgorithm: algorithm });
        expect(signed.Signature, algorithm).toHaveLength(384);
        const [, padding, bits] = /^RSASSA_(PSS|PKCS1_V1_5)_SHA_(\d+)$/.exec(algorithm)!;
        // AWS's PSS salt is as long as the hash.
        const options = padding === 'PSS' ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 } : { key: publicKey, padding: constants.RSA_PKCS1_PADDING };
        expect(cryptoVerify(`sha${bits}`, Message, options, signed.Signature!), algorithm).toBe(true);
        expect(cryptoVerify(`sha${bits}`, utf8('another message'), options, signed.Signature!), algorithm).toBe(false);
        const verified = await client.send(new VerifyCommand({ KeyId: arn, Message, Signature: signed.Signature, SigningAlgorithm: algorithm }));
        expect(verified.SignatureValid, algorithm).toBe(true);
      }
      const pss = await client.send(new SignCommand({ KeyId: keyId, Message, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }));
      const crossed = await rejection(client.send(new VerifyCommand({ KeyId: keyId, Message, Signature: pss.Signature, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' })));
      expect(crossed).toBeInstanceOf(KMSInvalidSignatureException);
      expectClientError(crossed, 'KMSInvalidSignatureException');
      const ecdsa = await rejection(client.send(new SignCommand({ KeyId: keyId, Message, SigningAlgorithm: 'ECDSA_SHA_256' })));
      expect(ecdsa).toBeInstanceOf(InvalidKeyUsageException);
      expect(ecdsa.message).toBe('Algorithm ECDSA_SHA_256 is incompatible with key spec RSA_3072.');
    });

    it.each([
      ['ML_DSA_44', ml_dsa44, 1312, 2420],
      ['ML_DSA_65', ml_dsa65, 1952, 3309],
      ['ML_DSA_87', ml_dsa87, 2592, 4627],
    ] as const)('%s: Sign and Verify round trip (RAW and EXTERNAL_MU), checked by @noble/post-quantum against the GetPublicKey key', async (KeySpec, dsa, publicKeyLength, signatureLength) => {
      const { keyId, arn, meta } = await createAsymmetricKey(KeySpec, 'SIGN_VERIFY');
      expect(meta).toMatchObject({ KeySpec, KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ML_DSA_SHAKE_256'] });
      const got = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
      expect(got).toMatchObject({ KeyId: arn, KeySpec, SigningAlgorithms: ['ML_DSA_SHAKE_256'] });
      const raw = got.PublicKey!.subarray(got.PublicKey!.length - publicKeyLength);
      const Message = utf8(`post-quantum message for ${KeySpec}`);
      const signed = await client.send(new SignCommand({ KeyId: keyId, Message, SigningAlgorithm: 'ML_DSA_SHAKE_256' }));
      expect(signed).toMatchObject({ KeyId: arn, SigningAlgorithm: 'ML_DSA_SHAKE_256' });
      expect(signed.Signature).toHaveLength(signatureLength);
      expect(dsa.verify(signed.Signature!, Message, raw)).toBe(true);
      expect((await client.send(new VerifyCommand({ KeyId: arn, Message, Signature: signed.Signature, SigningAlgorithm: 'ML_DSA_SHAKE_256' }))).SignatureValid).toBe(true);

      // External μ = SHAKE256(SHAKE256(pk, 64) ‖ 0 ‖ 0 ‖ M, 64) (FIPS 204, empty context): a signature of μ is one of M.
      const mu = shake256(new Uint8Array([...shake256(raw, { dkLen: 64 }), 0, 0, ...Message]), { dkLen: 64 });
      const byMu = await client.send(new SignCommand({ KeyId: keyId, Message: mu, MessageType: 'EXTERNAL_MU', SigningAlgorithm: 'ML_DSA_SHAKE_256' }));
      expect(dsa.verify(byMu.Signature!, Message, raw)).toBe(true);
      expect((await client.send(new VerifyCommand({ KeyId: keyId, Message, Signature: byMu.Signature, SigningAlgorithm: 'ML_DSA_SHAKE_256' }))).SignatureValid).toBe(true);

      const tampered = signed.Signature!.slice();
      tampered[10]! ^= 1;
      const invalid = await rejection(client.send(new VerifyCommand({ KeyId: keyId, Message, Signature: tampered, SigningAlgorithm: 'ML_DSA_SHAKE_256' })));
      expect(invalid).toBeInstanceOf(KMSInvalidSignatureException);
      const digest = await rejection(client.send(new SignCommand({ KeyId: keyId, Message: new Uint8Array(64), MessageType: 'DIGEST', SigningAlgorithm: 'ML_DSA_SHAKE_256' })));
      expectClientError(digest, 'ValidationException');
      expect(digest.message).toBe(`Message type DIGEST is incompatible with key spec ${KeySpec}.`);
    });
  });

  describe('key policies', () => {
    it('ListKeyPolicies, GetKeyPolicy (the default policy), PutKeyPolicy', async () => {
      const { keyId } = await createKey();
      expect(await client.send(new ListKeyPoliciesCommand({ KeyId: keyId }))).toMatchObject({ PolicyNames: ['default'], Truncated: false });
      const initial = await client.send(new GetKeyPolicyCommand({ KeyId: keyId }));
      expect(initial.PolicyName).toBe('default');
      expect(JSON.parse(initial.Policy!)).toMatchObject({
        Statement: [expect.objectContaining({ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' })],
      });

      const policy = {
        Version: '2012-10-17',
        Id: 'client-test',
        Statement: [
          { Sid: 'Root', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
          { Sid: 'Alice', Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'kms:DescribeKey', Resource: '*' },
        ],
      };
      const put = await client.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
      expect(put.$metadata.httpStatusCode).toBe(200);
      expect(JSON.parse((await client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy!)).toEqual(policy);

      // The key policy now lets Alice (an access key mapped to her) describe the key.
      const alice = makeClient({ credentials: ALICE_CREDENTIALS });
      expect((await alice.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyId).toBe(keyId);
    });
  });

  describe('grants', () => {
    it('CreateGrant (DryRun first), ListGrants with Date CreationDate, ListRetirableGrants, RetireGrant, RevokeGrant', async () => {
      const { keyId, arn } = await createKey();
      const dryRun = await rejection(client.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: ALICE, Operations: ['Encrypt'], DryRun: true })));
      expect(dryRun).toBeInstanceOf(DryRunOperationException);
      expectClientError(dryRun, 'DryRunOperationException');
      expect((await client.send(new ListGrantsCommand({ KeyId: keyId }))).Grants).toEqual([]);

      const retirable = await client.send(
        new CreateGrantCommand({
          KeyId: keyId,
          GranteePrincipal: ALICE,
          RetiringPrincipal: ROOT,
          Operations: ['Encrypt', 'Decrypt'],
          Constraints: { EncryptionContextSubset: { team: 'blue' } },
          Name: 'retire-me',
        }),
      );
      expect(retirable.GrantId).toMatch(GRANT_ID);
      expect(retirable.GrantToken).toMatch(/\S/);
      const revocable = await client.send(new CreateGrantCommand({ KeyId: arn, GranteePrincipal: ALICE, Operations: ['DescribeKey'] }));

      const listed = await client.send(new ListGrantsCommand({ KeyId: keyId }));
      expect(listed.Truncated).toBe(false);
      expect(listed.Grants).toHaveLength(2);
      const entry = listed.Grants!.find((g) => g.GrantId === retirable.GrantId)!;
      expect(entry).toMatchObject({
        KeyId: arn,
        Name: 'retire-me',
        GranteePrincipal: ALICE,
        RetiringPrincipal: ROOT,
        IssuingAccount: ROOT,
        Operations: ['Encrypt', 'Decrypt'],
        Constraints: { EncryptionContextSubset: { team: 'blue' } },
      });
      expectRecentDate(entry.CreationDate);
      expect((await client.send(new ListGrantsCommand({ KeyId: keyId, GrantId: revocable.GrantId }))).Grants!.map((g) => g.GrantId)).toEqual([
        revocable.GrantId,
      ]);

      const retirableList = await client.send(new ListRetirableGrantsCommand({ RetiringPrincipal: ROOT }));
      expect(retirableList.Grants!.map((g) => g.GrantId)).toEqual([retirable.GrantId]);
      expect(retirableList.Truncated).toBe(false);

      expect((await client.send(new RetireGrantCommand({ GrantToken: retirable.GrantToken }))).$metadata.httpStatusCode).toBe(200);
      expect((await client.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: revocable.GrantId }))).$metadata.httpStatusCode).toBe(200);
      expect((await client.send(new ListGrantsCommand({ KeyId: keyId }))).Grants).toEqual([]);
    });
  });

  describe('pagination', () => {
    it('ListKeys sends NextMarker exactly when Truncated; a marker it did not issue is an InvalidMarkerException', async () => {
      for (let i = 0; i < 3; i++) await createKey();
      const first = await client.send(new ListKeysCommand({ Limit: 2 }));
      expect(first.Keys).toHaveLength(2);
      expect(first.Truncated).toBe(true);
      expect(first.NextMarker).toMatch(/\S/);
      const last = await client.send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
      expect(last.Keys).toHaveLength(1);
      expect(last.Truncated).toBe(false);
      expect(last).not.toHaveProperty('NextMarker');
      for (const key of [...first.Keys!, ...last.Keys!]) expect(key.KeyArn).toMatch(KEY_ARN());

      const error = await rejection(client.send(new ListKeysCommand({ Marker: 'not-a-marker-we-issued' })));
      expect(error).toBeInstanceOf(InvalidMarkerException);
      expectClientError(error, 'InvalidMarkerException');
    });

    it('paginateListKeys, paginateListAliases and paginateListGrants visit every item, pageSize at a time', async () => {
      const keys: Array<{ keyId: string; arn: string }> = [];
      for (let i = 0; i < 5; i++) keys.push(await createKey(`paged ${i}`));
      for (let i = 0; i < 3; i++) await client.send(new CreateAliasCommand({ AliasName: `alias/paged-${i}`, TargetKeyId: keys[i]!.keyId }));
      for (let i = 0; i < 3; i++) {
        await client.send(new CreateGrantCommand({ KeyId: keys[0]!.keyId, GranteePrincipal: ALICE, Operations: ['Encrypt'], Name: `g${i}` }));
      }

      const keyPages: number[] = [];
      const seenKeys: string[] = [];
      for await (const page of paginateListKeys({ client, pageSize: 2 }, {})) {
        keyPages.push(page.Keys!.length);
        seenKeys.push(...page.Keys!.map((k) => k.KeyId!));
      }
      expect(keyPages).toEqual([2, 2, 1]);
      expect(seenKeys.sort()).toEqual(keys.map((k) => k.keyId).sort());

      const aliasPages: number[] = [];
      const seenAliases: string[] = [];
      for await (const page of paginateListAliases({ client, pageSize: 2 }, {})) {
        aliasPages.push(page.Aliases!.length);
        seenAliases.push(...page.Aliases!.map((a) => a.AliasName!));
      }
      expect(aliasPages.every((n) => n <= 2)).toBe(true);
      expect(seenAliases.filter((name) => name.startsWith('alias/paged-')).sort()).toEqual(['alias/paged-0', 'alias/paged-1', 'alias/paged-2']);

      const grantPages: number[] = [];
      const seenGrants: string[] = [];
      for await (const page of paginateListGrants({ client, pageSize: 2 }, { KeyId: keys[0]!.keyId })) {
        grantPages.push(page.Grants!.length);
        seenGrants.push(...page.Grants!.map((g) => g.Name!));
      }
      expect(grantPages).toEqual([2, 1]);
      expect(seenGrants.sort()).toEqual(['g0', 'g1', 'g2']);
    });
  });

  it('the aggregated KMS class works with the same handler or endpoint', async () => {
    const kms = new KMS({ region: 'us-east-1', credentials: ROOT_CREDENTIALS, maxAttempts: 1, ...transport.config });
    clients.push(kms);
    const { KeyMetadata } = await kms.createKey({ Description: 'aggregated' });
    const { CiphertextBlob } = await kms.encrypt({ KeyId: KeyMetadata!.Arn, Plaintext: utf8('via KMS') });
    const { Plaintext, KeyId } = await kms.decrypt({ CiphertextBlob });
    expect(text(Plaintext)).toBe('via KMS');
    expect(KeyId).toBe(KeyMetadata!.Arn);
    expect((await kms.listKeys({})).Keys!.map((k) => k.KeyArn)).toEqual([KeyMetadata!.Arn]);
    const error = await rejection(kms.describeKey({ KeyId: 'alias/nothing' }));
    expect(error).toBeInstanceOf(NotFoundException);
  });

  it('the reset control wipes all state', async () => {
    await createKey();
    expect((await client.send(new ListKeysCommand({}))).Keys).toHaveLength(1);
    await transport.reset();
    expect((await client.send(new ListKeysCommand({}))).Keys).toEqual([]);
  });

  describe('identity: access keys map to principals', () => {
    it('an IAM user without identity policies is denied by the default key policy (AccessDeniedException), until a grant allows it', async () => {
      const { keyId, arn } = await createKey();
      const alice = makeClient({ credentials: ALICE_CREDENTIALS });
      const denied = await rejection(alice.send(new DescribeKeyCommand({ KeyId: keyId })));
      expectClientError(denied, 'AccessDeniedException');
      expect(denied.message).toContain(ALICE);
      expect(denied.message).toContain('kms:DescribeKey');

      const encryptDenied = await rejection(alice.send(new EncryptCommand({ KeyId: arn, Plaintext: utf8('x') })));
      expectClientError(encryptDenied, 'AccessDeniedException');

      const { GrantToken } = await client.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: ALICE, Operations: ['Encrypt'] }));
      const encrypted = await alice.send(new EncryptCommand({ KeyId: arn, Plaintext: utf8('x'), GrantTokens: [GrantToken!] }));
      expect(encrypted.KeyId).toBe(arn);
    });

    it('an unknown access key acts as the root of the default account', async () => {
      const stranger = makeClient({ credentials: { accessKeyId: 'AKIASTRANGER0000000', secretAccessKey: 'whatever' } });
      const { KeyMetadata } = await stranger.send(new CreateKeyCommand({}));
      expect(KeyMetadata!.AWSAccountId).toBe(ACCOUNT);
      expect(JSON.parse((await stranger.send(new GetKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId }))).Policy!).Statement[0].Principal).toEqual({
        AWS: ROOT,
      });
    });
  });

  it('the Region comes from the client: a us-west-2 client makes us-west-2 keys, which us-east-1 does not see', async () => {
    const west = makeClient({ region: 'us-west-2' });
    const { KeyMetadata } = await west.send(new CreateKeyCommand({}));
    expect(KeyMetadata!.Arn).toMatch(KEY_ARN('us-west-2'));
    const { CiphertextBlob, KeyId } = await west.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: utf8('west') }));
    expect(KeyId).toBe(KeyMetadata!.Arn);
    expect(text((await west.send(new DecryptCommand({ CiphertextBlob }))).Plaintext)).toBe('west');

    expect((await west.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toEqual([KeyMetadata!.KeyId]);
    expect((await client.send(new ListKeysCommand({}))).Keys).toEqual([]);
    const error = await rejection(client.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId })));
    expect(error).toBeInstanceOf(NotFoundException);
  });

  describe('strict mode (SigV4 verified)', () => {
    let strict: Transport;
    const KEY = { accessKeyId: 'AKIASTRICTSTRICT0000', secretAccessKey: 'the-real-secret' };
    beforeAll(async () => {
      strict = await kind.open({ strict: true, credentials: { [KEY.accessKeyId]: { secretAccessKey: KEY.secretAccessKey } } });
    });
    afterAll(async () => {
      await strict?.close();
    });

    it('accepts a correctly signed request', async () => {
      const ok = makeClient({ credentials: KEY }, strict);
      const { KeyMetadata } = await ok.send(new CreateKeyCommand({}));
      expect(KeyMetadata!.Arn).toMatch(KEY_ARN());
      expect((await ok.send(new ListKeysCommand({}))).Keys).toHaveLength(1);
    });

    it('refuses a wrong secret (InvalidSignatureException) and an unknown key (UnrecognizedClientException)', async () => {
      const forged = makeClient({ credentials: { ...KEY, secretAccessKey: 'a-guess' } }, strict);
      const badSignature = await rejection(forged.send(new ListKeysCommand({})));
      expectClientError(badSignature, 'InvalidSignatureException');

      const unknown = makeClient({ credentials: { accessKeyId: 'AKIANOBODYNOBODY0000', secretAccessKey: 'x' } }, strict);
      const unrecognized = await rejection(unknown.send(new ListKeysCommand({})));
      expectClientError(unrecognized, 'UnrecognizedClientException');
    });

    it('refuses an expired signature (a client clock 20 minutes behind) with InvalidSignatureException', async () => {
      const late = makeClient({ credentials: KEY, systemClockOffset: -20 * 60_000 }, strict);
      const expired = await rejection(late.send(new ListKeysCommand({})));
      expectClientError(expired, 'InvalidSignatureException');
      expect(expired.message).toMatch(/Signature expired/);
    });
  });
});

describe('createRequestHandler over a single Kms', () => {
  let client: KMSClient | undefined;
  afterEach(() => client?.destroy());

  it('serves that Kms: keys made directly are visible through the SDK and the other way round', async () => {
    const kms = new Kms({ region: 'eu-west-1', accountId: '444455556666' });
    const { KeyMetadata } = await kms.createKey({ Description: 'direct' });
    client = new KMSClient({ region: 'eu-west-1', credentials: ROOT_CREDENTIALS, requestHandler: createRequestHandler(kms) });
    const described = await client.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    expect(described.KeyMetadata!.Arn).toBe(KeyMetadata!.Arn);
    expect(described.KeyMetadata!.Arn).toMatch(/^arn:aws:kms:eu-west-1:444455556666:key\//);
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: utf8('both ways') }));
    expect(text((await kms.decrypt({ CiphertextBlob })).Plaintext)).toBe('both ways');
  });
});
