import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/auth/request-context.js';
import { Kms } from '../../src/kms.js';
import { KmsPartition } from '../../src/partition.js';
import { expectAwsError, manualClock, utf8 } from '../helpers.js';

const A = '111122223333';
const B = '444455556666';
const A_ROOT = `arn:aws:iam::${A}:root`;
const B_ROOT = `arn:aws:iam::${B}:root`;
const A_ALICE = `arn:aws:iam::${A}:user/Alice`;
const B_BOB = `arn:aws:iam::${B}:user/Bob`;
const B_CAROL = `arn:aws:iam::${B}:user/Carol`;

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allowAccount = (account: string, action: string | string[] = 'kms:*') => ({
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${account}:root` },
  Action: action,
  Resource: '*',
});
const iamAllow = (action: string | string[], resource = '*') => doc({ Effect: 'Allow', Action: action, Resource: resource });

/**
 * Two accounts of one partition. Account A owns a key whose policy keeps A's root and names B's
 * account for everything (unless `keyPolicyForB` is null), so B's identities may use it when their
 * own IAM policies allow.
 */
async function twoAccounts(keyPolicyForB: object | null = allowAccount(B)) {
  const time = manualClock();
  const partition = new KmsPartition({ clock: time.clock });
  const a = partition.kms({ accountId: A });
  const b = partition.kms({ accountId: B });
  const { KeyMetadata } = await a.createKey({
    Policy: doc(allowAccount(A), ...(keyPolicyForB ? [keyPolicyForB] : [])),
  });
  return { partition, time, a, b, keyId: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn!, bob: b.as(B_BOB) };
}

describe('KmsPartition', () => {
  it('gives the same Kms for an account and Region every time, acting as that account root', () => {
    const partition = new KmsPartition();
    const a = partition.kms({ accountId: A, region: 'eu-west-1' });
    expect(partition.kms({ accountId: A, region: 'eu-west-1' })).toBe(a);
    expect(partition.kms({ accountId: B, region: 'eu-west-1' })).not.toBe(a);
    expect(partition.kms({ accountId: A, region: 'us-east-1' })).not.toBe(a);
    expect({ accountId: a.accountId, region: a.region, principal: a.principal }).toEqual({
      accountId: A,
      region: 'eu-west-1',
      principal: A_ROOT,
    });
  });

  it('defaults to account 111122223333 in us-east-1', () => {
    const partition = new KmsPartition();
    expect(partition.kms()).toBe(partition.kms({ accountId: '111122223333', region: 'us-east-1' }));
  });

  it('is what kms.partition returns, and shares its IAM with every Kms of it', () => {
    const partition = new KmsPartition();
    const a = partition.kms({ accountId: A });
    const b = partition.kms({ accountId: B, region: 'eu-west-1' });
    expect(a.partition).toBe(partition);
    expect(b.partition).toBe(partition);
    expect(a.iam).toBe(partition.iam);
    expect(b.iam).toBe(partition.iam);
    expect(a.as(A_ALICE).partition).toBe(partition);
  });

  it('gives a plain new Kms a partition of its own, in which that Kms is its own account root handle', () => {
    const kms = new Kms({ accountId: B, region: 'eu-west-1' });
    expect(kms.partition).toBe(kms.partition);
    expect(kms.partition.kms({ accountId: B, region: 'eu-west-1' })).toBe(kms);
    expect(kms.partition).not.toBe(new Kms({ accountId: B, region: 'eu-west-1' }).partition);
  });

  it('refuses account ids and Regions AWS could not have, with RangeError', () => {
    const partition = new KmsPartition();
    expect(() => partition.kms({ accountId: '1234' })).toThrow(RangeError);
    expect(() => partition.kms({ region: 'mars' })).toThrow(RangeError);
  });

  it('keeps accounts apart: keys, aliases and listings are per account', async () => {
    const partition = new KmsPartition();
    const a = partition.kms({ accountId: A });
    const b = partition.kms({ accountId: B });
    const aKey = (await a.createKey()).KeyMetadata!;
    const bKey = (await b.createKey()).KeyMetadata!;
    await a.createAlias({ AliasName: 'alias/app', TargetKeyId: aKey.KeyId! });
    await b.createAlias({ AliasName: 'alias/app', TargetKeyId: bKey.KeyId! });
    expect((await a.listKeys()).Keys).toEqual([{ KeyId: aKey.KeyId, KeyArn: aKey.Arn }]);
    expect((await b.listKeys()).Keys).toEqual([{ KeyId: bKey.KeyId, KeyArn: bKey.Arn }]);
    expect((await a.describeKey({ KeyId: 'alias/app' })).KeyMetadata!.Arn).toBe(aKey.Arn);
    expect((await b.describeKey({ KeyId: 'alias/app' })).KeyMetadata!.Arn).toBe(bKey.Arn);
    expect(bKey.Arn).toBe(`arn:aws:kms:us-east-1:${B}:key/${bKey.KeyId}`);
  });

  it('keeps Regions apart: a key is not found from another Region, even by ARN', async () => {
    const partition = new KmsPartition();
    const east = partition.kms({ accountId: A, region: 'us-east-1' });
    const west = partition.kms({ accountId: A, region: 'us-west-2' });
    const { KeyMetadata } = await east.createKey();
    await expectAwsError(west.describeKey({ KeyId: KeyMetadata!.Arn! }), 'NotFoundException');
    await expectAwsError(west.describeKey({ KeyId: KeyMetadata!.KeyId! }), 'NotFoundException');
  });

  it('shares one clock among its accounts', async () => {
    const time = manualClock();
    const partition = new KmsPartition({ clock: time.clock });
    time.advance(5_000);
    const a = (await partition.kms({ accountId: A }).createKey()).KeyMetadata!;
    const b = (await partition.kms({ accountId: B, region: 'eu-west-1' }).createKey()).KeyMetadata!;
    expect(a.CreationDate).toEqual(time.clock());
    expect(b.CreationDate).toEqual(time.clock());
  });
});

describe('Kms.as', () => {
  it('acts as the principal: without an identity policy a user of the account is denied what the default policy delegates', async () => {
    const partition = new KmsPartition();
    const kms = partition.kms({ accountId: A });
    const { KeyMetadata } = await kms.createKey();
    const alice = kms.as(A_ALICE);
    expect(alice.principal).toBe(A_ALICE);
    expect(alice.accountId).toBe(A);
    await expectAwsError(
      alice.describeKey({ KeyId: KeyMetadata!.KeyId! }),
      'AccessDeniedException',
      `User: ${A_ALICE} is not authorized to perform: kms:DescribeKey on resource: ${KeyMetadata!.Arn} because no identity-based policy allows the kms:DescribeKey action`,
    );
    kms.iam.putPolicy(A_ALICE, 'describe', iamAllow('kms:DescribeKey', KeyMetadata!.Arn!));
    expect((await alice.describeKey({ KeyId: KeyMetadata!.KeyId! })).KeyMetadata!.Arn).toBe(KeyMetadata!.Arn);
  });

  it('puts a principal of another account in its own account, where it creates and lists its keys', async () => {
    const partition = new KmsPartition();
    const a = partition.kms({ accountId: A });
    const bob = a.as(B_BOB);
    expect(bob.accountId).toBe(B);
    expect(bob.region).toBe('us-east-1');
    partition.iam.putPolicy(B_BOB, 'admin', iamAllow('kms:*'));
    const { KeyMetadata } = await bob.createKey();
    expect(KeyMetadata!.AWSAccountId).toBe(B);
    expect(KeyMetadata!.Arn).toBe(`arn:aws:kms:us-east-1:${B}:key/${KeyMetadata!.KeyId}`);
    expect((await partition.kms({ accountId: B }).listKeys()).Keys!.map((k) => k.KeyId)).toEqual([KeyMetadata!.KeyId]);
    expect((await a.listKeys()).Keys).toEqual([]);
  });

  it('accepts a bare account id as that account root', () => {
    const kms = new KmsPartition().kms({ accountId: A });
    const root = kms.as(B);
    expect(root.principal).toBe(B_ROOT);
    expect(root.accountId).toBe(B);
  });

  it('accepts a service principal, which the key policy alone authorizes', async () => {
    const kms = new KmsPartition().kms({ accountId: A });
    const { KeyMetadata } = await kms.createKey({
      Policy: doc(allowAccount(A), { Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:Encrypt', Resource: '*' }),
    });
    const logs = kms.as('logs.amazonaws.com');
    expect(logs.principal).toBe('logs.amazonaws.com');
    expect((await logs.encrypt({ KeyId: KeyMetadata!.Arn!, Plaintext: utf8('x') })).KeyId).toBe(KeyMetadata!.Arn);
    await expectAwsError(logs.generateDataKey({ KeyId: KeyMetadata!.Arn!, KeySpec: 'AES_256' }), 'AccessDeniedException');
  });

  it('rejects values that are not principals with TypeError', () => {
    const kms = new Kms();
    for (const value of [
      'alice',
      '*',
      '',
      `arn:aws:iam::${A}:group/admins`,
      'arn:aws:iam::1234:root',
      `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    ]) {
      expect(() => kms.as(value), value).toThrow(TypeError);
    }
    expect(() => kms.as(42 as unknown as string)).toThrow(TypeError);
    expect(() => kms.as(undefined as unknown as string)).toThrow(TypeError);
  });

  it('rejects a principal of another partition, which could never call this Region, with TypeError', () => {
    const kms = new KmsPartition().kms({ accountId: A, region: 'us-east-1' });
    expect(() => kms.as(`arn:aws-cn:iam::${B}:root`)).toThrow(TypeError);
    expect(() => kms.as(`arn:aws-us-gov:iam::${B}:user/Bob`)).toThrow(TypeError);
    expect(() => kms.as(`arn:aws-cn:sts::${B}:assumed-role/Ops/s1`)).toThrow(TypeError);
  });

  it('rejects a request context with members of the wrong type, with TypeError', () => {
    const kms = new Kms();
    const bad: unknown[] = [
      'context',
      null,
      { viaService: 5 },
      { sourceIp: ['10.0.0.1'] },
      { secureTransport: 'yes' },
      { currentTime: '2026-01-01T00:00:00Z' },
      { currentTime: new Date(Number.NaN) },
      { sourceArn: {} },
      { sourceAccount: 111122223333 },
      { principalTags: 'team=a' },
      { principalTags: { team: 1 } },
    ];
    for (const context of bad) {
      expect(() => kms.as(A_ALICE, context as RequestContext), JSON.stringify(context)).toThrow(TypeError);
    }
  });

  it('copies the request context: changing the object afterwards changes nothing', async () => {
    const kms = new KmsPartition().kms({ accountId: A });
    const { KeyMetadata } = await kms.createKey({
      Policy: doc(allowAccount(A), {
        Effect: 'Allow',
        Principal: { AWS: A_ALICE },
        Action: 'kms:Encrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      }),
    });
    const context = { viaService: 's3.us-east-1.amazonaws.com', sourceIp: '10.1.2.3' };
    const alice = kms.as(A_ALICE, context);
    context.viaService = 'ec2.us-east-1.amazonaws.com';
    context.sourceIp = '192.0.2.1';
    expect((await alice.encrypt({ KeyId: KeyMetadata!.KeyId!, Plaintext: utf8('x') })).KeyId).toBe(KeyMetadata!.Arn);
    // The conditions do read the context.
    await expectAwsError(kms.as(A_ALICE, context).encrypt({ KeyId: KeyMetadata!.KeyId!, Plaintext: utf8('x') }), 'AccessDeniedException');
    await expectAwsError(kms.as(A_ALICE).encrypt({ KeyId: KeyMetadata!.KeyId!, Plaintext: utf8('x') }), 'AccessDeniedException');
  });
});

