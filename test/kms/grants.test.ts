import { describe, expect, it } from 'vitest';
import { Kms } from '../../src/kms.js';
import type { KmsOptions } from '../../src/options.js';
import type { CreateGrantRequest, GrantOperation } from '../../src/types.js';
import { expectAwsError, manualClock, newKmsWithKey, utf8 } from '../helpers.js';

const ACCOUNT = '111122223333';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/Alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/Bob`;
const CAROL = `arn:aws:iam::${ACCOUNT}:user/Carol`;
const GRANT_ID = /^[0-9a-f]{64}$/;
const DRY_RUN = 'The request would have succeeded, but the DryRun option is set.';
const BAD_TOKEN = 'The grant token is not valid.';
const MINUTE = 60_000;
const DAY = 86_400_000;

const denied = (who: string, action: string, arn: string) =>
  `User: ${who} is not authorized to perform: ${action} on resource: ${arn} because no identity-based policy allows the ${action} action`;

const iamPolicy = (action: string | string[], resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

/** A Kms with one key, handles for Alice and Bob (who have no identity policies), and a manual clock. */
async function setup(options: KmsOptions = {}) {
  const time = manualClock();
  const { kms, keyId, arn } = await newKmsWithKey({ clock: time.clock, ...options });
  /** CreateGrant on the key for Alice, unless `request` says otherwise, made by `by` (the account root by default). */
  const grant = (request: Partial<CreateGrantRequest> & { Operations: GrantOperation[] }, by: Kms = kms) =>
    by.createGrant({ KeyId: keyId, GranteePrincipal: ALICE, ...request });
  return { kms, keyId, arn, time, grant, alice: kms.as(ALICE), bob: kms.as(BOB) };
}

describe('CreateGrant', () => {
  it('returns a 64-hex GrantId and a token; ListGrants shows the grant in AWS shape (no Name when none was given)', async () => {
    const { kms, keyId, arn, time, grant } = await setup();
    const created = await grant({ Operations: ['Encrypt', 'Decrypt'] });
    expect(Object.keys(created).sort()).toEqual(['GrantId', 'GrantToken']);
    expect(created.GrantId).toMatch(GRANT_ID);
    expect(created.GrantToken!.length).toBeGreaterThan(0);
    expect(await kms.listGrants({ KeyId: keyId })).toEqual({
      Grants: [
        {
          KeyId: arn,
          GrantId: created.GrantId,
          CreationDate: time.clock(),
          GranteePrincipal: ALICE,
          IssuingAccount: ROOT,
          Operations: ['Encrypt', 'Decrypt'],
        },
      ],
      Truncated: false,
    });
    const [entry] = (await kms.listGrants({ KeyId: keyId })).Grants!;
    expect(entry!.CreationDate).toBeInstanceOf(Date);
    expect(entry).not.toHaveProperty('Name');
    expect(entry).not.toHaveProperty('RetiringPrincipal');
    expect(entry).not.toHaveProperty('Constraints');
  });

  it('records Name, RetiringPrincipal and Constraints when they are given', async () => {
    const { kms, keyId, arn, time, grant } = await setup();
    const { GrantId } = await grant({
      Operations: ['Decrypt'],
      Name: 'app-decrypt',
      RetiringPrincipal: BOB,
      Constraints: { EncryptionContextEquals: { Department: 'IT' } },
    });
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([
      {
        KeyId: arn,
        GrantId,
        Name: 'app-decrypt',
        CreationDate: time.clock(),
        GranteePrincipal: ALICE,
        RetiringPrincipal: BOB,
        IssuingAccount: ROOT,
        Operations: ['Decrypt'],
        Constraints: { EncryptionContextEquals: { Department: 'IT' } },
      },
    ]);
  });

  it('lets the grantee do what the grant allows and nothing else', async () => {
    const { arn, keyId, grant, alice } = await setup();
    await expectAwsError(alice.encrypt({ KeyId: keyId, Plaintext: utf8('x') }), 'AccessDeniedException', denied(ALICE, 'kms:Encrypt', arn));
    await grant({ Operations: ['Encrypt'] });
    const { CiphertextBlob, KeyId } = await alice.encrypt({ KeyId: arn, Plaintext: utf8('x') });
    expect(KeyId).toBe(arn);
    await expectAwsError(alice.decrypt({ CiphertextBlob }), 'AccessDeniedException', denied(ALICE, 'kms:Decrypt', arn));
    await expectAwsError(alice.describeKey({ KeyId: keyId }), 'AccessDeniedException', denied(ALICE, 'kms:DescribeKey', arn));
  });

  it('allows each grantable operation it names, and only for the grantee', async () => {
    const cases: [GrantOperation, (k: Kms, keyId: string, blob: Uint8Array) => Promise<unknown>][] = [
      ['DescribeKey', (k, keyId) => k.describeKey({ KeyId: keyId })],
      ['Encrypt', (k, keyId) => k.encrypt({ KeyId: keyId, Plaintext: utf8('x') })],
      ['Decrypt', (k, _keyId, blob) => k.decrypt({ CiphertextBlob: blob })],
      ['GenerateDataKey', (k, keyId) => k.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256' })],
      ['GenerateDataKeyWithoutPlaintext', (k, keyId) => k.generateDataKeyWithoutPlaintext({ KeyId: keyId, NumberOfBytes: 16 })],
      ['CreateGrant', (k, keyId) => k.createGrant({ KeyId: keyId, GranteePrincipal: CAROL, Operations: ['CreateGrant'] })],
    ];
    for (const [operation, run] of cases) {
      const { kms, keyId, grant, alice, bob } = await setup();
      const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('secret') });
      await expectAwsError(run(alice, keyId, CiphertextBlob!), 'AccessDeniedException');
      await grant({ Operations: [operation] });
      await expect(run(alice, keyId, CiphertextBlob!), operation).resolves.toBeDefined();
      await expectAwsError(run(bob, keyId, CiphertextBlob!), 'AccessDeniedException');
    }
  });

  it('allows ReEncrypt only with ReEncryptFrom on the source key and ReEncryptTo on the destination key', async () => {
    const { kms, keyId: source, grant, alice } = await setup();
    const destination = (await kms.createKey()).KeyMetadata!;
    const { CiphertextBlob } = await kms.encrypt({ KeyId: source, Plaintext: utf8('secret') });
    await grant({ Operations: ['ReEncryptFrom'] });
    await expectAwsError(
      alice.reEncrypt({ CiphertextBlob, DestinationKeyId: destination.KeyId! }),
      'AccessDeniedException',
      denied(ALICE, 'kms:ReEncryptTo', destination.Arn!),
    );
    await grant({ KeyId: destination.KeyId!, Operations: ['ReEncryptTo'] });
    const reEncrypted = await alice.reEncrypt({ CiphertextBlob, DestinationKeyId: destination.KeyId! });
    expect(reEncrypted.KeyId).toBe(destination.Arn);
    expect((await kms.decrypt({ CiphertextBlob: reEncrypted.CiphertextBlob })).Plaintext).toEqual(utf8('secret'));
  });

  it('covers every session of a role grantee, whatever the path in the role ARN', async () => {
    const { kms, keyId, grant } = await setup();
    await grant({ GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/ops/Deployer`, Operations: ['Encrypt'] });
    const session = kms.as(`arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/build-42`);
    expect((await session.encrypt({ KeyId: keyId, Plaintext: utf8('x') })).KeyId).toBeDefined();
    await expectAwsError(kms.as(`arn:aws:sts::${ACCOUNT}:assumed-role/Other/build-42`).encrypt({ KeyId: keyId, Plaintext: utf8('x') }), 'AccessDeniedException');
  });

  it('never overrides an explicit deny, in an identity policy or in the key policy', async () => {
    const { kms, keyId, arn, grant, alice } = await setup();
    await grant({ Operations: ['Encrypt'] });
    kms.iam.putPolicy(ALICE, 'no-encrypt', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'kms:Encrypt', Resource: '*' }] }));
    await expectAwsError(
      alice.encrypt({ KeyId: keyId, Plaintext: utf8('x') }),
      'AccessDeniedException',
      `User: ${ALICE} is not authorized to perform: kms:Encrypt on resource: ${arn} with an explicit deny in an identity-based policy`,
    );
    kms.iam.deletePolicy(ALICE, 'no-encrypt');
    const keyPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Deny', Principal: { AWS: ALICE }, Action: 'kms:Encrypt', Resource: '*' },
      ],
    });
    await kms.putKeyPolicy({ KeyId: keyId, Policy: keyPolicy });
    await expectAwsError(
      alice.encrypt({ KeyId: keyId, Plaintext: utf8('x') }),
      'AccessDeniedException',
      `User: ${ALICE} is not authorized to perform: kms:Encrypt on resource: ${arn} with an explicit deny in a resource-based policy`,
    );
  });

  it('with a Name, returns the existing grant on a retry: the same GrantId and a new, different token', async () => {
    const { kms, keyId, grant, alice } = await setup({ grantPropagationMs: MINUTE });
    const request = { Operations: ['Encrypt', 'Decrypt'] as GrantOperation[], Name: 'retry-me', RetiringPrincipal: BOB };
    const first = await grant(request);
    const second = await grant({ ...request, Operations: ['Decrypt', 'Encrypt'] });
    expect(second.GrantId).toBe(first.GrantId);
    expect(second.GrantToken).not.toBe(first.GrantToken);
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toHaveLength(1);
    // Both tokens name the grant, so either one makes it usable before it has propagated.
    for (const token of [first.GrantToken!, second.GrantToken!]) {
      await alice.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: [token] });
    }
  });

  it('with the same Name but other settings, creates another grant', async () => {
    const { kms, keyId, grant } = await setup();
    const first = await grant({ Operations: ['Encrypt'], Name: 'shared' });
    const second = await grant({ Operations: ['Decrypt'], Name: 'shared' });
    const third = await grant({ Operations: ['Encrypt'], Name: 'shared', GranteePrincipal: BOB });
    expect(new Set([first.GrantId, second.GrantId, third.GrantId]).size).toBe(3);
    expect((await kms.listGrants({ KeyId: keyId })).Grants!.map((g) => g.Name)).toEqual(['shared', 'shared', 'shared']);
  });

  it('without a Name, creates a new grant for every request, identical or not', async () => {
    const { kms, keyId, grant } = await setup();
    const first = await grant({ Operations: ['Encrypt'] });
    const second = await grant({ Operations: ['Encrypt'] });
    expect(second.GrantId).not.toBe(first.GrantId);
    expect((await kms.listGrants({ KeyId: keyId })).Grants!.map((g) => g.GrantId)).toEqual([first.GrantId, second.GrantId]);
  });

  it('refuses operations a symmetric encryption key does not support, with ValidationException', async () => {
    const { kms, keyId, arn, grant } = await setup();
    await expectAwsError(
      grant({ Operations: ['Encrypt', 'Sign'] }),
      'ValidationException',
      `Grant operations Sign are not valid for ${arn}, a SYMMETRIC_DEFAULT key for ENCRYPT_DECRYPT.`,
    );
    for (const operation of ['Verify', 'GenerateMac', 'VerifyMac', 'GetPublicKey', 'DeriveSharedSecret'] as GrantOperation[]) {
      await expectAwsError(grant({ Operations: [operation] }), 'ValidationException', new RegExp(`^Grant operations ${operation} are not valid`));
    }
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });

  it('accepts every operation a symmetric encryption key supports', async () => {
    const { grant } = await setup();
    const all: GrantOperation[] = [
      'Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext',
      'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'DescribeKey', 'CreateGrant', 'RetireGrant',
    ];
    expect((await grant({ Operations: all })).GrantId).toMatch(GRANT_ID);
  });

  it('refuses an empty or unknown Operations list and a grantee that is not a principal', async () => {
    const { grant } = await setup();
    await expectAwsError(grant({ Operations: [] }), 'ValidationException', 'Operations must contain at least one grant operation.');
    await expectAwsError(grant({ Operations: ['Teleport' as GrantOperation] }), 'ValidationException');
    await expectAwsError(grant({ GranteePrincipal: 'alice', Operations: ['Encrypt'] }), 'ValidationException');
    await expectAwsError(grant({ Operations: ['Encrypt'], RetiringPrincipal: 'bob' }), 'ValidationException');
  });

  it('names the key by key id or key ARN only', async () => {
    const { kms, keyId, arn, grant } = await setup();
    await kms.createAlias({ AliasName: 'alias/app', TargetKeyId: keyId });
    await expect(grant({ KeyId: arn, Operations: ['Encrypt'] })).resolves.toBeDefined();
    await expectAwsError(grant({ KeyId: 'alias/app', Operations: ['Encrypt'] }), 'NotFoundException', "Invalid keyId 'alias/app'");
  });

  it('refuses a disabled key and a key pending deletion', async () => {
    const { kms, keyId, arn, grant } = await setup();
    await kms.disableKey({ KeyId: keyId });
    await expectAwsError(grant({ Operations: ['Encrypt'] }), 'DisabledException', `${arn} is disabled.`);
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    await expectAwsError(grant({ Operations: ['Encrypt'] }), 'KMSInvalidStateException', `${arn} is pending deletion.`);
  });

  it('needs kms:CreateGrant, from the key policy and an identity policy', async () => {
    const { kms, keyId, arn, grant, alice } = await setup();
    await expectAwsError(grant({ GranteePrincipal: BOB, Operations: ['Encrypt'] }, alice), 'AccessDeniedException', denied(ALICE, 'kms:CreateGrant', arn));
    kms.iam.putPolicy(ALICE, 'grants', iamPolicy('kms:CreateGrant', arn));
    // The caller need not hold the permissions it grants.
    await grant({ GranteePrincipal: BOB, Operations: ['Decrypt'] }, alice);
    expect((await kms.listGrants({ KeyId: keyId, GranteePrincipal: BOB })).Grants).toHaveLength(1);
  });

  it('through a grant, creates only grants within the parent: a subset of its operations, constraints at least as strict', async () => {
    const { kms, keyId, arn, grant, alice } = await setup();
    await grant({ Operations: ['CreateGrant', 'Decrypt', 'Encrypt'], Constraints: { EncryptionContextSubset: { app: 'billing' } } });
    const child = (request: Partial<CreateGrantRequest> & { Operations: GrantOperation[] }) =>
      grant({ GranteePrincipal: BOB, ...request }, alice);
    await expectAwsError(child({ Operations: ['Decrypt'] }), 'AccessDeniedException', denied(ALICE, 'kms:CreateGrant', arn));
    await expectAwsError(
      child({ Operations: ['GenerateDataKey'], Constraints: { EncryptionContextSubset: { app: 'billing' } } }),
      'AccessDeniedException',
    );
    await expectAwsError(child({ Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { app: 'other' } } }), 'AccessDeniedException');
    await child({ Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { app: 'billing' } } });
    await child({ Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { app: 'billing', team: 'x' } } });
    await child({ Operations: ['Encrypt'], Constraints: { EncryptionContextEquals: { app: 'billing' } } });
    expect((await kms.listGrants({ KeyId: keyId, GranteePrincipal: BOB })).Grants).toHaveLength(3);
  });

  it('gives key policies the CreateGrant condition keys: kms:GrantOperations, kms:GranteePrincipal, kms:GrantIsForAWSResource', async () => {
    const { kms, keyId, grant, alice } = await setup();
    const allowAlice = (condition: object) => ({ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'kms:CreateGrant', Resource: '*', Condition: condition });
    const keyPolicy = (...statements: object[]) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' }, ...statements] });

    await kms.putKeyPolicy({ KeyId: keyId, Policy: keyPolicy(allowAlice({ 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt', 'DescribeKey'] } })) });
    await grant({ GranteePrincipal: BOB, Operations: ['Decrypt'] }, alice);
    await expectAwsError(grant({ GranteePrincipal: BOB, Operations: ['Decrypt', 'Encrypt'] }, alice), 'AccessDeniedException');

    await kms.putKeyPolicy({ KeyId: keyId, Policy: keyPolicy(allowAlice({ StringEquals: { 'kms:GranteePrincipal': BOB } })) });
    await grant({ GranteePrincipal: BOB, Operations: ['Encrypt'] }, alice);
    await expectAwsError(grant({ GranteePrincipal: CAROL, Operations: ['Encrypt'] }, alice), 'AccessDeniedException');

    await kms.putKeyPolicy({ KeyId: keyId, Policy: keyPolicy(allowAlice({ Bool: { 'kms:GrantIsForAWSResource': 'true' } })) });
    await expectAwsError(grant({ GranteePrincipal: BOB, Operations: ['Encrypt'] }, alice), 'AccessDeniedException');
    await grant({ GranteePrincipal: BOB, Operations: ['Encrypt'] }, kms.as(ALICE, { viaService: 'ec2.us-east-1.amazonaws.com' }));
  });

  it('with DryRun, authorizes and validates, then answers DryRunOperationException without creating the grant', async () => {
    const { kms, keyId, arn, grant, alice } = await setup();
    await expectAwsError(grant({ Operations: ['Encrypt'], DryRun: true }), 'DryRunOperationException', DRY_RUN);
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([]);
    await expectAwsError(grant({ Operations: ['Encrypt'], DryRun: true }, alice), 'AccessDeniedException', denied(ALICE, 'kms:CreateGrant', arn));
    await expectAwsError(grant({ Operations: ['Sign'], DryRun: true }), 'ValidationException');
  });
});

describe('grant tokens', () => {
  it('refuses tokens CreateGrant did not issue, in every operation that takes GrantTokens', async () => {
    const { kms, keyId, grant } = await setup();
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('x') });
    const GrantTokens = ['not-a-grant-token'];
    await expectAwsError(kms.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens }), 'InvalidGrantTokenException', BAD_TOKEN);
    await expectAwsError(kms.decrypt({ CiphertextBlob, GrantTokens }), 'InvalidGrantTokenException', BAD_TOKEN);
    await expectAwsError(kms.reEncrypt({ CiphertextBlob, DestinationKeyId: keyId, GrantTokens }), 'InvalidGrantTokenException', BAD_TOKEN);
    await expectAwsError(kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', GrantTokens }), 'InvalidGrantTokenException', BAD_TOKEN);
    await expectAwsError(kms.generateDataKeyWithoutPlaintext({ KeyId: keyId, KeySpec: 'AES_256', GrantTokens }), 'InvalidGrantTokenException', BAD_TOKEN);
    await expectAwsError(kms.describeKey({ KeyId: keyId, GrantTokens }), 'InvalidGrantTokenException', BAD_TOKEN);
    await expectAwsError(grant({ Operations: ['Encrypt'], GrantTokens }), 'InvalidGrantTokenException', BAD_TOKEN);
    const { GrantToken } = await grant({ Operations: ['Encrypt'] });
    await expectAwsError(
      kms.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: [GrantToken!.slice(0, -4)] }),
      'InvalidGrantTokenException',
      BAD_TOKEN,
    );
  });

  it('grant nothing by themselves: another principal presenting the token is still refused', async () => {
    const { keyId, grant, bob } = await setup();
    const { GrantToken } = await grant({ Operations: ['Encrypt'] });
    await expectAwsError(bob.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: [GrantToken!] }), 'AccessDeniedException');
  });
});

