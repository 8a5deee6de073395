import { describe, expect, it } from 'vitest';
import { Kms } from '../../src/kms.js';
import { expectAwsError, newKmsWithKey, utf8 } from '../helpers.js';

const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';

describe('Encrypt and Decrypt', () => {
  it('round-trips under any key form and answers with the key ARN', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    await kms.createAlias({ AliasName: 'alias/app', TargetKeyId: keyId });
    for (const id of [keyId, arn, 'alias/app', 'arn:aws:kms:us-east-1:111122223333:alias/app']) {
      const enc = await kms.encrypt({ KeyId: id, Plaintext: utf8('secret') });
      expect(enc).toMatchObject({ KeyId: arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
      const dec = await kms.decrypt({ CiphertextBlob: enc.CiphertextBlob });
      const { CurrentKeyMaterialId } = (await kms.describeKey({ KeyId: keyId })).KeyMetadata!;
      expect(dec).toEqual({ KeyId: arn, Plaintext: utf8('secret'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT', KeyMaterialId: CurrentKeyMaterialId });
      // A KeyId in any form that names the same key is accepted.
      expect((await kms.decrypt({ CiphertextBlob: enc.CiphertextBlob, KeyId: id })).Plaintext).toEqual(utf8('secret'));
    }
  });

  it('accepts 1..4096 bytes of plaintext', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const big = new Uint8Array(4096).fill(7);
    const enc = await kms.encrypt({ KeyId: keyId, Plaintext: big });
    expect(enc.CiphertextBlob!.length).toBeLessThanOrEqual(6144);
    expect((await kms.decrypt({ CiphertextBlob: enc.CiphertextBlob })).Plaintext).toEqual(big);
    await expectAwsError(
      kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array(4097) }),
      'ValidationException',
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
  });

  it('binds the encryption context exactly, and treats an empty context as none', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const enc = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('x'), EncryptionContext: { Tenant: 'a', Purpose: 'b' } });
    await expectAwsError(kms.decrypt({ CiphertextBlob: enc.CiphertextBlob }), 'InvalidCiphertextException', '');
    await expectAwsError(kms.decrypt({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { tenant: 'a', Purpose: 'b' } }), 'InvalidCiphertextException', '');
    expect((await kms.decrypt({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { Purpose: 'b', Tenant: 'a' } })).Plaintext).toEqual(utf8('x'));
    const none = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('y') });
    expect((await kms.decrypt({ CiphertextBlob: none.CiphertextBlob, EncryptionContext: {} })).Plaintext).toEqual(utf8('y'));
  });

  it('binds a context key named "__proto__" like any other key', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const withProto = JSON.parse('{"__proto__":"x","a":"b"}') as Record<string, string>;
    const enc = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('p'), EncryptionContext: withProto });
    expect((await kms.decrypt({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: JSON.parse('{"a":"b","__proto__":"x"}') })).Plaintext).toEqual(utf8('p'));
    await expectAwsError(kms.decrypt({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { a: 'b' } }), 'InvalidCiphertextException');
    await expectAwsError(kms.decrypt({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: JSON.parse('{"a":"b","__proto__":"y"}') }), 'InvalidCiphertextException');
  });

  it('gives IncorrectKeyException when the KeyId names another key', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const other = (await kms.createKey()).KeyMetadata!.KeyId!;
    const enc = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('x') });
    await expectAwsError(
      kms.decrypt({ CiphertextBlob: enc.CiphertextBlob, KeyId: other }),
      'IncorrectKeyException',
      'The key ID in the request does not identify a CMK that can perform this operation.',
    );
    await expectAwsError(kms.reEncrypt({ CiphertextBlob: enc.CiphertextBlob, SourceKeyId: other, DestinationKeyId: keyId }), 'IncorrectKeyException');
  });

  it('tells an intact blob of an absent key (AccessDenied) from a damaged one (InvalidCiphertext)', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const enc = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('x') });
    const elsewhere = new Kms();
    await expectAwsError(
      elsewhere.decrypt({ CiphertextBlob: enc.CiphertextBlob }),
      'AccessDeniedException',
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    );
    const damaged = enc.CiphertextBlob!.slice();
    damaged[20]! ^= 1;
    await expectAwsError(elsewhere.decrypt({ CiphertextBlob: damaged }), 'InvalidCiphertextException', '');
    await expectAwsError(kms.decrypt({ CiphertextBlob: utf8('not a blob') }), 'InvalidCiphertextException', '');
  });

  it('refuses asymmetric algorithms on a symmetric key', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(
      kms.encrypt({ KeyId: keyId, Plaintext: utf8('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
      'InvalidKeyUsageException',
      'Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.',
    );
  });

  it('decrypts after the key is re-enabled, not while disabled', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    const enc = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('x') });
    await kms.disableKey({ KeyId: keyId });
    await expectAwsError(kms.decrypt({ CiphertextBlob: enc.CiphertextBlob }), 'DisabledException', `${arn} is disabled.`);
    await kms.enableKey({ KeyId: keyId });
    expect((await kms.decrypt({ CiphertextBlob: enc.CiphertextBlob })).Plaintext).toEqual(utf8('x'));
  });
});

