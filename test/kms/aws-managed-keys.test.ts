import { describe, expect, it } from 'vitest';
import { Kms } from '../../src/kms.js';
import { KmsPartition } from '../../src/partition.js';
import { expectAwsError, manualClock, utf8 } from '../helpers.js';

const ACCOUNT = '111122223333';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/Alice`;
const VIA_S3 = { viaService: 's3.us-east-1.amazonaws.com' };
const VIA_EC2 = { viaService: 'ec2.us-east-1.amazonaws.com' };
const S3_ALIAS_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/s3`;

const noResourceAllow = (who: string, action: string, arn: string) =>
  `User: ${who} is not authorized to perform: ${action} on resource: ${arn} because no resource-based policy allows the ${action} action`;

/** Creates alias/aws/s3 the documented way, by DescribeKey, and returns its metadata. */
async function s3Key(kms: Kms) {
  return (await kms.describeKey({ KeyId: 'alias/aws/s3' })).KeyMetadata!;
}

describe('AWS managed keys: creation', () => {
  it('DescribeKey of alias/aws/s3 creates the key, with KeyManager AWS and the service description', async () => {
    const time = manualClock();
    const kms = new Kms({ clock: time.clock });
    const metadata = await s3Key(kms);
    expect(metadata).toEqual({
      AWSAccountId: ACCOUNT,
      KeyId: metadata.KeyId,
      Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${metadata.KeyId}`,
      CreationDate: time.clock(),
      Enabled: true,
      Description: 'Default key that protects my S3 data when no other key is defined',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'AWS',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      MultiRegion: false,
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      CurrentKeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('creates the key once: later calls find the same key, listed by ListKeys and ListAliases', async () => {
    const kms = new Kms();
    const first = await s3Key(kms);
    expect((await s3Key(kms)).KeyId).toBe(first.KeyId);
    expect((await kms.describeKey({ KeyId: S3_ALIAS_ARN })).KeyMetadata!.KeyId).toBe(first.KeyId);
    expect((await kms.as(ALICE, VIA_S3).encrypt({ KeyId: 'alias/aws/s3', Plaintext: utf8('x') })).KeyId).toBe(first.Arn);
    expect((await kms.listKeys()).Keys).toEqual([{ KeyId: first.KeyId, KeyArn: first.Arn }]);
    const aliases = (await kms.listAliases()).Aliases!.filter((a) => a.AliasName === 'alias/aws/s3');
    expect(aliases).toEqual([expect.objectContaining({ AliasName: 'alias/aws/s3', AliasArn: S3_ALIAS_ARN, TargetKeyId: first.KeyId })]);
  });

  it('is created on first use through its service', async () => {
    const kms = new Kms();
    const viaS3 = kms.as(ALICE, VIA_S3);
    const { CiphertextBlob, KeyId } = await viaS3.encrypt({ KeyId: 'alias/aws/s3', Plaintext: utf8('object') });
    const metadata = await s3Key(kms);
    expect(KeyId).toBe(metadata.Arn);
    expect(metadata.KeyManager).toBe('AWS');
    expect((await viaS3.decrypt({ CiphertextBlob })).Plaintext).toEqual(utf8('object'));
  });

  it('maps each predefined alias to its service endpoint: alias/aws/ebs is created through EC2', async () => {
    const kms = new Kms();
    await expectAwsError(kms.as(ALICE, { viaService: 'ebs.us-east-1.amazonaws.com' }).generateDataKey({ KeyId: 'alias/aws/ebs', KeySpec: 'AES_256' }), 'NotFoundException');
    const { KeyId } = await kms.as(ALICE, VIA_EC2).generateDataKey({ KeyId: 'alias/aws/ebs', KeySpec: 'AES_256' });
    const metadata = (await kms.describeKey({ KeyId: 'alias/aws/ebs' })).KeyMetadata!;
    expect(KeyId).toBe(metadata.Arn);
    expect(metadata.Description).toBe('Default key that protects my EBS data when no other key is defined');
  });

  it('is created in the Region of the Kms, through the service endpoint of that Region', async () => {
    const kms = new Kms({ region: 'eu-west-1' });
    await expectAwsError(kms.as(ALICE, VIA_S3).encrypt({ KeyId: 'alias/aws/s3', Plaintext: utf8('x') }), 'NotFoundException');
    const { KeyId } = await kms.as(ALICE, { viaService: 's3.eu-west-1.amazonaws.com' }).encrypt({ KeyId: 'alias/aws/s3', Plaintext: utf8('x') });
    expect(KeyId).toMatch(new RegExp(`^arn:aws:kms:eu-west-1:${ACCOUNT}:key/`));
  });

  it('is not created by a direct call that would use it', async () => {
    const kms = new Kms();
    await expectAwsError(
      kms.encrypt({ KeyId: 'alias/aws/s3', Plaintext: utf8('x') }),
      'NotFoundException',
      `Alias ${S3_ALIAS_ARN} is not found.`,
    );
    await expectAwsError(kms.generateDataKey({ KeyId: 'alias/aws/s3', KeySpec: 'AES_256' }), 'NotFoundException');
    expect((await kms.listKeys()).Keys).toEqual([]);
  });

  it('is not created through another service', async () => {
    const kms = new Kms();
    await expectAwsError(kms.as(ALICE, VIA_EC2).encrypt({ KeyId: 'alias/aws/s3', Plaintext: utf8('x') }), 'NotFoundException', `Alias ${S3_ALIAS_ARN} is not found.`);
    expect((await kms.listKeys()).Keys).toEqual([]);
  });

  it('does not exist for an alias/aws/ name no service uses', async () => {
    const kms = new Kms();
    const aliasArn = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/nosuchservice`;
    await expectAwsError(kms.describeKey({ KeyId: 'alias/aws/nosuchservice' }), 'NotFoundException', `Alias ${aliasArn} is not found.`);
    await expectAwsError(
      kms.as(ALICE, { viaService: 'nosuchservice.us-east-1.amazonaws.com' }).encrypt({ KeyId: 'alias/aws/nosuchservice', Plaintext: utf8('x') }),
      'NotFoundException',
    );
    expect((await kms.listKeys()).Keys).toEqual([]);
  });
});

describe('AWS managed keys: use', () => {
  it('is usable only through its service, by any principal of the account', async () => {
    const kms = new Kms();
    const { Arn } = await s3Key(kms);
    await expectAwsError(kms.encrypt({ KeyId: 'alias/aws/s3', Plaintext: utf8('x') }), 'AccessDeniedException', noResourceAllow(ROOT, 'kms:Encrypt', Arn!));
    await expectAwsError(kms.as(ALICE).encrypt({ KeyId: Arn!, Plaintext: utf8('x') }), 'AccessDeniedException');
    const { CiphertextBlob } = await kms.as(ALICE, VIA_S3).encrypt({ KeyId: Arn!, Plaintext: utf8('x') });
    await expectAwsError(kms.decrypt({ CiphertextBlob }), 'AccessDeniedException', noResourceAllow(ROOT, 'kms:Decrypt', Arn!));
    await expectAwsError(kms.as(ALICE, VIA_EC2).decrypt({ CiphertextBlob }), 'AccessDeniedException');
    expect((await kms.as(ALICE, VIA_S3).decrypt({ CiphertextBlob })).Plaintext).toEqual(utf8('x'));
  });

  it("is not usable by another account's principals, even through the service", async () => {
    const partition = new KmsPartition();
    const owner = partition.kms({ accountId: ACCOUNT });
    const { Arn } = await s3Key(owner);
    const stranger = 'arn:aws:iam::444455556666:user/Mallory';
    partition.iam.putPolicy(stranger, 'all', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }));
    await expectAwsError(owner.as(stranger, VIA_S3).encrypt({ KeyId: Arn!, Plaintext: utf8('x') }), 'AccessDeniedException', noResourceAllow(stranger, 'kms:Encrypt', Arn!));
  });

  it('refuses every change to the key, to anyone, with AccessDeniedException', async () => {
    const kms = new Kms();
    const { KeyId, Arn } = await s3Key(kms);
    const attempts: [string, () => Promise<unknown>][] = [
      ['kms:DisableKey', () => kms.disableKey({ KeyId: KeyId! })],
      ['kms:EnableKey', () => kms.enableKey({ KeyId: KeyId! })],
      ['kms:ScheduleKeyDeletion', () => kms.scheduleKeyDeletion({ KeyId: KeyId!, PendingWindowInDays: 7 })],
      ['kms:UpdateKeyDescription', () => kms.updateKeyDescription({ KeyId: KeyId!, Description: 'mine' })],
      ['kms:PutKeyPolicy', () => kms.putKeyPolicy({ KeyId: KeyId!, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }] }) })],
      ['kms:PutKeyPolicy', () => kms.putKeyPolicy({ KeyId: KeyId!, Policy: '{}', BypassPolicyLockoutSafetyCheck: true })],
      ['kms:TagResource', () => kms.tagResource({ KeyId: KeyId!, Tags: [{ TagKey: 'owner', TagValue: 'me' }] })],
      ['kms:UntagResource', () => kms.untagResource({ KeyId: KeyId!, TagKeys: ['owner'] })],
      ['kms:CreateAlias', () => kms.createAlias({ AliasName: 'alias/my-s3', TargetKeyId: KeyId! })],
    ];
    for (const [action, attempt] of attempts) {
      const error = await expectAwsError(attempt(), 'AccessDeniedException');
      expect(error.message, action).toBe(noResourceAllow(ROOT, action, Arn!));
    }
    // Through the service is no different.
    await expectAwsError(kms.as(ALICE, VIA_S3).disableKey({ KeyId: KeyId! }), 'AccessDeniedException');
    expect((await s3Key(kms)).KeyState).toBe('Enabled');
  });

  it("lets the account read its policy with GetKeyPolicy: AWS's managed-key policy for the service", async () => {
    const kms = new Kms();
    const { KeyId } = await s3Key(kms);
    const { Policy, PolicyName } = await kms.getKeyPolicy({ KeyId: KeyId! });
    expect(PolicyName).toBe('default');
    const document = JSON.parse(Policy!);
    expect(document.Version).toBe('2012-10-17');
    expect(document.Statement).toHaveLength(2);
    const [viaService, metadata] = document.Statement;
    expect(viaService).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT } },
    });
    expect(viaService.Action).toEqual(expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']));
    expect(metadata).toEqual({
      Sid: 'Allow direct access to key metadata to the account',
      Effect: 'Allow',
      Principal: { AWS: ROOT },
      Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
      Resource: '*',
    });
    // AWS's layout: two-space indent and " : " separators.
    expect(Policy).toMatch(/^\{\n {2}"Version" : "2012-10-17",\n/);
    expect(await kms.listKeyPolicies({ KeyId: KeyId! })).toEqual({ PolicyNames: ['default'], Truncated: false });
  });

  it('lets the service create grants on it, and the account list and revoke them', async () => {
    const kms = new Kms();
    const role = `arn:aws:iam::${ACCOUNT}:role/ebs-attach`;
    const { GrantId } = await kms.as(ALICE, VIA_EC2).createGrant({
      KeyId: (await kms.as(ALICE, VIA_EC2).describeKey({ KeyId: 'alias/aws/ebs' })).KeyMetadata!.KeyId!,
      GranteePrincipal: role,
      Operations: ['Decrypt'],
    });
    const { KeyId } = (await kms.describeKey({ KeyId: 'alias/aws/ebs' })).KeyMetadata!;
    expect((await kms.listGrants({ KeyId: KeyId! })).Grants!.map((g) => g.GrantId)).toEqual([GrantId]);
    await kms.revokeGrant({ KeyId: KeyId!, GrantId });
    expect((await kms.listGrants({ KeyId: KeyId! })).Grants).toEqual([]);
  });
});
