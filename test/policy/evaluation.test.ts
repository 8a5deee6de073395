import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/policy/index.js';
import {
  ACCOUNT,
  ADMIN_ROLE,
  ADMIN_SESSION,
  ALICE,
  allowAll,
  context,
  doc,
  evaluate,
  KEY_ARN,
  OTHER_ACCOUNT,
  principal,
  request,
  ROOT,
  type Statement,
} from './helpers.js';

const BOB = `arn:aws:iam::${ACCOUNT}:user/Bob`;
const OTHER_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/bob-session`;
const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/Carol`;
const FOREIGN_USER = `arn:aws:iam::${OTHER_ACCOUNT}:user/Alice`;
const FOREIGN_SESSION = `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/Admin/alice-session`;
const LOGS = 'logs.amazonaws.com';

type Flags = 'none' | 'direct' | 'account' | 'both';
const flagsOf = (verdict: { allowDirect: boolean; allowAccount: boolean }): Flags =>
  verdict.allowDirect ? (verdict.allowAccount ? 'both' : 'direct') : verdict.allowAccount ? 'account' : 'none';

const allowing = (principalElement: unknown, extra: Statement = {}): string =>
  doc({ Effect: 'Allow', Principal: principalElement, Action: 'kms:Encrypt', Resource: '*', ...extra });

describe('key policy principals (Allow)', () => {
  it.each<[string, unknown, string, Flags]>([
    ['"*" allows any caller itself', '*', FOREIGN_USER, 'direct'],
    ['"*" allows a service', '*', LOGS, 'direct'],
    ['{AWS: "*"} allows any caller itself', { AWS: '*' }, ROOT, 'direct'],
    ['an account root ARN delegates for a user of the account', { AWS: ROOT }, ALICE, 'account'],
    ['an account root ARN delegates for the root itself', { AWS: ROOT }, ROOT, 'account'],
    ['an account root ARN delegates for a role session', { AWS: ROOT }, ADMIN_SESSION, 'account'],
    ['an account root ARN delegates for a federated user', { AWS: ROOT }, FEDERATED, 'account'],
    ['an account root ARN does nothing for another account', { AWS: ROOT }, FOREIGN_USER, 'none'],
    ['an account root ARN does nothing for a service', { AWS: ROOT }, LOGS, 'none'],
    ['a bare account id is the account root', { AWS: ACCOUNT }, ALICE, 'account'],
    ['a user ARN allows that user', { AWS: ALICE }, ALICE, 'direct'],
    ['a user ARN does not allow another user', { AWS: ALICE }, BOB, 'none'],
    ['a user ARN does not allow the same name in another account', { AWS: ALICE }, FOREIGN_USER, 'none'],
    ['a role ARN (with a path) allows its sessions', { AWS: ADMIN_ROLE }, ADMIN_SESSION, 'direct'],
    ['a role ARN allows every session of the role', { AWS: ADMIN_ROLE }, OTHER_SESSION, 'direct'],
    ['a role ARN allows the role itself', { AWS: ADMIN_ROLE }, ADMIN_ROLE, 'direct'],
    ['a role ARN does not allow a session of the same name in another account', { AWS: ADMIN_ROLE }, FOREIGN_SESSION, 'none'],
    ['a role ARN does not allow a user', { AWS: ADMIN_ROLE }, ALICE, 'none'],
    ['a session ARN allows that session', { AWS: ADMIN_SESSION }, ADMIN_SESSION, 'direct'],
    ['a session ARN does not allow another session of the role', { AWS: ADMIN_SESSION }, OTHER_SESSION, 'none'],
    ['a federated user ARN allows that federated user', { AWS: FEDERATED }, FEDERATED, 'direct'],
    ['a service principal allows the service', { Service: LOGS }, LOGS, 'direct'],
    ['a service principal is matched exactly (regional names differ)', { Service: LOGS }, 'logs.us-east-1.amazonaws.com', 'none'],
    ['a service principal does not allow a user', { Service: LOGS }, ALICE, 'none'],
    ['a Federated principal never matches a KMS caller', { Federated: 'accounts.google.com' }, ADMIN_SESSION, 'none'],
    ['the account and the user named together give both', { AWS: [ROOT, ALICE] }, ALICE, 'both'],
    ['everyone and the account named together give both', { AWS: ['*', ACCOUNT] }, ALICE, 'both'],
  ])('%s', (_label, principalElement, caller, expected) => {
    const verdict = evaluate(allowing(principalElement), { caller });
    expect(flagsOf(verdict)).toBe(expected);
    expect(verdict.deny).toBe(false);
  });

  it('places bare account ids in the partition given', () => {
    const policy = compilePolicy(allowing({ AWS: ACCOUNT }), 'key', { partition: 'aws-cn' });
    expect(policy.evaluate(request({ caller: `arn:aws-cn:iam::${ACCOUNT}:user/Alice` })).allowAccount).toBe(true);
    expect(policy.evaluate(request({ caller: ALICE })).allowAccount).toBe(false);
  });

  it('gathers flags across statements', () => {
    const verdict = evaluate(doc(allowAll({ Principal: { AWS: ROOT } }), allowAll({ Principal: { AWS: ALICE } })), { caller: ALICE });
    expect(flagsOf(verdict)).toBe('both');
  });
});