describe('DryRun', () => {
  it('validates, then refuses with DryRunOperationException, for every DryRun operation', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('x') });
    await expectAwsError(kms.encrypt({ KeyId: keyId, Plaintext: utf8('x'), DryRun: true }), 'DryRunOperationException', DRY_RUN);
    await expectAwsError(kms.decrypt({ CiphertextBlob, DryRun: true }), 'DryRunOperationException', DRY_RUN);
    await expectAwsError(kms.reEncrypt({ CiphertextBlob, DestinationKeyId: keyId, DryRun: true }), 'DryRunOperationException', DRY_RUN);
    await expectAwsError(kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', DryRun: true }), 'DryRunOperationException', DRY_RUN);
    await expectAwsError(kms.generateDataKeyWithoutPlaintext({ KeyId: keyId, NumberOfBytes: 8, DryRun: true }), 'DryRunOperationException', DRY_RUN);
    // A DryRun still reports what would have failed.
    await expectAwsError(kms.decrypt({ CiphertextBlob, EncryptionContext: { a: 'b' }, DryRun: true }), 'InvalidCiphertextException');
  });

  it('skips the ciphertext with IGNORE_CIPHERTEXT, and then needs the key id', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(kms.decrypt({ KeyId: keyId, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }), 'DryRunOperationException', DRY_RUN);
    await expectAwsError(kms.decrypt({ DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }), 'ValidationException', /'keyId'/);
    await expectAwsError(kms.decrypt({}), 'ValidationException', /'ciphertextBlob'/);
    await kms.disableKey({ KeyId: keyId });
    await expectAwsError(kms.decrypt({ KeyId: keyId, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }), 'DisabledException');
  });
});

describe('ReEncrypt', () => {
  it('moves a ciphertext to another key and context without revealing the plaintext', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    const dest = (await kms.createKey()).KeyMetadata!;
    const enc = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('move me'), EncryptionContext: { a: '1' } });
    const re = await kms.reEncrypt({
      CiphertextBlob: enc.CiphertextBlob,
      SourceEncryptionContext: { a: '1' },
      DestinationKeyId: dest.KeyId,
      DestinationEncryptionContext: { b: '2' },
    });
    expect(re).toEqual({
      CiphertextBlob: expect.any(Uint8Array),
      SourceKeyId: arn,
      KeyId: dest.Arn,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      SourceKeyMaterialId: (await kms.describeKey({ KeyId: keyId })).KeyMetadata!.CurrentKeyMaterialId,
      DestinationKeyMaterialId: dest.CurrentKeyMaterialId,
    });
    expect(re).not.toHaveProperty('Plaintext');
    expect((await kms.decrypt({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { b: '2' } })).Plaintext).toEqual(utf8('move me'));
    await expectAwsError(kms.decrypt({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { a: '1' } }), 'InvalidCiphertextException');
  });

  it('checks the state of both keys', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const dest = (await kms.createKey()).KeyMetadata!;
    const enc = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('x') });
    await kms.disableKey({ KeyId: dest.KeyId });
    await expectAwsError(kms.reEncrypt({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: dest.KeyId }), 'DisabledException', `${dest.Arn} is disabled.`);
    await kms.enableKey({ KeyId: dest.KeyId });
    await kms.scheduleKeyDeletion({ KeyId: keyId });
    await expectAwsError(kms.reEncrypt({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: dest.KeyId }), 'KMSInvalidStateException');
  });
});

