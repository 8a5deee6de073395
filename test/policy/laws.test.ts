/**
 * Laws of the engine over random policies built from small vocabularies (principals, actions
 * with wildcards, resources, condition blocks over a small context):
 * 1. a matching Deny statement anywhere denies, whatever else the policy holds;
 * 2. adding an Allow statement never takes an allow flag away, and never denies;
 * 3. adding a Deny statement never grants an allow flag;
 * and the verdict does not depend on the order of the statements.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, type PolicyKind, type PolicyVerdict } from '../../src/policy/index.js';
import { ACCOUNT, ADMIN_ROLE, ADMIN_SESSION, ALICE, KEY_ARN, OTHER_ACCOUNT, request, ROOT, type Context, type RequestSpec, type Statement } from './helpers.js';

const LOGS = 'logs.amazonaws.com';
const CALLERS = [ALICE, `arn:aws:iam::${ACCOUNT}:user/Bob`, ROOT, ADMIN_SESSION, `arn:aws:iam::${OTHER_ACCOUNT}:user/Eve`, LOGS];
const PRINCIPALS: unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: ACCOUNT },
  { AWS: ROOT },
  { AWS: ALICE },
  { AWS: ADMIN_ROLE },
  { AWS: ADMIN_SESSION },
  { AWS: OTHER_ACCOUNT },
  { Service: LOGS },
  { AWS: [ALICE, ROOT] },
];
const ACTIONS: unknown[] = ['kms:*', '*', 'kms:Encrypt', 'kms:Decrypt', 'kms:Describe*', 'kms:?ncrypt', 's3:*', ['kms:Encrypt', 'kms:ReEncrypt*']];
const REQUEST_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:ReEncryptFrom'];
const OTHER_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`;
const RESOURCES: unknown[] = ['*', KEY_ARN, `arn:aws:kms:*:${ACCOUNT}:key/*`, OTHER_KEY, [OTHER_KEY, KEY_ARN]];
const APP = 'kms:EncryptionContext:app';
const CONDITIONS: unknown[] = [
  { StringEquals: { [APP]: 'orders' } },
  { StringNotEquals: { [APP]: ['orders', 'audit'] } },
  { StringLikeIfExists: { [APP]: 'o*' } },
  { Bool: { 'aws:SecureTransport': true } },
  { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/a*' } },
  { 'ForAllValues:StringEquals': { 'kms:ResourceAliases': ['alias/a1', 'alias/b'] } },
  { Null: { [APP]: true } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NumericLessThan: { 'aws:n': 5 }, StringEquals: { 'kms:CallerAccount': ACCOUNT } },
];

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** `name` or, one time in ten, `Not<name>`, with a value from the vocabulary. */
const element = (name: string, values: readonly unknown[]) =>
  fc.tuple(fc.integer({ min: 0, max: 9 }), pick(values)).map(([roll, value]) => ({ [roll === 0 ? `Not${name}` : name]: value }));

const statement = (kind: PolicyKind, effect?: 'Allow' | 'Deny'): fc.Arbitrary<Statement> =>
  fc
    .record({
      effect: effect ? fc.constant(effect) : pick(['Allow', 'Deny']),
      principal: element('Principal', PRINCIPALS),
      action: element('Action', ACTIONS),
      resource: element('Resource', RESOURCES),
      condition: fc.option(pick(CONDITIONS), { nil: undefined }),
    })
    .map(({ effect: e, principal, action, resource, condition }) => ({
      Effect: e,
      ...(kind === 'key' ? principal : {}),
      ...action,
      ...resource,
      ...(condition === undefined ? {} : { Condition: condition }),
    }));

const contextArb: fc.Arbitrary<Context> = fc
  .record(
    {
      [APP]: pick(['orders', 'users', 'audit']),
      'aws:SecureTransport': pick(['true', 'false']),
      'kms:ResourceAliases': fc.subarray(['alias/a1', 'alias/b', 'alias/c']),
      'aws:SourceIp': pick(['10.1.2.3', '192.168.0.1']),
      'aws:n': pick(['3', '7']),
      'kms:CallerAccount': pick([ACCOUNT, OTHER_ACCOUNT]),
    },
    { requiredKeys: [] },
  )
  .map((record) => record as Context);

