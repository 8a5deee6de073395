/**
 * Laws of AWS authorization, checked at the `Kms` level with random key policies, identity
 * policies, grants, callers and requests (fast-check v4):
 *
 * 1. An explicit Deny for the action anywhere in the key policy denies, whatever else allows
 *    (identity policies, other key policy statements, grants).
 * 2. Adding an Allow statement to a key policy never removes access.
 * 3. Adding a Deny statement to a key policy never adds access.
 * 4. A grant with an EncryptionContextEquals/Subset constraint never allows Encrypt/Decrypt with a
 *    context that fails it (and, with nothing else allowing, allows exactly when it holds).
 *
 * Each run builds a fresh `Kms` through the matrix's runner, so the laws exercise the same code
 * paths as the table. numRuns is kept small: the whole authorization suite must stay fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessDeniedException } from '../../src/index.js';
import type { EncryptionContext, GrantOperation } from '../../src/types.js';
import { type Case, type GrantSetup, type Operation, type PolicyDoc, type Statement, ACCOUNT, OTHER_ACCOUNT, P, PLAINTEXT, allow, deny, iamAllow, iamDeny, policy, setUp } from './harness.js';

const RUNS = 100;

// ---------------------------------------------------------------------------------------------
// Arbitraries

const CALLERS = [P.root, P.alice, P.bob, P.appSession, P.xUser, P.xRoot] as const;
/** What a key policy statement may name; sessions are named through their role. */
const PRINCIPALS = ['*', P.root, ACCOUNT, P.alice, P.bob, P.appRole, P.appSession, OTHER_ACCOUNT, P.xUser] as const;
const ACTIONS = ['kms:*', 'kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey*', 'kms:Describe*', 'kms:*crypt', 'kms:CreateGrant'] as const;
const VIA = 'ec2.us-east-1.amazonaws.com';
const CONDITIONS = [
  undefined,
  { StringEquals: { 'kms:ViaService': VIA } },
  { StringEquals: { 'kms:EncryptionContext:Department': 'IT' } },
  { StringEquals: { 'kms:CallerAccount': ACCOUNT } },
  { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'Department' } },
  { Bool: { 'aws:SecureTransport': 'true' } },
] as const;

const statement = (effect: 'Allow' | 'Deny'): fc.Arbitrary<Statement> =>
  fc
    .record({
      principal: fc.constantFrom(...PRINCIPALS),
      actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
      condition: fc.constantFrom(...CONDITIONS),
    })
    .map(({ principal, actions, condition }) =>
      (effect === 'Allow' ? allow : deny)(principal, actions, condition ? { Condition: condition as never } : {}),
    );

const anyStatement = fc.oneof({ weight: 3, arbitrary: statement('Allow') }, { weight: 1, arbitrary: statement('Deny') });
const keyPolicy = fc.array(anyStatement, { minLength: 1, maxLength: 4 });

/** Identity policies for the callers that can hold them: a few Allow/Deny statements on `*` or the key. */
const iamStatement = fc
  .record({
    effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 2 }),
    resource: fc.constantFrom('*', '$KEY_ARN', '$KEY2_ARN'),
  })
  .map(({ effect, actions, resource }) => (effect === 'Allow' ? iamAllow : iamDeny)(actions, resource));