describe('grant constraints', () => {
  it('EncryptionContextEquals allows only the same pairs: keys match case-insensitively, values case-sensitively', async () => {
    const { keyId, grant, alice } = await setup();
    await grant({ Operations: ['Encrypt'], Constraints: { EncryptionContextEquals: { Department: 'IT', Project: 'x' } } });
    const encrypt = (EncryptionContext?: Record<string, string>) => alice.encrypt({ KeyId: keyId, Plaintext: utf8('x'), EncryptionContext });
    await encrypt({ Project: 'x', Department: 'IT' });
    await encrypt({ department: 'IT', PROJECT: 'x' });
    await expectAwsError(encrypt({ Department: 'it', Project: 'x' }), 'AccessDeniedException');
    await expectAwsError(encrypt({ Department: 'IT' }), 'AccessDeniedException');
    await expectAwsError(encrypt({ Department: 'IT', Project: 'x', Extra: 'y' }), 'AccessDeniedException');
    await expectAwsError(encrypt(), 'AccessDeniedException');
  });

  it('EncryptionContextSubset needs every constraint pair and allows more', async () => {
    const { keyId, grant, alice } = await setup();
    await grant({ Operations: ['GenerateDataKey'], Constraints: { EncryptionContextSubset: { Department: 'IT' } } });
    const generate = (EncryptionContext?: Record<string, string>) => alice.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext });
    await generate({ Department: 'IT' });
    await generate({ DEPARTMENT: 'IT', Purpose: 'backup' });
    await expectAwsError(generate({ Department: 'Finance', Purpose: 'backup' }), 'AccessDeniedException');
    await expectAwsError(generate({ Purpose: 'backup' }), 'AccessDeniedException');
    await expectAwsError(generate(), 'AccessDeniedException');
  });

  it('lets a case-variant context key through the grant, but decryption itself is case-sensitive', async () => {
    const { kms, keyId, grant, alice } = await setup();
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('secret'), EncryptionContext: { Department: 'IT' } });
    await grant({ Operations: ['Decrypt'], Constraints: { EncryptionContextEquals: { Department: 'IT' } } });
    expect((await alice.decrypt({ CiphertextBlob, EncryptionContext: { Department: 'IT' } })).Plaintext).toEqual(utf8('secret'));
    await expectAwsError(alice.decrypt({ CiphertextBlob, EncryptionContext: { department: 'IT' } }), 'InvalidCiphertextException', '');
    await expectAwsError(alice.decrypt({ CiphertextBlob, EncryptionContext: { Department: 'it' } }), 'AccessDeniedException');
  });

  it('do not apply to operations without an encryption context (DescribeKey)', async () => {
    const { keyId, arn, grant, alice } = await setup();
    await grant({ Operations: ['DescribeKey'], Constraints: { EncryptionContextEquals: { Department: 'IT' } } });
    expect((await alice.describeKey({ KeyId: keyId })).KeyMetadata!.Arn).toBe(arn);
  });

  it('apply to each side of a ReEncrypt with its own context', async () => {
    const { kms, keyId, grant, alice } = await setup();
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: utf8('secret'), EncryptionContext: { stage: 'old' } });
    await grant({ Operations: ['ReEncryptFrom'], Constraints: { EncryptionContextEquals: { stage: 'old' } } });
    await grant({ Operations: ['ReEncryptTo'], Constraints: { EncryptionContextEquals: { stage: 'new' } } });
    const reEncrypt = (source: string, destination: string) =>
      alice.reEncrypt({
        CiphertextBlob,
        SourceEncryptionContext: { stage: source },
        DestinationKeyId: keyId,
        DestinationEncryptionContext: { stage: destination },
      });
    await expectAwsError(reEncrypt('old', 'old'), 'AccessDeniedException');
    const { CiphertextBlob: rotated } = await reEncrypt('old', 'new');
    expect((await kms.decrypt({ CiphertextBlob: rotated, EncryptionContext: { stage: 'new' } })).Plaintext).toEqual(utf8('secret'));
  });
});