describe('handles show no secrets', () => {
  it('a Kms shows its account, Region, provider and principal, and nothing else', async () => {
    const kms = new KmsPartition().kms({ accountId: A });
    await kms.createKey();
    expect(Object.keys(kms)).toEqual(['accountId', 'region']);
    expect(JSON.parse(JSON.stringify(kms))).toEqual({ accountId: A, region: 'us-east-1', provider: 'noble', principal: A_ROOT });
    expect(String(kms)).toBe(`Kms(${A}, us-east-1, noble, ${A_ROOT})`);
    expect(inspect(kms, { showHidden: true, depth: Infinity })).toBe(String(kms));
  });

  it('a handle made with as() shows its principal, and nothing of its request context', () => {
    const kms = new KmsPartition().kms({ accountId: A });
    const alice = kms.as(A_ALICE, { sourceIp: '10.1.2.3', principalTags: { team: 'secret-team' } });
    expect(JSON.parse(JSON.stringify(alice))).toEqual({ accountId: A, region: 'us-east-1', provider: 'noble', principal: A_ALICE });
    expect(inspect(alice, { showHidden: true, depth: Infinity })).toBe(`Kms(${A}, us-east-1, noble, ${A_ALICE})`);
  });

  it('a partition and its IAM show none of their state', async () => {
    const partition = new KmsPartition();
    const kms = partition.kms({ accountId: A });
    await kms.createKey({ Description: 'hidden description' });
    partition.iam.putPolicy(A_ALICE, 'p', iamAllow('kms:*'));
    expect(JSON.stringify(partition)).toBe('{}');
    expect(JSON.stringify(partition.iam)).toBe('{}');
    const shown = inspect(partition, { showHidden: true, depth: Infinity, getters: true }) + inspect(partition.iam, { showHidden: true, depth: Infinity });
    expect(shown).not.toMatch(/hidden description|kms:\*|material|111122223333/);
  });
});