const identityPolicies = fc.record(
  {
    [P.alice]: fc.array(iamStatement, { maxLength: 2 }),
    [P.appRole]: fc.array(iamStatement, { maxLength: 2 }),
    [P.xUser]: fc.array(iamStatement, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const GRANT_OPS: GrantOperation[] = ['Encrypt', 'Decrypt', 'DescribeKey', 'GenerateDataKey'];
const grants = fc.array(
  fc.record({
    grantee: fc.constantFrom(P.alice, P.bob, P.appRole, P.xUser, P.root),
    operations: fc.uniqueArray(fc.constantFrom(...GRANT_OPS), { minLength: 1, maxLength: 3 }),
  }),
  { maxLength: 2 },
);

/** One request: the operation, its encryption context and whether it comes through a service. */
const request = fc.record({
  op: fc.constantFrom<Operation>('encrypt', 'decrypt', 'describeKey', 'generateDataKey'),
  context: fc.constantFrom<EncryptionContext | undefined>(undefined, { Department: 'IT' }, { Department: 'HR', Project: 'X' }),
  viaService: fc.boolean(),
  caller: fc.constantFrom(...CALLERS),
});

const scenario = fc.record({ statements: keyPolicy, identityPolicies, grants, request });
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const ACTION_OF: Record<string, string> = {
  encrypt: 'kms:Encrypt',
  decrypt: 'kms:Decrypt',
  describeKey: 'kms:DescribeKey',
  generateDataKey: 'kms:GenerateDataKey',
};

// ---------------------------------------------------------------------------------------------
// Running a scenario

/** The case a scenario describes, with `statements` as the key policy. */
function toCase(s: Scenario, statements: Statement[]): Case {
  const { op, context, viaService, caller } = s.request;
  const input =
    op === 'decrypt'
      ? { CiphertextBlob: '$BLOB', ...(context && { EncryptionContext: context }) }
      : op === 'describeKey'
        ? { KeyId: '$KEY_ARN' }
        : op === 'encrypt'
          ? { KeyId: '$KEY_ARN', Plaintext: PLAINTEXT, ...(context && { EncryptionContext: context }) }
          : { KeyId: '$KEY_ARN', KeySpec: 'AES_256', ...(context && { EncryptionContext: context }) };
  const docs: Record<string, PolicyDoc[]> = {};
  for (const [principal, list] of Object.entries(s.identityPolicies)) if (list && list.length > 0) docs[principal] = [policy(...list)];
  return {
    name: 'law',
    keyPolicy: policy(...statements),
    identityPolicies: docs,
    grants: s.grants.map((g): GrantSetup => ({ GranteePrincipal: g.grantee, Operations: g.operations })),
    ...(op === 'decrypt' && { ciphertext: { ...(context && { context }) } }),
    caller,
    ...(viaService && { requestContext: { viaService: VIA } }),
    op,
    input,
    expect: 'allow',
  };
}

type Outcome = { allowed: true } | { allowed: false; message: string };

async function outcome(c: Case): Promise<Outcome> {
  const { run } = await setUp(c);
  try {
    await run();
    return { allowed: true };
  } catch (error) {
    if (error instanceof AccessDeniedException) return { allowed: false, message: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Laws

describe('authorization laws', () => {
  it('(1) an explicit Deny for the action anywhere in the key policy denies, whatever else allows (grants included)', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenario,
        fc.nat(),
        fc.constantFrom('exact', 'kms:*', '*'),
        fc.constantFrom('*', 'caller'),
        async (s, position, actionForm, principalForm) => {
          const action = ACTION_OF[s.request.op]!;
          const caller = s.request.caller;
          const named = caller === P.appSession ? P.appRole : caller;
          const denyStatement = deny(principalForm === '*' ? '*' : named, actionForm === 'exact' ? action : actionForm);
          const statements = [...s.statements];
          statements.splice(position % (statements.length + 1), 0, denyStatement);
          // Everything else as permissive as it gets: a grant for the very operation to the caller.
          const grantee = caller === P.appSession ? P.appRole : caller;
          const withGrant: Scenario = { ...s, grants: [...s.grants, { grantee, operations: GRANT_OPS }] };
          const result = await outcome(toCase(withGrant, statements));
          expect(result.allowed).toBe(false);
          if (!result.allowed) expect(result.message).toMatch(/with an explicit deny in a resource-based policy$/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('(2) adding an Allow statement to a key policy never removes access', async () => {
    const seen = { allowed: 0, denied: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, statement('Allow'), fc.nat(), async (s, extra, position) => {
        const before = await outcome(toCase(s, s.statements));
        seen[before.allowed ? 'allowed' : 'denied']++;
        const statements = [...s.statements];
        statements.splice(position % (statements.length + 1), 0, extra);
        const after = await outcome(toCase(s, statements));
        if (before.allowed) expect(after, 'access was removed by adding an Allow').toEqual({ allowed: true });
      }),
      { numRuns: RUNS },
    );
    // Not vacuous: the generated scenarios both allow and deny. About one in five allows, so a tenth
    // of the runs was too tight a floor (a run saw exactly 10); a twentieth still rules out a vacuous law.
    expect(seen.allowed).toBeGreaterThanOrEqual(RUNS / 20);
    expect(seen.denied).toBeGreaterThanOrEqual(RUNS / 20);
  });

  it('(3) adding a Deny statement to a key policy never adds access', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, statement('Deny'), fc.nat(), async (s, extra, position) => {
        const before = await outcome(toCase(s, s.statements));
        const statements = [...s.statements];
        statements.splice(position % (statements.length + 1), 0, extra);
        const after = await outcome(toCase(s, statements));
        if (!before.allowed) expect(after.allowed, 'access was added by adding a Deny').toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  describe('(4) a constrained grant never allows a context that fails its constraint', () => {
    // Small alphabets so that matches and near misses (case variants, extra pairs) are common.
    const KEYS = ['dept', 'app', 'stage'] as const;
    const VALUES = ['a', 'A', 'b'] as const;
    const caseOf = (key: string, variant: number) => (variant === 0 ? key : variant === 1 ? key.toUpperCase() : key[0]!.toUpperCase() + key.slice(1));
    /** A context whose keys are distinct ignoring case, each written in one of three cases. */
    const contextArb = (minLength: number) =>
      fc
        .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...VALUES)), {
          minLength,
          maxLength: 3,
          selector: ([key]) => key,
        })
        .map((pairs) => Object.fromEntries(pairs.map(([key, variant, value]) => [caseOf(key, variant), value])) as EncryptionContext);

    /** AWS's rule (API_GrantConstraints): keys compare case-insensitively, values case-sensitively. */
    const lower = (ctx: EncryptionContext) => new Map(Object.entries(ctx).map(([k, v]) => [k.toLowerCase(), v]));
    function satisfies(kind: 'EncryptionContextEquals' | 'EncryptionContextSubset', constraint: EncryptionContext, ctx: EncryptionContext): boolean {
      const want = lower(constraint);
      const have = lower(ctx);
      for (const [k, v] of want) if (have.get(k) !== v) return false;
      return kind === 'EncryptionContextSubset' || want.size === have.size;
    }

    const constrained = fc.record({
      kind: fc.constantFrom('EncryptionContextEquals' as const, 'EncryptionContextSubset' as const),
      constraint: contextArb(1),
      context: contextArb(0),
      // Often reuse the constraint itself (or a case variant of it) as the request context.
      reuse: fc.integer({ min: 0, max: 3 }),
      op: fc.constantFrom('encrypt' as const, 'decrypt' as const),
    });

    it('Encrypt and Decrypt are allowed exactly when the constraint holds', async () => {
      const seen = { holds: 0, fails: 0 };
      await fc.assert(
        fc.asyncProperty(constrained, async ({ kind, constraint, context: drawn, reuse, op }) => {
          const context =
            reuse === 0 ? { ...constraint } : reuse === 1 ? Object.fromEntries(Object.entries(constraint).map(([k, v]) => [k.toUpperCase(), v])) : drawn;
          const hasContext = Object.keys(context).length > 0;
          const c: Case = {
            name: 'law 4',
            grants: [{ GranteePrincipal: P.alice, Operations: ['Encrypt', 'Decrypt'], Constraints: { [kind]: constraint } }],
            ...(op === 'decrypt' && { ciphertext: { ...(hasContext && { context }) } }),
            caller: P.alice,
            op,
            input:
              op === 'encrypt'
                ? { KeyId: '$KEY_ARN', Plaintext: PLAINTEXT, ...(hasContext && { EncryptionContext: context }) }
                : { CiphertextBlob: '$BLOB', ...(hasContext && { EncryptionContext: context }) },
            expect: 'allow',
          };
          const result = await outcome(c);
          const holds = satisfies(kind, constraint, context);
          seen[holds ? 'holds' : 'fails']++;
          if (!holds) expect(result.allowed, `${kind} ${JSON.stringify(constraint)} must not allow ${op} with ${JSON.stringify(context)}`).toBe(false);
          // Alice has no other permission (default key policy, no identity policy): the grant decides.
          else expect(result.allowed, `${kind} ${JSON.stringify(constraint)} should allow ${op} with ${JSON.stringify(context)}`).toBe(true);
        }),
        { numRuns: 200 },
      );
      expect(seen.holds).toBeGreaterThan(20);
      expect(seen.fails).toBeGreaterThan(20);
    });
  });
});