describe('grant propagation (grantPropagationMs)', () => {
  it('a fresh grant works only with its token until the delay has passed, then without', async () => {
    const { keyId, arn, time, grant, alice } = await setup({ grantPropagationMs: MINUTE });
    const { GrantToken } = await grant({ Operations: ['Encrypt', 'DescribeKey'] });
    const encrypt = (GrantTokens?: string[]) => alice.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens });
    await expectAwsError(encrypt(), 'AccessDeniedException', denied(ALICE, 'kms:Encrypt', arn));
    await expectAwsError(alice.describeKey({ KeyId: keyId }), 'AccessDeniedException');
    expect((await encrypt([GrantToken!])).KeyId).toBe(arn);
    expect((await alice.describeKey({ KeyId: keyId, GrantTokens: [GrantToken!] })).KeyMetadata!.Arn).toBe(arn);
    time.advance(MINUTE - 1);
    await expectAwsError(encrypt(), 'AccessDeniedException');
    time.advance(1);
    expect((await encrypt()).KeyId).toBe(arn);
    expect((await alice.describeKey({ KeyId: keyId })).KeyMetadata!.Arn).toBe(arn);
  });

  it('a fresh grant that allows CreateGrant passes on its permissions when its token is presented', async () => {
    const { kms, keyId, grant, alice } = await setup({ grantPropagationMs: MINUTE });
    const parent = await grant({ Operations: ['CreateGrant', 'Decrypt'] });
    await expectAwsError(grant({ GranteePrincipal: BOB, Operations: ['Decrypt'] }, alice), 'AccessDeniedException');
    await grant({ GranteePrincipal: BOB, Operations: ['Decrypt'], GrantTokens: [parent.GrantToken!] }, alice);
    expect((await kms.listGrants({ KeyId: keyId, GranteePrincipal: BOB })).Grants).toHaveLength(1);
  });

  it("a token of one grant does not hurry another grant's propagation", async () => {
    const { keyId, grant, alice } = await setup({ grantPropagationMs: MINUTE });
    await grant({ Operations: ['Encrypt'] });
    const other = await grant({ Operations: ['Decrypt'] });
    await expectAwsError(alice.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: [other.GrantToken!] }), 'AccessDeniedException');
  });

  it('a retired or revoked grant ends at once, token or not', async () => {
    const { kms, keyId, grant, alice } = await setup({ grantPropagationMs: MINUTE });
    const retired = await grant({ Operations: ['Encrypt'] });
    await kms.retireGrant({ GrantToken: retired.GrantToken });
    await expectAwsError(alice.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: [retired.GrantToken!] }), 'AccessDeniedException');
    const revoked = await grant({ Operations: ['Encrypt'] });
    await kms.revokeGrant({ KeyId: keyId, GrantId: revoked.GrantId });
    await expectAwsError(alice.encrypt({ KeyId: keyId, Plaintext: utf8('x'), GrantTokens: [revoked.GrantToken!] }), 'AccessDeniedException');
  });

  it('refuses a negative or non-finite delay with RangeError', () => {
    expect(() => new Kms({ grantPropagationMs: -1 })).toThrow(RangeError);
    expect(() => new Kms({ grantPropagationMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});

describe('ListGrants', () => {
  it('answers an empty list for a key without grants', async () => {
    const { kms, keyId } = await setup();
    expect(await kms.listGrants({ KeyId: keyId })).toEqual({ Grants: [], Truncated: false });
  });

  it('lists the grants of that key only, in creation order', async () => {
    const { kms, keyId, grant } = await setup();
    const other = (await kms.createKey()).KeyMetadata!.KeyId!;
    const a = await grant({ Operations: ['Encrypt'] });
    await grant({ KeyId: other, Operations: ['Encrypt'] });
    const b = await grant({ GranteePrincipal: BOB, Operations: ['Decrypt'] });
    expect((await kms.listGrants({ KeyId: keyId })).Grants!.map((g) => g.GrantId)).toEqual([a.GrantId, b.GrantId]);
  });

  it('filters by GrantId, and refuses a GrantId the key does not have with InvalidGrantIdException', async () => {
    const { kms, keyId, arn, grant } = await setup();
    await grant({ Operations: ['Encrypt'] });
    const wanted = await grant({ Operations: ['Decrypt'] });
    const listed = await kms.listGrants({ KeyId: keyId, GrantId: wanted.GrantId });
    expect(listed.Grants!.map((g) => g.GrantId)).toEqual([wanted.GrantId]);
    const unknown = 'f'.repeat(64);
    await expectAwsError(kms.listGrants({ KeyId: keyId, GrantId: unknown }), 'InvalidGrantIdException', `Grant ID ${unknown} not found for key ${arn}`);
    // A grant of another key is unknown to this one.
    const other = (await kms.createKey()).KeyMetadata!.KeyId!;
    await expectAwsError(kms.listGrants({ KeyId: other, GrantId: wanted.GrantId }), 'InvalidGrantIdException');
  });

  it('filters by GranteePrincipal', async () => {
    const { kms, keyId, grant } = await setup();
    await grant({ Operations: ['Encrypt'] });
    const bobs = await grant({ GranteePrincipal: BOB, Operations: ['Encrypt'] });
    expect((await kms.listGrants({ KeyId: keyId, GranteePrincipal: BOB })).Grants!.map((g) => g.GrantId)).toEqual([bobs.GrantId]);
    expect((await kms.listGrants({ KeyId: keyId, GranteePrincipal: CAROL })).Grants).toEqual([]);
  });

  it('pages with Limit and Marker: Truncated always, NextMarker only while there is more', async () => {
    const { kms, keyId, grant } = await setup();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await grant({ Operations: ['Encrypt'] })).GrantId!);
    const first = await kms.listGrants({ KeyId: keyId, Limit: 2 });
    expect(first.Grants).toHaveLength(2);
    expect(first.Truncated).toBe(true);
    expect(typeof first.NextMarker).toBe('string');
    const seen = first.Grants!.map((g) => g.GrantId!);
    let marker = first.NextMarker;
    while (marker) {
      const page = await kms.listGrants({ KeyId: keyId, Limit: 2, Marker: marker });
      seen.push(...page.Grants!.map((g) => g.GrantId!));
      expect(page.Truncated).toBe(page.NextMarker !== undefined);
      marker = page.NextMarker;
    }
    expect(seen).toEqual(created);
    const last = await kms.listGrants({ KeyId: keyId, Limit: 5 });
    expect(last).not.toHaveProperty('NextMarker');
    expect(last.Truncated).toBe(false);
  });

  it('refuses a marker it did not issue', async () => {
    const { kms, keyId } = await setup();
    await expectAwsError(kms.listGrants({ KeyId: keyId, Marker: 'bogus' }), 'InvalidMarkerException');
  });

  it('works in every key state and needs kms:ListGrants', async () => {
    const { kms, keyId, arn, grant, alice } = await setup();
    await grant({ Operations: ['Encrypt'] });
    await kms.disableKey({ KeyId: keyId });
    expect((await kms.listGrants({ KeyId: arn })).Grants).toHaveLength(1);
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toHaveLength(1);
    await expectAwsError(alice.listGrants({ KeyId: keyId }), 'AccessDeniedException', denied(ALICE, 'kms:ListGrants', arn));
  });
});

describe('ListRetirableGrants', () => {
  it('lists only for a principal of the caller\'s account, and refuses what is not a principal', async () => {
    const { kms } = await setup();
    await expectAwsError(
      kms.listRetirableGrants({ RetiringPrincipal: 'arn:aws:iam::444455556666:user/foreign' }),
      'NotFoundException',
      'arn:aws:iam::444455556666:user/foreign is not a principal in account 111122223333.',
    );
    await expectAwsError(kms.listRetirableGrants({ RetiringPrincipal: 'nobody' }), 'InvalidArnException', 'Invalid arn nobody');
  });

  it('lists the grants, on any key, whose retiring principal is the one named', async () => {
    const { kms, arn, time, grant } = await setup();
    const other = (await kms.createKey()).KeyMetadata!;
    const a = await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    await grant({ Operations: ['Encrypt'], RetiringPrincipal: CAROL });
    await grant({ Operations: ['Encrypt'] });
    const b = await grant({ KeyId: other.KeyId!, Operations: ['Decrypt'], RetiringPrincipal: BOB, Name: 'b' });
    expect(await kms.listRetirableGrants({ RetiringPrincipal: BOB })).toEqual({
      Grants: [
        { KeyId: arn, GrantId: a.GrantId, CreationDate: time.clock(), GranteePrincipal: ALICE, RetiringPrincipal: BOB, IssuingAccount: ROOT, Operations: ['Encrypt'] },
        {
          KeyId: other.Arn,
          GrantId: b.GrantId,
          Name: 'b',
          CreationDate: time.clock(),
          GranteePrincipal: ALICE,
          RetiringPrincipal: BOB,
          IssuingAccount: ROOT,
          Operations: ['Decrypt'],
        },
      ],
      Truncated: false,
    });
  });

  it('pages with Limit and Marker', async () => {
    const { kms, grant } = await setup();
    for (let i = 0; i < 3; i++) await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    const first = await kms.listRetirableGrants({ RetiringPrincipal: BOB, Limit: 2 });
    expect(first.Grants).toHaveLength(2);
    expect(first.Truncated).toBe(true);
    const second = await kms.listRetirableGrants({ RetiringPrincipal: BOB, Limit: 2, Marker: first.NextMarker });
    expect(second.Grants).toHaveLength(1);
    expect(second).toMatchObject({ Truncated: false });
    expect(second).not.toHaveProperty('NextMarker');
  });

  it('is authorized by IAM alone (kms:ListRetirableGrants)', async () => {
    const { kms, grant, bob } = await setup();
    await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    await expectAwsError(
      bob.listRetirableGrants({ RetiringPrincipal: BOB }),
      'AccessDeniedException',
      /^User: arn:aws:iam::111122223333:user\/Bob is not authorized to perform: kms:ListRetirableGrants on resource: .* because no identity-based policy allows the kms:ListRetirableGrants action$/,
    );
    kms.iam.putPolicy(BOB, 'list', iamPolicy('kms:ListRetirableGrants'));
    expect((await bob.listRetirableGrants({ RetiringPrincipal: BOB })).Grants).toHaveLength(1);
  });

  it('authorizes against the retiring principal as the resource, as AWS documents', async () => {
    const { kms, grant, bob } = await setup();
    await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    await expectAwsError(
      bob.listRetirableGrants({ RetiringPrincipal: BOB }),
      'AccessDeniedException',
      denied(BOB, 'kms:ListRetirableGrants', BOB),
    );
    // An identity policy scoped to the retiring principal allows listing for it, and for no one else.
    kms.iam.putPolicy(BOB, 'list-own', iamPolicy('kms:ListRetirableGrants', BOB));
    expect((await bob.listRetirableGrants({ RetiringPrincipal: BOB })).Grants).toHaveLength(1);
    await expectAwsError(bob.listRetirableGrants({ RetiringPrincipal: CAROL }), 'AccessDeniedException', denied(BOB, 'kms:ListRetirableGrants', CAROL));
  });
});

describe('RetireGrant', () => {
  it('retires by grant token, for the retiring principal; the grant ends at once', async () => {
    const { kms, keyId, grant, alice, bob } = await setup();
    const { GrantToken } = await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    await alice.encrypt({ KeyId: keyId, Plaintext: utf8('x') });
    expect(await bob.retireGrant({ GrantToken })).toEqual({});
    await expectAwsError(alice.encrypt({ KeyId: keyId, Plaintext: utf8('x') }), 'AccessDeniedException');
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });

  it('retires by key ARN (or key id) and GrantId', async () => {
    const { kms, keyId, arn, grant, bob } = await setup();
    const first = await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    const second = await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    await bob.retireGrant({ KeyId: arn, GrantId: first.GrantId });
    await bob.retireGrant({ KeyId: keyId, GrantId: second.GrantId });
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });

  it('lets the grantee retire a grant that includes RetireGrant, and only then', async () => {
    const { kms, keyId, arn, grant, alice } = await setup();
    const without = await grant({ Operations: ['Encrypt'] });
    await expectAwsError(alice.retireGrant({ GrantToken: without.GrantToken }), 'AccessDeniedException', denied(ALICE, 'kms:RetireGrant', arn));
    const withRetire = await grant({ Operations: ['Encrypt', 'RetireGrant'] });
    await alice.retireGrant({ GrantToken: withRetire.GrantToken });
    expect((await kms.listGrants({ KeyId: keyId })).Grants!.map((g) => g.GrantId)).toEqual([without.GrantId]);
  });

  it('lets the account that owns the key retire any of its grants: its root, and its identities that IAM allows', async () => {
    const { kms, keyId, grant, bob } = await setup();
    const first = await grant({ Operations: ['Encrypt'] });
    await kms.retireGrant({ KeyId: keyId, GrantId: first.GrantId });
    const second = await grant({ Operations: ['Encrypt'] });
    await expectAwsError(bob.retireGrant({ GrantToken: second.GrantToken }), 'AccessDeniedException');
    kms.iam.putPolicy(BOB, 'retire', iamPolicy('kms:RetireGrant'));
    await bob.retireGrant({ GrantToken: second.GrantToken });
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });

  it('ignores kms:RetireGrant in a key policy', async () => {
    const { kms, keyId, grant, bob } = await setup();
    await kms.putKeyPolicy({
      KeyId: keyId,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: BOB }, Action: 'kms:RetireGrant', Resource: '*' },
        ],
      }),
    });
    const { GrantToken } = await grant({ Operations: ['Encrypt'] });
    await expectAwsError(bob.retireGrant({ GrantToken }), 'AccessDeniedException');
  });

  it('with DryRun, answers DryRunOperationException and keeps the grant', async () => {
    const { kms, keyId, arn, grant, bob } = await setup();
    const { GrantToken, GrantId } = await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    await expectAwsError(bob.retireGrant({ GrantToken, DryRun: true }), 'DryRunOperationException', DRY_RUN);
    await expectAwsError(kms.as(CAROL).retireGrant({ GrantToken, DryRun: true }), 'AccessDeniedException', denied(CAROL, 'kms:RetireGrant', arn));
    expect((await kms.listGrants({ KeyId: keyId })).Grants!.map((g) => g.GrantId)).toEqual([GrantId]);
  });

  it('needs a grant token, or both KeyId and GrantId', async () => {
    const { kms, keyId, grant } = await setup();
    const { GrantId } = await grant({ Operations: ['Encrypt'] });
    const message = 'Either GrantToken, or both KeyId and GrantId, must be specified.';
    await expectAwsError(kms.retireGrant(), 'ValidationException', message);
    await expectAwsError(kms.retireGrant({ KeyId: keyId }), 'ValidationException', message);
    await expectAwsError(kms.retireGrant({ GrantId }), 'ValidationException', message);
  });

  it('refuses a token it did not issue, a malformed GrantId, and a grant that is gone', async () => {
    const { kms, keyId, arn, grant } = await setup();
    await expectAwsError(kms.retireGrant({ GrantToken: 'bogus' }), 'InvalidGrantTokenException', BAD_TOKEN);
    await expectAwsError(kms.retireGrant({ KeyId: keyId, GrantId: 'nope' }), 'InvalidGrantIdException', 'Invalid grant ID nope');
    const { GrantToken, GrantId } = await grant({ Operations: ['Encrypt'] });
    await kms.retireGrant({ GrantToken });
    await expectAwsError(kms.retireGrant({ GrantToken }), 'NotFoundException');
    await expectAwsError(kms.retireGrant({ KeyId: keyId, GrantId }), 'NotFoundException', `Grant ID ${GrantId} not found for key ${arn}`);
  });

  it('works on a disabled key and a key pending deletion', async () => {
    const { kms, keyId, grant, bob } = await setup();
    const first = await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    const second = await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    await kms.disableKey({ KeyId: keyId });
    await bob.retireGrant({ GrantToken: first.GrantToken });
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    await bob.retireGrant({ GrantToken: second.GrantToken });
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });
});

