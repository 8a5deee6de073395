/**
 * Policy variables (Version 2012-10-17 only) in Resource and in String and ARN condition values.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT, allowAll, doc, evaluate, expectMalformed, KEY_ARN, type Context } from './helpers.js';
import { compilePolicy } from '../../src/policy/index.js';

const U = 'kms:EncryptionContext:user';

type Row = readonly [label: string, condition: Record<string, Record<string, unknown>>, context: Context, expected: boolean];

describe('variables in condition values', () => {
  it.each<Row>([
    ['${aws:username} takes the request value', { StringEquals: { [U]: '${aws:username}' } }, { 'aws:username': 'alice', [U]: 'alice' }, true],
    ['${aws:username} compares', { StringEquals: { [U]: '${aws:username}' } }, { 'aws:username': 'alice', [U]: 'bob' }, false],
    ['an absent variable matches nothing', { StringEquals: { [U]: '${aws:username}' } }, { [U]: '${aws:username}' }, false],
    ['an absent variable cannot exclude either: the negated operator passes', { StringNotEquals: { [U]: '${aws:username}' } }, { [U]: 'alice' }, true],
    ['a multi-valued variable matches nothing', { StringEquals: { [U]: '${aws:tags}' } }, { 'aws:tags': ['a'], [U]: 'a' }, false],
    ["a default stands in for an absent key", { StringEquals: { [U]: "${aws:username, 'guest'}" } }, { [U]: 'guest' }, true],
    ["a default is not used when the key is present", { StringEquals: { [U]: "${aws:username, 'guest'}" } }, { 'aws:username': 'alice', [U]: 'guest' }, false],
    ["a default stands in for a multi-valued key", { StringEquals: { [U]: "${aws:tags,'none'}" } }, { 'aws:tags': ['a', 'b'], [U]: 'none' }, true],
    ["'' in a default is one quote", { StringEquals: { [U]: "${aws:username, 'o''brien'}" } }, { [U]: "o'brien" }, true],
    ['a } inside a quoted default', { StringEquals: { [U]: "${aws:username, 'a}b'}" } }, { [U]: 'a}b' }, true],
    ['spaces around the parts are ignored', { StringEquals: { [U]: "${ aws:username , 'x' }" } }, { 'aws:username': 'alice', [U]: 'alice' }, true],
    ['the variable name is case-insensitive', { StringEquals: { [U]: '${AWS:UserName}' } }, { 'aws:username': 'alice', [U]: 'alice' }, true],
    ['any condition key can be a variable', { StringEquals: { [U]: '${aws:PrincipalTag/team}-admin' } }, { 'aws:PrincipalTag/team': 'red', [U]: 'red-admin' }, true],
    ['text around variables', { StringEquals: { [U]: 'u-${aws:username}-${aws:PrincipalAccount}' } }, { 'aws:username': 'a', 'aws:PrincipalAccount': ACCOUNT, [U]: `u-a-${ACCOUNT}` }, true],
    ['StringEqualsIgnoreCase folds the variable value too', { StringEqualsIgnoreCase: { [U]: '${aws:username}' } }, { 'aws:username': 'Alice', [U]: 'aLICE' }, true],
    ['StringLike keeps wildcards around a variable', { StringLike: { [U]: 'home/${aws:username}/*' } }, { 'aws:username': 'alice', [U]: 'home/alice/docs' }, true],
    ['StringLike treats the variable value literally', { StringLike: { [U]: 'team-${aws:username}' } }, { 'aws:username': 'a*', [U]: 'team-abc' }, false],
    ['StringLike matches the literal value', { StringLike: { [U]: 'team-${aws:username}' } }, { 'aws:username': 'a*', [U]: 'team-a*' }, true],
    ['${*} is a literal star in StringLike', { StringLike: { [U]: 'a${*}' } }, { [U]: 'a*' }, true],
    ['${*} is no wildcard', { StringLike: { [U]: 'a${*}' } }, { [U]: 'ab' }, false],
    ['${?} is a literal question mark', { StringLike: { [U]: 'why${?}' } }, { [U]: 'why?' }, true],
    ['${$} is a literal dollar', { StringEquals: { [U]: '${$}{aws:username}' } }, { 'aws:username': 'alice', [U]: '${aws:username}' }, true],
    ['an unterminated variable matches nothing', { StringEquals: { [U]: '${aws:username' } }, { 'aws:username': 'alice', [U]: '${aws:username' }, false],
    ['an empty variable matches nothing', { StringLike: { [U]: '*${}' } }, { [U]: 'x${}' }, false],
    ['ArnLike resolves variables', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:user/*' } }, { 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/x` }, true],
  ])('%s', (_label, condition, ctx, expected) => {
    expect(evaluate(doc(allowAll({ Condition: condition })), { context: ctx }).allowDirect).toBe(expected);
  });

  it('reads values literally in a 2008-10-17 policy (and one without a Version)', () => {
    for (const version of [{ Version: '2008-10-17' }, {}]) {
      const policy = JSON.stringify({ ...version, Statement: allowAll({ Condition: { StringLike: { [U]: '${aws:username}*' } } }) });
      expect(evaluate(policy, { context: { 'aws:username': 'alice', [U]: '${aws:username}x' } }).allowDirect).toBe(true);
      expect(evaluate(policy, { context: { 'aws:username': 'alice', [U]: 'alicex' } }).allowDirect).toBe(false);
    }
  });

  it('does not resolve variables for other operators: their values must parse', () => {
    expectMalformed(() => compilePolicy(doc(allowAll({ Condition: { NumericEquals: { 'aws:n': '${aws:x}' } } })), 'key'), 'expects a number');
  });
});

describe('variables in Resource', () => {
  const allowOn = (resource: string, version = '2012-10-17') =>
    JSON.stringify({ Version: version, Statement: { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: resource } });

  it('resolves a variable', () => {
    const policy = allowOn('arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*');
    expect(evaluate(policy, { context: { 'aws:PrincipalAccount': ACCOUNT } }).allowDirect).toBe(true);
    expect(evaluate(policy, { context: { 'aws:PrincipalAccount': '444455556666' } }).allowDirect).toBe(false);
    expect(evaluate(policy).allowDirect).toBe(false);
  });

  it('keeps the text literal in 2008-10-17', () => {
    const policy = allowOn('arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*', '2008-10-17');
    expect(evaluate(policy, { context: { 'aws:PrincipalAccount': ACCOUNT } }).allowDirect).toBe(false);
    expect(evaluate(policy, { resource: 'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/x' }).allowDirect).toBe(true);
  });

  it('uses a default', () => {
    const policy = allowOn(`arn:aws:kms:us-east-1:\${aws:PrincipalAccount, '${ACCOUNT}'}:key/*`);
    expect(evaluate(policy, { resource: KEY_ARN }).allowDirect).toBe(true);
  });
});