describe('key policy principals (Deny)', () => {
  const denying = (principalElement: unknown): string => doc(allowAll(), { Effect: 'Deny', Principal: principalElement, Action: 'kms:*', Resource: '*' });

  it.each<[string, unknown, string, boolean]>([
    ['an account principal denies a user of the account', { AWS: ACCOUNT }, ALICE, true],
    ['an account principal denies a role session of the account', { AWS: ROOT }, ADMIN_SESSION, true],
    ['an account principal denies the account root', { AWS: ROOT }, ROOT, true],
    ['an account principal spares another account', { AWS: ROOT }, FOREIGN_USER, false],
    ['a role ARN denies its sessions', { AWS: ADMIN_ROLE }, ADMIN_SESSION, true],
    ['a user ARN spares other users', { AWS: ALICE }, BOB, false],
    ['"*" denies a service', '*', LOGS, true],
  ])('%s', (_label, principalElement, caller, denied) => {
    const verdict = evaluate(denying(principalElement), { caller });
    expect(verdict.deny).toBe(denied);
    // The first matching Deny decides: no allow flag survives it.
    if (denied) expect(flagsOf(verdict)).toBe('none');
    else expect(flagsOf(verdict)).toBe('direct');
  });
});

describe('NotPrincipal', () => {
  const denyAllBut = (spared: unknown): string => doc(allowAll(), { Effect: 'Deny', NotPrincipal: spared, Action: 'kms:*', Resource: '*' });

  it.each<[string, unknown, string, boolean]>([
    ['naming only the user does not spare it: its account is not named', { AWS: ALICE }, ALICE, true],
    ['naming the account and the user spares the user', { AWS: [ROOT, ALICE] }, ALICE, false],
    ['naming the account and the user does not spare another user', { AWS: [ROOT, ALICE] }, BOB, true],
    ['naming the account spares its root', { AWS: ACCOUNT }, ROOT, false],
    ['naming the account alone does not spare its users', { AWS: ACCOUNT }, ALICE, true],
    ['a session is spared when its account, role and session are named', { AWS: [ROOT, ADMIN_ROLE, ADMIN_SESSION] }, ADMIN_SESSION, false],
    ['a session is not spared without its role', { AWS: [ROOT, ADMIN_SESSION] }, ADMIN_SESSION, true],
    ['a session is not spared without itself', { AWS: [ROOT, ADMIN_ROLE] }, ADMIN_SESSION, true],
    ['a service is spared when named', { Service: LOGS }, LOGS, false],
    ['another service is not', { Service: LOGS }, 'events.amazonaws.com', true],
    ['"*" spares everyone', { AWS: '*' }, FOREIGN_SESSION, false],
    ['another account is not spared', { AWS: [ROOT, ALICE] }, FOREIGN_USER, true],
  ])('Deny: %s', (_label, spared, caller, denied) => {
    expect(evaluate(denyAllBut(spared), { caller }).deny).toBe(denied);
  });

  it('Allow: allows whoever it does not spare, as themselves', () => {
    const policy = doc({ Effect: 'Allow', NotPrincipal: { AWS: [ROOT, BOB] }, Action: 'kms:*', Resource: '*' });
    expect(flagsOf(evaluate(policy, { caller: ALICE }))).toBe('direct');
    expect(flagsOf(evaluate(policy, { caller: BOB }))).toBe('none');
  });
});