const requestArb: fc.Arbitrary<RequestSpec> = fc.record({
  caller: pick(CALLERS),
  action: pick(REQUEST_ACTIONS),
  resource: pick([KEY_ARN, KEY_ARN, OTHER_KEY]),
  context: contextArb,
});

const verdictOf = (statements: readonly Statement[], kind: PolicyKind, spec: RequestSpec): PolicyVerdict =>
  compilePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), kind).evaluate(request(spec));

/** Inserts `item` at position `at` (taken modulo the possible positions). */
const insert = <T>(items: readonly T[], item: T, at: number): T[] => {
  const i = at % (items.length + 1);
  return [...items.slice(0, i), item, ...items.slice(i)];
};

/** A Deny statement that matches `spec` by construction: the caller, its action, and a condition that holds. */
function matchingDeny(kind: PolicyKind, spec: RequestSpec, conditionChoice: number): Statement {
  const ctx = spec.context ?? {};
  const present = Object.entries(ctx).find(([, value]) => typeof value === 'string') as [string, string] | undefined;
  const conditions: (Statement | undefined)[] = [undefined, { Null: { 'aws:NeverInContext': true } }, present && { StringEquals: { [present[0]]: present[1] } }];
  const condition = conditions[conditionChoice % conditions.length];
  const caller = spec.caller ?? ALICE;
  const principal = [caller === LOGS ? { Service: LOGS } : { AWS: caller }, '*'][conditionChoice % 2];
  return {
    Effect: 'Deny',
    ...(kind === 'key' ? { Principal: principal } : {}),
    Action: spec.action,
    Resource: '*',
    ...(condition ? { Condition: condition } : {}),
  };
}

describe.each<PolicyKind>(['key', 'identity'])('%s policy laws', (kind) => {
  const policyArb = fc.array(statement(kind), { minLength: 1, maxLength: 6 });

  it('1: a matching Deny anywhere denies', () => {
    fc.assert(
      fc.property(policyArb, requestArb, fc.nat(), fc.nat(), (statements, spec, at, choice) => {
        const verdict = verdictOf(insert(statements, matchingDeny(kind, spec, choice), at), kind, spec);
        expect(verdict).toEqual({ deny: true, allowDirect: false, allowAccount: false });
      }),
      { numRuns: 300 },
    );
  });

  it('2: adding an Allow never takes an allow flag away and never denies', () => {
    fc.assert(
      fc.property(policyArb, statement(kind, 'Allow'), requestArb, fc.nat(), (statements, allow, spec, at) => {
        const before = verdictOf(statements, kind, spec);
        const after = verdictOf(insert(statements, allow, at), kind, spec);
        expect(after.deny).toBe(before.deny);
        if (before.allowDirect) expect(after.allowDirect).toBe(true);
        if (before.allowAccount) expect(after.allowAccount).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('3: adding a Deny never grants an allow flag', () => {
    fc.assert(
      fc.property(policyArb, statement(kind, 'Deny'), requestArb, fc.nat(), (statements, deny, spec, at) => {
        const before = verdictOf(statements, kind, spec);
        const after = verdictOf(insert(statements, deny, at), kind, spec);
        if (!before.allowDirect) expect(after.allowDirect).toBe(false);
        if (!before.allowAccount) expect(after.allowAccount).toBe(false);
        if (before.deny) expect(after.deny).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the verdict does not depend on statement order', () => {
    fc.assert(
      fc.property(policyArb, requestArb, fc.nat(), (statements, spec, seed) => {
        const rotated = [...statements.slice(seed % statements.length), ...statements.slice(0, seed % statements.length)].reverse();
        expect(verdictOf(rotated, kind, spec)).toBe(verdictOf(statements, kind, spec));
      }),
      { numRuns: 200 },
    );
  });

  it('reaches every verdict, so the laws are not vacuous', () => {
    const seen = new Set(fc.sample(fc.tuple(policyArb, requestArb), { numRuns: 2000, seed: 42 }).map(([statements, spec]) => verdictOf(statements, kind, spec)));
    const expected = kind === 'key' ? 5 : 3; // identity policies never delegate to an account
    expect(seen.size).toBe(expected);
  });
});
