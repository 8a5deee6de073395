import { describe, expect, it } from 'vitest';
import { Kms } from '../../src/kms.js';
import { KmsPartition } from '../../src/partition.js';
import { expectAwsError, manualClock, newKmsWithKey, utf8 } from '../helpers.js';

const ACCOUNT = '111122223333';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/Alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/Bob`;
const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';

/** AWS's default key policy, in the layout GetKeyPolicy returns it (kms-api.md §5.1). */
const defaultPolicy = (root: string) => `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "${root}"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (principal: string, action: string | string[] = 'kms:*') => ({
  Effect: 'Allow',
  Principal: { AWS: principal },
  Action: action,
  Resource: '*',
});

describe('GetKeyPolicy', () => {
  it("returns AWS's default key policy, byte for byte, named default", async () => {
    const { kms, keyId } = await newKmsWithKey();
    expect(await kms.getKeyPolicy({ KeyId: keyId })).toEqual({ Policy: defaultPolicy(ROOT), PolicyName: 'default' });
  });

  it('accepts the key ARN and the explicit policy name "default"', async () => {
    const { kms, arn } = await newKmsWithKey();
    expect(await kms.getKeyPolicy({ KeyId: arn, PolicyName: 'default' })).toEqual({ Policy: defaultPolicy(ROOT), PolicyName: 'default' });
  });

  it('names the account root in the partition of the Region', async () => {
    const kms = new Kms({ accountId: '123456789012', region: 'cn-north-1' });
    const { KeyMetadata } = await kms.createKey();
    const { Policy } = await kms.getKeyPolicy({ KeyId: KeyMetadata!.KeyId! });
    expect(Policy).toBe(defaultPolicy('arn:aws-cn:iam::123456789012:root'));
  });

  it('returns a policy given to CreateKey verbatim', async () => {
    const kms = new Kms();
    const document = policy(allow(ROOT));
    const { KeyMetadata } = await kms.createKey({ Policy: document });
    expect((await kms.getKeyPolicy({ KeyId: KeyMetadata!.KeyId! })).Policy).toBe(document);
  });

  it('knows no policy but "default"', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(kms.getKeyPolicy({ KeyId: keyId, PolicyName: 'other' }), 'NotFoundException', 'No such policy exists: other');
  });

  it('refuses alias names, which it does not accept as key identifiers', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await kms.createAlias({ AliasName: 'alias/app', TargetKeyId: keyId });
    await expectAwsError(kms.getKeyPolicy({ KeyId: 'alias/app' }), 'NotFoundException', "Invalid keyId 'alias/app'");
  });

  it('reports an unknown key as NotFoundException', async () => {
    const kms = new Kms();
    const missing = '00000000-0000-4000-8000-000000000000';
    await expectAwsError(
      kms.getKeyPolicy({ KeyId: missing }),
      'NotFoundException',
      `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/${missing}' does not exist`,
    );
  });

  it('works in every key state, pending deletion included', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await kms.disableKey({ KeyId: keyId });
    expect((await kms.getKeyPolicy({ KeyId: keyId })).PolicyName).toBe('default');
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    expect((await kms.getKeyPolicy({ KeyId: keyId })).Policy).toBe(defaultPolicy(ROOT));
  });

  it('is refused to a user whose identity policies do not allow kms:GetKeyPolicy', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    await expectAwsError(
      kms.as(ALICE).getKeyPolicy({ KeyId: keyId }),
      'AccessDeniedException',
      `User: ${ALICE} is not authorized to perform: kms:GetKeyPolicy on resource: ${arn} because no identity-based policy allows the kms:GetKeyPolicy action`,
    );
    kms.iam.putPolicy(ALICE, 'read', policy({ Effect: 'Allow', Action: 'kms:GetKeyPolicy', Resource: arn }));
    expect((await kms.as(ALICE).getKeyPolicy({ KeyId: keyId })).PolicyName).toBe('default');
  });
});