describe('RevokeGrant', () => {
  it('revokes for a caller with kms:RevokeGrant; the grant ends at once', async () => {
    const { kms, keyId, grant, alice } = await setup();
    const { GrantId } = await grant({ Operations: ['Encrypt'] });
    await alice.encrypt({ KeyId: keyId, Plaintext: utf8('x') });
    expect(await kms.revokeGrant({ KeyId: keyId, GrantId })).toEqual({});
    await expectAwsError(alice.encrypt({ KeyId: keyId, Plaintext: utf8('x') }), 'AccessDeniedException');
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });

  it('is decided by kms:RevokeGrant in policies, not by the grant', async () => {
    const { kms, keyId, arn, grant, alice, bob } = await setup();
    const { GrantId } = await grant({ Operations: ['Encrypt', 'RetireGrant'], RetiringPrincipal: BOB });
    await expectAwsError(alice.revokeGrant({ KeyId: keyId, GrantId }), 'AccessDeniedException', denied(ALICE, 'kms:RevokeGrant', arn));
    await expectAwsError(bob.revokeGrant({ KeyId: keyId, GrantId }), 'AccessDeniedException', denied(BOB, 'kms:RevokeGrant', arn));
    kms.iam.putPolicy(CAROL, 'revoke', iamPolicy('kms:RevokeGrant', arn));
    await kms.as(CAROL).revokeGrant({ KeyId: arn, GrantId });
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });

  it('with DryRun, answers DryRunOperationException and keeps the grant', async () => {
    const { kms, keyId, arn, grant, alice } = await setup();
    const { GrantId } = await grant({ Operations: ['Encrypt'] });
    await expectAwsError(kms.revokeGrant({ KeyId: keyId, GrantId, DryRun: true }), 'DryRunOperationException', DRY_RUN);
    await expectAwsError(alice.revokeGrant({ KeyId: keyId, GrantId, DryRun: true }), 'AccessDeniedException', denied(ALICE, 'kms:RevokeGrant', arn));
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toHaveLength(1);
  });

  it('refuses a malformed GrantId and a grant the key does not have', async () => {
    const { kms, keyId, arn, grant } = await setup();
    await expectAwsError(kms.revokeGrant({ KeyId: keyId, GrantId: 'nope' }), 'InvalidGrantIdException', 'Invalid grant ID nope');
    const { GrantId } = await grant({ Operations: ['Encrypt'] });
    await kms.revokeGrant({ KeyId: keyId, GrantId });
    await expectAwsError(kms.revokeGrant({ KeyId: keyId, GrantId }), 'NotFoundException', `Grant ID ${GrantId} not found for key ${arn}`);
  });

  it('works on a disabled key and a key pending deletion', async () => {
    const { kms, keyId, grant } = await setup();
    const first = await grant({ Operations: ['Encrypt'] });
    const second = await grant({ Operations: ['Encrypt'] });
    await kms.disableKey({ KeyId: keyId });
    await kms.revokeGrant({ KeyId: keyId, GrantId: first.GrantId });
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    await kms.revokeGrant({ KeyId: keyId, GrantId: second.GrantId });
    expect((await kms.listGrants({ KeyId: keyId })).Grants).toEqual([]);
  });
});

describe('grants and key deletion', () => {
  it('keeps grants while the key is pending deletion, and drops them when the window has passed', async () => {
    const { kms, keyId, time, grant } = await setup();
    const { GrantToken } = await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    time.advance(7 * DAY - 1);
    expect((await kms.listRetirableGrants({ RetiringPrincipal: BOB })).Grants).toHaveLength(1);
    time.advance(1);
    // Nothing has looked at the key since its deletion date: its grants must be gone all the same.
    expect((await kms.listRetirableGrants({ RetiringPrincipal: BOB })).Grants).toEqual([]);
    await expectAwsError(kms.listGrants({ KeyId: keyId }), 'NotFoundException');
    await expectAwsError(kms.retireGrant({ GrantToken }), 'NotFoundException');
  });

  it('does not bring grants back when the deleted key is looked up first', async () => {
    const { kms, keyId, time, grant } = await setup();
    await grant({ Operations: ['Encrypt'], RetiringPrincipal: BOB });
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    time.advance(7 * DAY);
    await expectAwsError(kms.describeKey({ KeyId: keyId }), 'NotFoundException');
    expect((await kms.listRetirableGrants({ RetiringPrincipal: BOB })).Grants).toEqual([]);
  });
});
