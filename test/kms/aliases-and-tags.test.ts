import { describe, expect, it } from 'vitest';
import { Kms } from '../../src/kms.js';
import { expectAwsError, newKmsWithKey } from '../helpers.js';

describe('aliases', () => {
  it('creates, lists, updates and deletes aliases', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const other = (await kms.createKey()).KeyMetadata!.KeyId!;
    await kms.createAlias({ AliasName: 'alias/b', TargetKeyId: keyId });
    await kms.createAlias({ AliasName: 'alias/a', TargetKeyId: `arn:aws:kms:us-east-1:111122223333:key/${other}` });
    const { Aliases, Truncated } = await kms.listAliases();
    expect(Truncated).toBe(false);
    expect(Aliases!.map((a) => [a.AliasName, a.TargetKeyId, a.AliasArn])).toEqual([
      ['alias/a', other, 'arn:aws:kms:us-east-1:111122223333:alias/a'],
      ['alias/b', keyId, 'arn:aws:kms:us-east-1:111122223333:alias/b'],
    ]);
    expect((await kms.listAliases({ KeyId: keyId })).Aliases!.map((a) => a.AliasName)).toEqual(['alias/b']);
    await kms.updateAlias({ AliasName: 'alias/b', TargetKeyId: other });
    expect((await kms.describeKey({ KeyId: 'alias/b' })).KeyMetadata!.KeyId).toBe(other);
    await kms.deleteAlias({ AliasName: 'alias/b' });
    await expectAwsError(
      kms.describeKey({ KeyId: 'alias/b' }),
      'NotFoundException',
      'Alias arn:aws:kms:us-east-1:111122223333:alias/b is not found.',
    );
  });

  it('enforces the alias name rules', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(
      kms.createAlias({ AliasName: 'app', TargetKeyId: keyId }),
      'ValidationException',
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
    await expectAwsError(kms.createAlias({ AliasName: 'alias/aws/s3', TargetKeyId: keyId }), 'InvalidAliasNameException');
    await expectAwsError(kms.createAlias({ AliasName: 'alias/a:b', TargetKeyId: keyId }), 'InvalidAliasNameException');
    await expectAwsError(
      kms.createAlias({ AliasName: 'alias/a b', TargetKeyId: keyId }),
      'ValidationException',
      "1 validation error detected: Value 'alias/a b' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
    await expectAwsError(kms.createAlias({ AliasName: `alias/${'x'.repeat(251)}`, TargetKeyId: keyId }), 'ValidationException');
    await kms.createAlias({ AliasName: `alias/${'x'.repeat(250)}`, TargetKeyId: keyId });
    await kms.createAlias({ AliasName: 'alias/App', TargetKeyId: keyId });
    await expectAwsError(
      kms.createAlias({ AliasName: 'alias/App', TargetKeyId: keyId }),
      'AlreadyExistsException',
      'An alias with the name arn:aws:kms:us-east-1:111122223333:alias/App already exists',
    );
    // Alias names are case-sensitive.
    await kms.createAlias({ AliasName: 'alias/app', TargetKeyId: keyId });
  });

  it('takes only a key id or key ARN as the target', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await kms.createAlias({ AliasName: 'alias/one', TargetKeyId: keyId });
    await expectAwsError(kms.createAlias({ AliasName: 'alias/two', TargetKeyId: 'alias/one' }), 'NotFoundException', "Invalid keyId 'alias/one'");
  });

  it('refuses a target pending deletion and limits aliases per key to 50', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    for (let i = 0; i < 50; i++) await kms.createAlias({ AliasName: `alias/n${i}`, TargetKeyId: keyId });
    await expectAwsError(kms.createAlias({ AliasName: 'alias/n50', TargetKeyId: keyId }), 'LimitExceededException');
    await kms.scheduleKeyDeletion({ KeyId: keyId });
    await expectAwsError(kms.createAlias({ AliasName: 'alias/late', TargetKeyId: keyId }), 'KMSInvalidStateException', `${arn} is pending deletion.`);
  });

  it('pages aliases', async () => {
    const { kms, keyId } = await newKmsWithKey();
    for (let i = 0; i < 5; i++) await kms.createAlias({ AliasName: `alias/p${i}`, TargetKeyId: keyId });
    const first = await kms.listAliases({ Limit: 3 });
    expect(first.Truncated).toBe(true);
    const second = await kms.listAliases({ Limit: 3, Marker: first.NextMarker });
    expect(second).toMatchObject({ Truncated: false });
    expect(second.NextMarker).toBeUndefined();
    expect([...first.Aliases!, ...second.Aliases!].map((a) => a.AliasName)).toEqual(['alias/p0', 'alias/p1', 'alias/p2', 'alias/p3', 'alias/p4']);
  });
});

describe('tags', () => {
  it('tags, overwrites, untags and lists', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await kms.tagResource({ KeyId: keyId, Tags: [{ TagKey: 'env', TagValue: 'dev' }, { TagKey: 'team', TagValue: '' }] });
    await kms.tagResource({ KeyId: keyId, Tags: [{ TagKey: 'env', TagValue: 'prod' }] });
    expect((await kms.listResourceTags({ KeyId: keyId })).Tags).toEqual([
      { TagKey: 'team', TagValue: '' },
      { TagKey: 'env', TagValue: 'prod' },
    ]);
    await kms.untagResource({ KeyId: keyId, TagKeys: ['team', 'absent'] });
    expect(await kms.listResourceTags({ KeyId: keyId })).toEqual({ Tags: [{ TagKey: 'env', TagValue: 'prod' }], Truncated: false });
  });

  it('enforces tag limits as AWS does', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(kms.tagResource({ KeyId: keyId, Tags: [{ TagKey: 'AWS:x', TagValue: 'v' }] }), 'TagException', 'Tags beginning with aws: are reserved');
    await expectAwsError(
      kms.tagResource({ KeyId: keyId, Tags: [{ TagKey: 'k', TagValue: 'a' }, { TagKey: 'k', TagValue: 'b' }] }),
      'TagException',
      'Duplicate tag keys',
    );
    await expectAwsError(
      kms.tagResource({ KeyId: keyId, Tags: [{ TagKey: 'k', TagValue: 'v'.repeat(257) }] }),
      'ValidationException',
      `1 validation error detected: Value '${'v'.repeat(257)}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
    const fifty = Array.from({ length: 50 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
    await kms.tagResource({ KeyId: keyId, Tags: fifty });
    await expectAwsError(kms.tagResource({ KeyId: keyId, Tags: [{ TagKey: 'one-more', TagValue: 'v' }] }), 'TagException', 'Too many tags');
    const page = await kms.listResourceTags({ KeyId: keyId, Limit: 20 });
    expect(page.Tags).toHaveLength(20);
    expect(page.Truncated).toBe(true);
  });

  it('tags a key at creation', async () => {
    const kms = new Kms();
    const { KeyMetadata } = await kms.createKey({ Tags: [{ TagKey: 'a', TagValue: 'b' }] });
    expect((await kms.listResourceTags({ KeyId: KeyMetadata!.KeyId })).Tags).toEqual([{ TagKey: 'a', TagValue: 'b' }]);
    await expectAwsError(kms.createKey({ Tags: [{ TagKey: 'aws:x', TagValue: 'b' }] }), 'TagException');
  });
});