describe('actions', () => {
  const allowingActions = (actions: unknown, notAction = false): string =>
    doc({ Effect: 'Allow', Principal: '*', [notAction ? 'NotAction' : 'Action']: actions, Resource: '*' });

  it.each<[string, unknown, string, boolean]>([
    ['an exact action', 'kms:Encrypt', 'kms:Encrypt', true],
    ['another action', 'kms:Encrypt', 'kms:Decrypt', false],
    ['policy case is ignored', 'KMS:ENCRYPT', 'kms:Encrypt', true],
    ['request case is ignored', 'kms:Encrypt', 'KMS:encrypt', true],
    ['kms:*', 'kms:*', 'kms:ScheduleKeyDeletion', true],
    ['*', '*', 'kms:Decrypt', true],
    ['kms:Describe*', 'kms:Describe*', 'kms:DescribeKey', true],
    ['kms:Describe* is not kms:Disable*', 'kms:Describe*', 'kms:DisableKey', false],
    ['kms:ReEncrypt* takes ReEncryptFrom', 'kms:ReEncrypt*', 'kms:ReEncryptFrom', true],
    ['kms:ReEncrypt* takes ReEncryptTo', 'kms:ReEncrypt*', 'kms:ReEncryptTo', true],
    ['kms:GenerateDataKey* takes the WithoutPlaintext form', 'kms:GenerateDataKey*', 'kms:GenerateDataKeyWithoutPlaintext', true],
    ['? takes one character', 'kms:?ncrypt', 'kms:Encrypt', true],
    ['? takes no more', 'kms:?crypt', 'kms:Encrypt', false],
    ['a wildcard pattern is case-insensitive', 'KMS:describe*', 'kms:DescribeKey', true],
    ['another service never matches', 's3:*', 'kms:Encrypt', false],
    ['one of a list', ['s3:GetObject', 'kms:Decrypt', 'kms:Encrypt'], 'kms:Encrypt', true],
    ['a vendor is not a prefix of the action name', 'km:*', 'kms:Encrypt', false],
  ])('Action: %s', (_label, actions, action, expected) => {
    expect(evaluate(allowingActions(actions), { action }).allowDirect).toBe(expected);
  });

  it.each<[string, unknown, string, boolean]>([
    ['NotAction matches every other action', ['kms:Decrypt', 'kms:Delete*'], 'kms:Encrypt', true],
    ['NotAction excludes an exact action', ['kms:Decrypt', 'kms:Delete*'], 'kms:Decrypt', false],
    ['NotAction excludes by wildcard', ['kms:Decrypt', 'kms:Delete*'], 'kms:DeleteAlias', false],
    ['NotAction "*" matches nothing', '*', 'kms:Encrypt', false],
  ])('%s', (_label, actions, action, expected) => {
    expect(evaluate(allowingActions(actions, true), { action }).allowDirect).toBe(expected);
  });

  it('accepts a key policy statement without actions, and never matches it', () => {
    expect(evaluate(doc({ Effect: 'Allow', Principal: '*', Resource: '*' })).allowDirect).toBe(false);
    expect(evaluate(doc({ Effect: 'Deny', Principal: '*', Action: [], Resource: '*' }, allowAll())).deny).toBe(false);
  });

  it('stays fast with thousands of actions', () => {
    // An identity policy has no 32 KB quota, so the list can be long.
    const actions = Array.from({ length: 5000 }, (_, i) => (i % 2 ? `kms:Action${i}` : `s3:Get${i}*`));
    const policy = compilePolicy(doc({ Effect: 'Allow', Action: [...actions, 'kms:Encrypt'], Resource: '*' }), 'identity');
    const req = request();
    const started = performance.now();
    for (let i = 0; i < 200; i++) expect(policy.evaluate(req).allowDirect).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('resources', () => {
  const allowingResources = (resources: unknown, notResource = false): string =>
    doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*', [notResource ? 'NotResource' : 'Resource']: resources });
  const otherKey = `arn:aws:kms:us-east-1:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`;
  const alias = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/orders`;

  it.each<[string, unknown, string, boolean]>([
    ['"*" is this key', '*', KEY_ARN, true],
    ['the key ARN', KEY_ARN, KEY_ARN, true],
    ['another key ARN', otherKey, KEY_ARN, false],
    ['a wildcard pattern', `arn:aws:kms:*:${ACCOUNT}:key/*`, KEY_ARN, true],
    ['a ? pattern', `arn:aws:kms:us-east-?:${ACCOUNT}:key/*`, KEY_ARN, true],
    ['a key pattern does not take an alias', `arn:aws:kms:*:${ACCOUNT}:key/*`, alias, false],
    ['an alias pattern takes the alias', `arn:aws:kms:*:${ACCOUNT}:alias/*`, alias, true],
    ['matching is case-sensitive', KEY_ARN.toUpperCase().replace('ARN:AWS:KMS', 'arn:aws:kms'), KEY_ARN, false],
    ['one of a list', [otherKey, KEY_ARN], KEY_ARN, true],
  ])('Resource: %s', (_label, resources, resource, expected) => {
    expect(evaluate(allowingResources(resources), { resource }).allowDirect).toBe(expected);
  });

  it('NotResource matches every other resource', () => {
    expect(evaluate(allowingResources(otherKey, true)).allowDirect).toBe(true);
    expect(evaluate(allowingResources([otherKey, `arn:aws:kms:*:${ACCOUNT}:key/*`], true)).allowDirect).toBe(false);
  });

  it('accepts a key policy statement without resources, and never matches it', () => {
    expect(evaluate(doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*' })).allowDirect).toBe(false);
  });
});

describe('identity policies', () => {
  const identity = (...statements: Statement[]): string => doc(...statements);

  it('allows directly and never by account', () => {
    const verdict = evaluate(identity({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: KEY_ARN }), {}, 'identity');
    expect(verdict).toEqual({ deny: false, allowDirect: true, allowAccount: false });
  });

  it('matches "*" against the "*" of IAM-only actions, and ARNs only against ARNs', () => {
    const policy = identity({ Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*' });
    expect(evaluate(policy, { action: 'kms:CreateKey', resource: '*' }, 'identity').allowDirect).toBe(true);
    const scoped = identity({ Effect: 'Allow', Action: 'kms:CreateKey', Resource: `arn:aws:kms:*:${ACCOUNT}:key/*` });
    expect(evaluate(scoped, { action: 'kms:CreateKey', resource: '*' }, 'identity').allowDirect).toBe(false);
  });

  it('denies', () => {
    const policy = identity({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }, { Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' });
    expect(evaluate(policy, { action: 'kms:Decrypt' }, 'identity').deny).toBe(true);
    expect(evaluate(policy, { action: 'kms:Encrypt' }, 'identity').deny).toBe(false);
  });
});

describe('the compiled policy', () => {
  it('keeps the document verbatim', () => {
    const text = ` {\n  "Statement" : [ { "Effect" : "Allow", "Principal" : "*", "Action" : "kms:*", "Resource" : "*" } ]\n} `;
    const policy = compilePolicy(text, 'key');
    expect(policy.document).toBe(text);
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('returns shared frozen verdicts', () => {
    const policy = compilePolicy(doc(allowAll()), 'key');
    const first = policy.evaluate(request());
    expect(Object.isFrozen(first)).toBe(true);
    expect(policy.evaluate(request({ caller: BOB }))).toBe(first);
    const denied = compilePolicy(doc({ ...allowAll(), Effect: 'Deny' }), 'key').evaluate(request());
    expect(denied).toBe(compilePolicy(doc({ Effect: 'Deny', Action: '*', Resource: '*' }), 'identity').evaluate(request()));
  });

  it('evaluates the default policy plus three conditional statements in microseconds', () => {
    const policy = compilePolicy(
      doc(
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'kms:*', Resource: '*' },
        {
          Effect: 'Allow',
          Principal: { AWS: ADMIN_ROLE },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:EncryptionContext:app': 'orders' } },
        },
        { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } },
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:Describe*',
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT }, 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/team-*' } },
        },
      ),
      'key',
    );
    const req = {
      principal: principal(ADMIN_SESSION),
      action: 'kms:Encrypt',
      resource: KEY_ARN,
      context: context({ 'kms:EncryptionContext:app': 'orders', 'aws:SecureTransport': 'true', 'kms:CallerAccount': ACCOUNT }),
    };
    expect(flagsOf(policy.evaluate(req))).toBe('both');
    const runs = 50_000;
    const started = performance.now();
    for (let i = 0; i < runs; i++) policy.evaluate(req);
    const microseconds = ((performance.now() - started) * 1000) / runs;
    // About 0.6 µs on a laptop; the bound leaves room for slow CI machines.
    expect(microseconds).toBeLessThan(10);
  });
});