describe('cross-account use of a key', () => {
  it('is allowed by ARN when the key policy names the account and an identity policy of the caller allows', async () => {
    const { partition, a, arn, bob } = await twoAccounts();
    partition.iam.putPolicy(B_BOB, 'use', iamAllow(['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], arn));
    const { CiphertextBlob, KeyId } = await bob.encrypt({ KeyId: arn, Plaintext: utf8('secret') });
    expect(KeyId).toBe(arn);
    expect(await bob.decrypt({ CiphertextBlob })).toMatchObject({ KeyId: arn, Plaintext: utf8('secret') });
    expect((await bob.describeKey({ KeyId: arn })).KeyMetadata).toMatchObject({ Arn: arn, AWSAccountId: A });
    expect((await bob.generateDataKey({ KeyId: arn, KeySpec: 'AES_128' })).KeyId).toBe(arn);
    expect((await bob.generateDataKeyWithoutPlaintext({ KeyId: arn, KeySpec: 'AES_256' })).KeyId).toBe(arn);
    const reEncrypted = await bob.reEncrypt({ CiphertextBlob, DestinationKeyId: arn });
    expect(reEncrypted).toMatchObject({ SourceKeyId: arn, KeyId: arn });
    // The owner reads what B's principal encrypted.
    expect((await a.decrypt({ CiphertextBlob: reEncrypted.CiphertextBlob })).Plaintext).toEqual(utf8('secret'));
  });

  it("decrypts a ciphertext of the other account's key without KeyId", async () => {
    const { partition, a, arn, bob } = await twoAccounts();
    const { CiphertextBlob } = await a.encrypt({ KeyId: arn, Plaintext: utf8('from A'), EncryptionContext: { purpose: 'share' } });
    await expectAwsError(
      bob.decrypt({ CiphertextBlob, EncryptionContext: { purpose: 'share' } }),
      'AccessDeniedException',
      `User: ${B_BOB} is not authorized to perform: kms:Decrypt on resource: ${arn} because no identity-based policy allows the kms:Decrypt action`,
    );
    partition.iam.putPolicy(B_BOB, 'decrypt', iamAllow('kms:Decrypt', arn));
    expect(await bob.decrypt({ CiphertextBlob, EncryptionContext: { purpose: 'share' } })).toMatchObject({ KeyId: arn, Plaintext: utf8('from A') });
    expect((await bob.decrypt({ CiphertextBlob, KeyId: arn, EncryptionContext: { purpose: 'share' } })).KeyId).toBe(arn);
    // The other account's root is allowed by its own IAM.
    expect((await partition.kms({ accountId: B }).decrypt({ CiphertextBlob, EncryptionContext: { purpose: 'share' } })).KeyId).toBe(arn);
  });

  it('needs the key policy to name the account: IAM of the caller alone is not enough', async () => {
    const { partition, arn, b, bob } = await twoAccounts(null);
    partition.iam.putPolicy(B_BOB, 'use', iamAllow('kms:*'));
    await expectAwsError(
      bob.encrypt({ KeyId: arn, Plaintext: utf8('x') }),
      'AccessDeniedException',
      `User: ${B_BOB} is not authorized to perform: kms:Encrypt on resource: ${arn} because no resource-based policy allows the kms:Encrypt action`,
    );
    await expectAwsError(b.describeKey({ KeyId: arn }), 'AccessDeniedException');
  });

  it('needs an identity policy in the caller account, even when the key policy names the caller itself', async () => {
    const { arn, bob } = await twoAccounts({ Effect: 'Allow', Principal: { AWS: B_BOB }, Action: 'kms:Encrypt', Resource: '*' });
    await expectAwsError(bob.encrypt({ KeyId: arn, Plaintext: utf8('x') }), 'AccessDeniedException');
  });

  it('names the key by key ARN (or alias ARN); a key id or alias name resolves in the caller account', async () => {
    const { partition, a, keyId, arn, bob } = await twoAccounts();
    partition.iam.putPolicy(B_BOB, 'use', iamAllow('kms:*'));
    await a.createAlias({ AliasName: 'alias/shared', TargetKeyId: keyId });
    await expectAwsError(bob.encrypt({ KeyId: keyId, Plaintext: utf8('x') }), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${B}:key/${keyId}' does not exist`);
    await expectAwsError(bob.encrypt({ KeyId: 'alias/shared', Plaintext: utf8('x') }), 'NotFoundException');
    expect((await bob.encrypt({ KeyId: `arn:aws:kms:us-east-1:${A}:alias/shared`, Plaintext: utf8('x') })).KeyId).toBe(arn);
  });

  it('is NotFoundException for every operation AWS does not allow across accounts, whatever the policies say', async () => {
    const { partition, arn, bob } = await twoAccounts();
    partition.iam.putPolicy(B_BOB, 'admin', iamAllow('kms:*'));
    const notFound = `Key '${arn}' does not exist`;
    const attempts: [string, () => Promise<unknown>][] = [
      ['EnableKey', () => bob.enableKey({ KeyId: arn })],
      ['DisableKey', () => bob.disableKey({ KeyId: arn })],
      ['ScheduleKeyDeletion', () => bob.scheduleKeyDeletion({ KeyId: arn })],
      ['CancelKeyDeletion', () => bob.cancelKeyDeletion({ KeyId: arn })],
      ['UpdateKeyDescription', () => bob.updateKeyDescription({ KeyId: arn, Description: 'mine now' })],
      ['TagResource', () => bob.tagResource({ KeyId: arn, Tags: [{ TagKey: 'k', TagValue: 'v' }] })],
      ['UntagResource', () => bob.untagResource({ KeyId: arn, TagKeys: ['k'] })],
      ['ListResourceTags', () => bob.listResourceTags({ KeyId: arn })],
      ['GetKeyPolicy', () => bob.getKeyPolicy({ KeyId: arn })],
      ['PutKeyPolicy', () => bob.putKeyPolicy({ KeyId: arn, Policy: doc(allowAccount(B)) })],
      ['ListKeyPolicies', () => bob.listKeyPolicies({ KeyId: arn })],
      ['CreateAlias', () => bob.createAlias({ AliasName: 'alias/stolen', TargetKeyId: arn })],
    ];
    for (const [operation, attempt] of attempts) {
      const error = await expectAwsError(attempt(), 'NotFoundException');
      expect(error.message, operation).toBe(notFound);
    }
  });

  it('allows grant management across accounts by ARN: CreateGrant, ListGrants, RevokeGrant', async () => {
    const { partition, a, keyId, arn, bob } = await twoAccounts();
    partition.iam.putPolicy(B_BOB, 'grants', iamAllow(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], arn));
    const { GrantId } = await bob.createGrant({ KeyId: arn, GranteePrincipal: B_CAROL, Operations: ['Encrypt'] });
    expect((await bob.listGrants({ KeyId: arn })).Grants).toEqual([
      expect.objectContaining({ KeyId: arn, GrantId, GranteePrincipal: B_CAROL, Operations: ['Encrypt'] }),
    ]);
    // The grant lives with the key: its owner sees it too.
    expect((await a.listGrants({ KeyId: keyId })).Grants!.map((g) => g.GrantId)).toEqual([GrantId]);
    expect((await partition.kms({ accountId: B }).as(B_CAROL).encrypt({ KeyId: arn, Plaintext: utf8('x') })).KeyId).toBe(arn);
    await bob.revokeGrant({ KeyId: arn, GrantId });
    expect((await a.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });
});

describe('cross-account grants', () => {
  it('let a user of another account use the key by ARN with no IAM policy at all', async () => {
    const { partition, a, keyId, arn, time, bob } = await twoAccounts(null);
    await expectAwsError(bob.encrypt({ KeyId: arn, Plaintext: utf8('x') }), 'AccessDeniedException');
    const { GrantId } = await a.createGrant({ KeyId: arn, GranteePrincipal: B_BOB, Operations: ['Encrypt', 'Decrypt', 'DescribeKey'] });
    expect((await a.listGrants({ KeyId: keyId })).Grants).toEqual([
      {
        KeyId: arn,
        GrantId,
        CreationDate: time.clock(),
        GranteePrincipal: B_BOB,
        IssuingAccount: A_ROOT,
        Operations: ['Encrypt', 'Decrypt', 'DescribeKey'],
      },
    ]);
    const { CiphertextBlob } = await bob.encrypt({ KeyId: arn, Plaintext: utf8('granted') });
    expect(await bob.decrypt({ CiphertextBlob })).toMatchObject({ KeyId: arn, Plaintext: utf8('granted') });
    expect((await bob.describeKey({ KeyId: arn })).KeyMetadata!.Arn).toBe(arn);
    await expectAwsError(bob.generateDataKey({ KeyId: arn, KeySpec: 'AES_256' }), 'AccessDeniedException');
    // Only the grantee: another user of B gets nothing from it.
    await expectAwsError(partition.kms({ accountId: B }).as(B_CAROL).encrypt({ KeyId: arn, Plaintext: utf8('x') }), 'AccessDeniedException');
  });

  it('appear in ListRetirableGrants of the retiring principal, who retires them by key ARN and GrantId', async () => {
    const { a, keyId, arn, time, bob } = await twoAccounts(null);
    a.iam.putPolicy(B_BOB, 'list', iamAllow('kms:ListRetirableGrants'));
    const { GrantId } = await a.createGrant({ KeyId: arn, GranteePrincipal: B_CAROL, RetiringPrincipal: B_BOB, Operations: ['Decrypt'] });
    expect(await bob.listRetirableGrants({ RetiringPrincipal: B_BOB })).toEqual({
      Grants: [
        {
          KeyId: arn,
          GrantId,
          CreationDate: time.clock(),
          GranteePrincipal: B_CAROL,
          RetiringPrincipal: B_BOB,
          IssuingAccount: A_ROOT,
          Operations: ['Decrypt'],
        },
      ],
      Truncated: false,
    });
    await bob.retireGrant({ KeyId: arn, GrantId });
    expect((await a.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });

  it("to another account's root delegate to that account's IAM, as an account principal in a key policy does", async () => {
    const { partition, a, arn, bob } = await twoAccounts(null);
    await a.createGrant({ KeyId: arn, GranteePrincipal: B_ROOT, Operations: ['Encrypt'] });
    expect((await partition.kms({ accountId: B }).encrypt({ KeyId: arn, Plaintext: utf8('x') })).KeyId).toBe(arn);
    await expectAwsError(bob.encrypt({ KeyId: arn, Plaintext: utf8('x') }), 'AccessDeniedException');
    partition.iam.putPolicy(B_BOB, 'encrypt', iamAllow('kms:Encrypt', arn));
    expect((await bob.encrypt({ KeyId: arn, Plaintext: utf8('x') })).KeyId).toBe(arn);
    // The grant allows Encrypt only, whatever IAM says.
    partition.iam.putPolicy(B_BOB, 'all', iamAllow('kms:*'));
    await expectAwsError(bob.generateDataKey({ KeyId: arn, KeySpec: 'AES_256' }), 'AccessDeniedException');
  });

  it('can be retired by token by a grantee of another account when the grant includes RetireGrant', async () => {
    const { a, keyId, arn, bob } = await twoAccounts(null);
    const { GrantToken } = await a.createGrant({ KeyId: arn, GranteePrincipal: B_BOB, Operations: ['Encrypt', 'RetireGrant'] });
    await bob.retireGrant({ GrantToken });
    expect((await a.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });

  it('cannot be retired from another account by a principal the grant does not name, even with IAM', async () => {
    const { partition, a, keyId, arn, bob } = await twoAccounts(null);
    a.iam.putPolicy(B_BOB, 'retire', iamAllow('kms:RetireGrant'));
    const { GrantToken, GrantId } = await a.createGrant({ KeyId: arn, GranteePrincipal: B_CAROL, Operations: ['Encrypt'] });
    await expectAwsError(bob.retireGrant({ GrantToken }), 'AccessDeniedException');
    await expectAwsError(partition.kms({ accountId: B }).retireGrant({ KeyId: arn, GrantId }), 'AccessDeniedException');
    // The key owner account can.
    await a.retireGrant({ KeyId: arn, GrantId });
    expect((await a.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });
});

describe('KmsPartition.reset', () => {
  it('wipes keys, aliases, grants and identity policies of every account and Region', async () => {
    const partition = new KmsPartition();
    const a = partition.kms({ accountId: '111111111111' });
    const b = partition.kms({ accountId: '222222222222', region: 'eu-west-1' });
    const { KeyMetadata } = await a.createKey();
    await a.createAlias({ AliasName: 'alias/x', TargetKeyId: KeyMetadata!.KeyId });
    await a.createGrant({ KeyId: KeyMetadata!.KeyId, GranteePrincipal: 'arn:aws:iam::111111111111:user/u', Operations: ['Encrypt'] });
    await b.createKey();
    partition.iam.putPolicy('arn:aws:iam::111111111111:user/u', 'p', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}');

    partition.reset();

    const a2 = partition.kms({ accountId: '111111111111' });
    expect(a2).not.toBe(a);
    expect((await a2.listKeys()).Keys).toEqual([]);
    expect((await a2.listAliases()).Aliases).toEqual([]);
    expect((await partition.kms({ accountId: '222222222222', region: 'eu-west-1' }).listKeys()).Keys).toEqual([]);
    expect(partition.iam.listPolicies('arn:aws:iam::111111111111:user/u')).toEqual([]);
    await expectAwsError(a2.describeKey({ KeyId: KeyMetadata!.KeyId }), 'NotFoundException');
  });
});
