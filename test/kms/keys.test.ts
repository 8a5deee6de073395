import { describe, expect, it } from 'vitest';
import { Kms } from '../../src/kms.js';
import { expectAwsError, manualClock, newKmsWithKey } from '../helpers.js';

const DAY = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('CreateKey and DescribeKey', () => {
  it('creates a symmetric key with the metadata AWS returns', async () => {
    const { clock } = manualClock();
    const kms = new Kms({ accountId: '123456789012', region: 'eu-west-1', clock });
    const { KeyMetadata } = await kms.createKey({ Description: 'd' });
    expect(KeyMetadata!.KeyId).toMatch(UUID);
    expect(KeyMetadata).toEqual({
      AWSAccountId: '123456789012',
      KeyId: KeyMetadata!.KeyId,
      Arn: `arn:aws:kms:eu-west-1:123456789012:key/${KeyMetadata!.KeyId}`,
      CreationDate: clock(),
      Enabled: true,
      Description: 'd',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      MultiRegion: false,
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      CurrentKeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('uses the partition of the Region in ARNs', async () => {
    const kms = new Kms({ region: 'cn-north-1' });
    const { KeyMetadata } = await kms.createKey();
    expect(KeyMetadata!.Arn).toMatch(/^arn:aws-cn:kms:cn-north-1:111122223333:key\//);
  });

  it('describes a key by id, key ARN, alias name and alias ARN', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    await kms.createAlias({ AliasName: 'alias/app', TargetKeyId: keyId });
    for (const id of [keyId, arn, 'alias/app', 'arn:aws:kms:us-east-1:111122223333:alias/app']) {
      expect((await kms.describeKey({ KeyId: id })).KeyMetadata!.Arn).toBe(arn);
    }
  });

  it('refuses SM2 outside China as AWS does, and KeyUsage that does not fit', async () => {
    const kms = new Kms();
    await expectAwsError(kms.createKey({ KeySpec: 'SM2', KeyUsage: 'SIGN_VERIFY' }), 'UnsupportedOperationException', 'KeySpec SM2 is not supported in this Region');
    await expectAwsError(
      new Kms({ region: 'cn-north-1' }).createKey({ KeySpec: 'SM2', KeyUsage: 'SIGN_VERIFY' }),
      'UnsupportedOperationException',
      /no audited SM2 implementation/,
    );
    await expectAwsError(kms.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'KEY_AGREEMENT' }), 'ValidationException', 'KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048');
    await expectAwsError(
      kms.createKey({ KeySpec: 'HMAC_256' }),
      'ValidationException',
      'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    );
    await expectAwsError(
      kms.createKey({ KeyUsage: 'SIGN_VERIFY' }),
      'ValidationException',
      'KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT',
    );
    expect((await kms.listKeys()).Keys).toEqual([]);
  });

  it('checks the key policy size and syntax', async () => {
    const kms = new Kms();
    await expectAwsError(kms.createKey({ Policy: '{' }), 'MalformedPolicyDocumentException');
    await expectAwsError(kms.createKey({ Policy: `{"a":"${'x'.repeat(32768)}"}` }), 'LimitExceededException');
    await expectAwsError(kms.createKey({ Policy: '{"Version":"2012-10-17","Statement":[]}' }), 'MalformedPolicyDocumentException');
    expect((await kms.listKeys()).Keys).toEqual([]);
  });
});

describe('ListKeys', () => {
  it('pages with Limit and Marker, giving NextMarker only when truncated', async () => {
    const kms = new Kms();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await kms.createKey()).KeyMetadata!.KeyId!);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await kms.listKeys({ Limit: 2, ...(marker && { Marker: marker }) });
      pages++;
      seen.push(...page.Keys!.map((k) => k.KeyId!));
      expect(page.Truncated).toBe(page.NextMarker !== undefined);
      marker = page.NextMarker;
    } while (marker);
    expect(pages).toBe(3);
    expect(seen).toEqual(created);
  });

  it('refuses markers it did not issue, and markers of another list', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await kms.createKey();
    const page = await kms.listKeys({ Limit: 1 });
    await expectAwsError(kms.listKeys({ Marker: page.NextMarker!.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }), 'InvalidMarkerException');
    await expectAwsError(kms.listKeys({ Marker: 'bogus' }), 'InvalidMarkerException');
    await expectAwsError(kms.listResourceTags({ KeyId: keyId, Marker: page.NextMarker }), 'InvalidMarkerException');
    await expectAwsError(new Kms().listKeys({ Marker: page.NextMarker }), 'InvalidMarkerException');
  });
});

describe('key states', () => {
  it('disables and enables', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    await kms.disableKey({ KeyId: arn });
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    await expectAwsError(kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array(1) }), 'DisabledException', `${arn} is disabled.`);
    await kms.enableKey({ KeyId: keyId });
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata!.KeyState).toBe('Enabled');
  });

  it('schedules deletion with a 7..30 day window (default 30) and cancels back to Disabled', async () => {
    const { clock } = manualClock();
    const { kms, keyId, arn } = await newKmsWithKey({ clock });
    const scheduled = await kms.scheduleKeyDeletion({ KeyId: keyId });
    expect(scheduled).toEqual({
      KeyId: arn,
      DeletionDate: new Date(clock().getTime() + 30 * DAY),
      KeyState: 'PendingDeletion',
      PendingWindowInDays: 30,
    });
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata).toMatchObject({
      KeyState: 'PendingDeletion',
      Enabled: false,
      DeletionDate: scheduled.DeletionDate,
    });
    await expectAwsError(kms.scheduleKeyDeletion({ KeyId: keyId }), 'KMSInvalidStateException', `${arn} is pending deletion.`);
    await expectAwsError(kms.enableKey({ KeyId: keyId }), 'KMSInvalidStateException', `${arn} is pending deletion.`);
    await expectAwsError(kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256' }), 'KMSInvalidStateException');
    expect(await kms.cancelKeyDeletion({ KeyId: keyId })).toEqual({ KeyId: arn });
    const after = (await kms.describeKey({ KeyId: keyId })).KeyMetadata!;
    expect(after.KeyState).toBe('Disabled');
    expect(after.DeletionDate).toBeUndefined();
    await expectAwsError(kms.cancelKeyDeletion({ KeyId: keyId }), 'KMSInvalidStateException', `${arn} is not pending deletion.`);
  });

  it('refuses windows outside 7..30 days', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(
      kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 6 }),
      'ValidationException',
      "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7",
    );
    await expectAwsError(kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 31 }), 'ValidationException');
    expect((await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 })).PendingWindowInDays).toBe(7);
  });

  it('deletes the key and its aliases when the window passes', async () => {
    const time = manualClock();
    const { kms, keyId, arn } = await newKmsWithKey({ clock: time.clock });
    await kms.createAlias({ AliasName: 'alias/doomed', TargetKeyId: keyId });
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    time.advance(7 * DAY - 1);
    expect((await kms.listKeys()).Keys).toHaveLength(1);
    time.advance(1);
    await expectAwsError(kms.describeKey({ KeyId: keyId }), 'NotFoundException', `Key '${arn}' does not exist`);
    expect((await kms.listKeys()).Keys).toEqual([]);
    expect((await kms.listAliases()).Aliases).toEqual([]);
  });

  it('updates the description', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await kms.updateKeyDescription({ KeyId: keyId, Description: '' });
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata!.Description).toBe('');
  });
});