describe('GenerateDataKey', () => {
  it('returns a data key of the requested size and its ciphertext', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    for (const [request, size] of [
      [{ KeySpec: 'AES_256' as const }, 32],
      [{ KeySpec: 'AES_128' as const }, 16],
      [{ NumberOfBytes: 1 }, 1],
      [{ NumberOfBytes: 1024 }, 1024],
    ] as const) {
      const out = await kms.generateDataKey({ KeyId: keyId, EncryptionContext: { k: 'v' }, ...request });
      expect(out.Plaintext).toHaveLength(size);
      expect(out.KeyId).toBe(arn);
      expect(out.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
      expect((await kms.decrypt({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { k: 'v' } })).Plaintext).toEqual(out.Plaintext);
    }
  });

  it('needs exactly one of KeySpec and NumberOfBytes', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(kms.generateDataKey({ KeyId: keyId }), 'ValidationException');
    await expectAwsError(kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', NumberOfBytes: 32 }), 'ValidationException');
    await expectAwsError(
      kms.generateDataKey({ KeyId: keyId, NumberOfBytes: 1025 }),
      'ValidationException',
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
    );
  });

  it('without plaintext returns only the ciphertext', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    const out = await kms.generateDataKeyWithoutPlaintext({ KeyId: keyId, KeySpec: 'AES_256' });
    expect(Object.keys(out).sort()).toEqual(['CiphertextBlob', 'KeyId', 'KeyMaterialId']);
    expect(out.KeyId).toBe(arn);
    expect((await kms.decrypt({ CiphertextBlob: out.CiphertextBlob })).Plaintext).toHaveLength(32);
  });
});

describe('GenerateRandom', () => {
  it('returns 1..1024 random bytes and requires NumberOfBytes', async () => {
    const kms = new Kms();
    const a = (await kms.generateRandom({ NumberOfBytes: 1024 })).Plaintext!;
    const b = (await kms.generateRandom({ NumberOfBytes: 1024 })).Plaintext!;
    expect(a).toHaveLength(1024);
    expect(a).not.toEqual(b);
    expect(a.buffer.byteLength).toBe(1024);
    await expectAwsError(kms.generateRandom(), 'ValidationException', 'NumberOfBytes is required.');
    await expectAwsError(kms.generateRandom({ NumberOfBytes: 0 }), 'ValidationException');
    await expectAwsError(kms.generateRandom({ NumberOfBytes: 8, CustomKeyStoreId: 'cks-1234567890abcdef0' }), 'CustomKeyStoreNotFoundException');
  });
});

describe('GrantTokens', () => {
  it('accepts tokens CreateGrant issued and refuses anything else', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const { GrantToken } = await kms.createGrant({ KeyId: keyId, GranteePrincipal: 'arn:aws:iam::111122223333:user/alice', Operations: ['Encrypt'] });
    await kms.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: [GrantToken!] });
    await expectAwsError(kms.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: ['not a token!'] }), 'InvalidGrantTokenException');
    // The shape of a real AWS token, which names no grant here.
    await expectAwsError(
      kms.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: ['AQpAM2RhZTk1MGMyNTk2ZmZmMzEyYWVhOWViN2I1MWM4Mzc0MWFiYjc0ZDE1ODkyNGFlNTIzODZhMzgyZjBlNGY3NiKIAQEBAgB4Pa6VDCWW__8SrqnrfLUciDc'] }),
      'InvalidGrantTokenException',
    );
    await expectAwsError(kms.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: Array(11).fill('t') }), 'ValidationException');
  });
});