describe('ListKeyPolicies', () => {
  it('lists the one policy a key has, "default"', async () => {
    const { kms, keyId } = await newKmsWithKey();
    expect(await kms.listKeyPolicies({ KeyId: keyId })).toEqual({ PolicyNames: ['default'], Truncated: false });
  });

  it('works on a disabled key and by key ARN', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    await kms.disableKey({ KeyId: keyId });
    expect(await kms.listKeyPolicies({ KeyId: arn, Limit: 1 })).toEqual({ PolicyNames: ['default'], Truncated: false });
  });

  it('needs kms:ListKeyPolicies', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    await expectAwsError(
      kms.as(ALICE).listKeyPolicies({ KeyId: keyId }),
      'AccessDeniedException',
      `User: ${ALICE} is not authorized to perform: kms:ListKeyPolicies on resource: ${arn} because no identity-based policy allows the kms:ListKeyPolicies action`,
    );
  });
});

describe('PutKeyPolicy', () => {
  it('replaces the policy; GetKeyPolicy then returns the new document verbatim', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const document = `{ "Version": "2012-10-17",\n  "Statement": [ ${JSON.stringify({ ...allow(ROOT), Sid: 'Keep root' })} ] }`;
    expect(await kms.putKeyPolicy({ KeyId: keyId, PolicyName: 'default', Policy: document })).toEqual({});
    expect(await kms.getKeyPolicy({ KeyId: keyId })).toEqual({ Policy: document, PolicyName: 'default' });
  });

  it('changes who may use the key at once', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    const alice = kms.as(ALICE);
    await expectAwsError(alice.encrypt({ KeyId: keyId, Plaintext: utf8('x') }), 'AccessDeniedException');
    await kms.putKeyPolicy({ KeyId: keyId, Policy: policy(allow(ROOT), allow(ALICE, ['kms:Encrypt', 'kms:Decrypt'])) });
    const { CiphertextBlob } = await alice.encrypt({ KeyId: keyId, Plaintext: utf8('x') });
    expect((await alice.decrypt({ CiphertextBlob })).KeyId).toBe(arn);
    // Alice is named by the key policy itself: no identity policy is needed, but only what it lists is allowed.
    await expectAwsError(
      alice.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256' }),
      'AccessDeniedException',
      `User: ${ALICE} is not authorized to perform: kms:GenerateDataKey on resource: ${arn} because no identity-based policy allows the kms:GenerateDataKey action`,
    );
  });

  it('runs the lockout safety check: a policy that would lock the caller out is refused', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(
      kms.putKeyPolicy({ KeyId: keyId, Policy: policy(allow(ALICE)) }),
      'MalformedPolicyDocumentException',
      LOCKOUT,
    );
    // Nothing changed.
    expect((await kms.getKeyPolicy({ KeyId: keyId })).Policy).toBe(defaultPolicy(ROOT));
  });

  it('runs the lockout safety check for the calling principal, not for the account', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    kms.iam.putPolicy(ALICE, 'admin', policy({ Effect: 'Allow', Action: 'kms:*', Resource: arn }));
    const alice = kms.as(ALICE);
    // The new policy names Bob only: Alice could not put another policy afterwards.
    await expectAwsError(alice.putKeyPolicy({ KeyId: keyId, Policy: policy(allow(BOB)) }), 'MalformedPolicyDocumentException', LOCKOUT);
    // Delegating to the account keeps Alice's identity policy in force, so that passes.
    await alice.putKeyPolicy({ KeyId: keyId, Policy: policy(allow(ROOT)) });
    // So does naming Alice herself, for kms:PutKeyPolicy.
    await alice.putKeyPolicy({ KeyId: keyId, Policy: policy(allow(ALICE, 'kms:PutKeyPolicy')) });
  });

  it('accepts a lockout policy with BypassPolicyLockoutSafetyCheck, after which the account is locked out', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    const document = policy(allow(ALICE, 'kms:Encrypt'));
    await kms.putKeyPolicy({ KeyId: keyId, Policy: document, BypassPolicyLockoutSafetyCheck: true });
    await expectAwsError(
      kms.getKeyPolicy({ KeyId: keyId }),
      'AccessDeniedException',
      `User: ${ROOT} is not authorized to perform: kms:GetKeyPolicy on resource: ${arn} because no resource-based policy allows the kms:GetKeyPolicy action`,
    );
    await expectAwsError(kms.putKeyPolicy({ KeyId: keyId, Policy: policy(allow(ROOT)) }), 'AccessDeniedException');
    // What the policy still allows works.
    expect((await kms.as(ALICE).encrypt({ KeyId: keyId, Plaintext: utf8('x') })).KeyId).toBe(arn);
  });

  it('lets a key policy deny bypassing the lockout safety check, through kms:BypassPolicyLockoutSafetyCheck', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    const guarded = policy(allow(ROOT), {
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:PutKeyPolicy',
      Resource: '*',
      Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } },
    });
    await kms.putKeyPolicy({ KeyId: keyId, Policy: guarded });
    await expectAwsError(
      kms.putKeyPolicy({ KeyId: keyId, Policy: policy(allow(ROOT)), BypassPolicyLockoutSafetyCheck: true }),
      'AccessDeniedException',
      `User: ${ROOT} is not authorized to perform: kms:PutKeyPolicy on resource: ${arn} with an explicit deny in a resource-based policy`,
    );
    // Without the flag (or with it false) the same change goes through.
    await kms.putKeyPolicy({ KeyId: keyId, Policy: guarded, BypassPolicyLockoutSafetyCheck: false });
    await kms.putKeyPolicy({ KeyId: keyId, Policy: policy(allow(ROOT)) });
  });

  it('refuses documents that are not valid policies', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(kms.putKeyPolicy({ KeyId: keyId, Policy: '{' }), 'MalformedPolicyDocumentException');
    await expectAwsError(kms.putKeyPolicy({ KeyId: keyId, Policy: '{"Version":"2012-10-17","Statement":[]}' }), 'MalformedPolicyDocumentException');
    await expectAwsError(
      kms.putKeyPolicy({ KeyId: keyId, Policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:group/admins' }, Action: 'kms:*', Resource: '*' }) }),
      'MalformedPolicyDocumentException',
      /^Policy contains a statement with one or more invalid principals\./,
    );
    expect((await kms.getKeyPolicy({ KeyId: keyId })).Policy).toBe(defaultPolicy(ROOT));
  });

  it('refuses a policy over 32 KB with LimitExceededException', async () => {
    const { kms, keyId } = await newKmsWithKey();
    const huge = policy({ ...allow(ROOT), Sid: 'x'.repeat(32_768) });
    await expectAwsError(kms.putKeyPolicy({ KeyId: keyId, Policy: huge }), 'LimitExceededException');
  });

  it('knows no policy name but "default"', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await expectAwsError(kms.putKeyPolicy({ KeyId: keyId, PolicyName: 'other', Policy: policy(allow(ROOT)) }), 'NotFoundException');
  });

  it('needs kms:PutKeyPolicy', async () => {
    const { kms, keyId, arn } = await newKmsWithKey();
    await expectAwsError(
      kms.as(ALICE).putKeyPolicy({ KeyId: keyId, Policy: policy(allow(ROOT)) }),
      'AccessDeniedException',
      `User: ${ALICE} is not authorized to perform: kms:PutKeyPolicy on resource: ${arn} because no identity-based policy allows the kms:PutKeyPolicy action`,
    );
  });

  it('works on a key pending deletion', async () => {
    const { kms, keyId } = await newKmsWithKey();
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    const document = policy(allow(ROOT));
    await kms.putKeyPolicy({ KeyId: keyId, Policy: document });
    expect((await kms.getKeyPolicy({ KeyId: keyId })).Policy).toBe(document);
  });

  it('is not a cross-account operation: another account gets NotFoundException even by key ARN', async () => {
    const partition = new KmsPartition({ clock: manualClock().clock });
    const owner = partition.kms({ accountId: ACCOUNT });
    const { KeyMetadata } = await owner.createKey();
    const arn = KeyMetadata!.Arn!;
    await owner.putKeyPolicy({ KeyId: arn, Policy: policy(allow(ROOT), allow('444455556666')) });
    const other = partition.kms({ accountId: '444455556666' });
    await expectAwsError(other.getKeyPolicy({ KeyId: arn }), 'NotFoundException', `Key '${arn}' does not exist`);
    await expectAwsError(other.putKeyPolicy({ KeyId: arn, Policy: policy(allow(ROOT)) }), 'NotFoundException');
    await expectAwsError(other.listKeyPolicies({ KeyId: arn }), 'NotFoundException');
  });
});
