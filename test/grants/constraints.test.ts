import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAtLeastAsStrict, satisfiesConstraints, satisfiesSourceArn } from '../../src/grants/constraints.js';
import { freezeContext, type GrantConstraintsRecord } from '../../src/grants/grant-record.js';

type Context = Record<string, string>;

const equals = (context: Context): GrantConstraintsRecord => ({ encryptionContextEquals: freezeContext(context) });
const subset = (context: Context): GrantConstraintsRecord => ({ encryptionContextSubset: freezeContext(context) });
/** A context owning a `__proto__` key, as JSON.parse makes it (an object literal would set the prototype). */
const protoKey = (value: string): Context => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`) as Context;

const IT = { Department: 'IT' };
// The Developer Guide's EncryptionContextSubset example.
const FINANCE = { Department: 'Finance', Classification: 'Public' };

describe('satisfiesConstraints', () => {
  it.each<[string, GrantConstraintsRecord | undefined, Context | undefined, boolean]>([
    ['no constraints, no context', undefined, undefined, true],
    ['no constraints, any context', undefined, { a: 'b' }, true],
    ['empty constraints', {}, { a: 'b' }, true],

    ['Equals: the same pair', equals(IT), { Department: 'IT' }, true],
    ['Equals: the key in lowercase', equals(IT), { department: 'IT' }, true],
    ['Equals: the key in uppercase', equals(IT), { DEPARTMENT: 'IT' }, true],
    ['Equals: the value in lowercase', equals(IT), { Department: 'it' }, false],
    ['Equals: an extra pair', equals(IT), { Department: 'IT', Purpose: 'Test' }, false],
    ['Equals: a missing pair', equals({ ...IT, Purpose: 'Test' }), { Department: 'IT' }, false],
    ['Equals: another value', equals(IT), { Department: 'HR' }, false],
    ['Equals: an empty context', equals(IT), {}, false],
    ['Equals: an absent context', equals(IT), undefined, false],
    ['Equals {}: an absent context', equals({}), undefined, true],
    ['Equals {}: an empty context', equals({}), {}, true],
    ['Equals {}: one pair', equals({}), { a: 'b' }, false],
    ['Equals: two keys that fold together, one in the constraint', equals({ a: '1' }), { a: '1', A: '1' }, false],
    ['Equals: pairs in another order', equals({ b: '2', a: '1' }), { a: '1', b: '2' }, true],

    ['Subset: the same pair', subset(IT), { Department: 'IT' }, true],
    ['Subset: an extra pair', subset(IT), { Department: 'IT', Purpose: 'Test' }, true],
    ['Subset: the key in another case', subset(IT), { dEpArTmEnT: 'IT' }, true],
    ['Subset: the value in another case', subset(IT), { Department: 'It' }, false],
    ['Subset: the pair missing', subset(IT), { Purpose: 'Test' }, false],
    ['Subset: an empty context', subset(IT), {}, false],
    ['Subset: an absent context', subset(IT), undefined, false],
    ['Subset {}: an absent context', subset({}), undefined, true],
    ['Subset: one of two keys that fold together matches', subset({ a: '2' }), { a: '1', A: '2' }, true],
    ['Subset: a non-ASCII key in another case', subset({ Ärger: 'x' }), { ärger: 'x' }, true],

    ['DG Subset example: the same pairs', subset(FINANCE), { Department: 'Finance', Classification: 'Public' }, true],
    ['DG Subset example: reordered', subset(FINANCE), { Classification: 'Public', Department: 'Finance' }, true],
    [
      'DG Subset example: with more pairs',
      subset(FINANCE),
      { Customer: '12345', Department: 'Finance', Classification: 'Public', Purpose: 'Test' },
      true,
    ],
    ['DG Subset example: incomplete', subset(FINANCE), { Department: 'Finance' }, false],
    ['DG Subset example: values in lowercase', subset(FINANCE), { department: 'finance', classification: 'public' }, false],
    ['DG Subset example: another pair instead', subset(FINANCE), { Classification: 'Public', Customer: '12345' }, false],

    ['both: each holds', { ...equals({ a: '1', b: '2' }), ...subset({ a: '1' }) }, { a: '1', b: '2' }, true],
    ['both: Subset fails', { ...equals({ a: '1' }), ...subset({ b: '2' }) }, { a: '1' }, false],
    ['both: Equals fails', { ...equals({ a: '1' }), ...subset({ a: '1' }) }, { a: '1', b: '2' }, false],

    ['a __proto__ key in both', subset(protoKey('x')), protoKey('x'), true],
    ['a __proto__ key with another value', subset(protoKey('x')), protoKey('y'), false],
    ['a __proto__ key missing', subset(protoKey('x')), {}, false],
    ['a __proto__ key in the context only, Equals {}', equals({}), protoKey('x'), false],
    ['Equals with a __proto__ key', equals(protoKey('x')), protoKey('x'), true],
    ['a key that Object.prototype has', subset({ constructor: 'x' }), {}, false],
    ['a key that Object.prototype has, in the context', equals({}), { toString: 'x' }, false],
  ])('%s', (_label, constraints, context, expected) => {
    expect(satisfiesConstraints(constraints, context)).toBe(expected);
  });

  it('ignores SourceArn, which satisfiesSourceArn checks', () => {
    expect(satisfiesConstraints({ sourceArn: 'arn:aws:s3:::bucket' }, undefined)).toBe(true);
  });
});

describe('satisfiesSourceArn', () => {
  const ARN = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0';
  it.each<[string, GrantConstraintsRecord | undefined, string | undefined, boolean]>([
    ['no constraints, direct call', undefined, undefined, true],
    ['no SourceArn, on behalf of a resource', subset(IT), ARN, true],
    ['SourceArn, on behalf of that resource', { sourceArn: ARN }, ARN, true],
    ['SourceArn, on behalf of another resource', { sourceArn: ARN }, `${ARN}1`, false],
    ['SourceArn, direct call', { sourceArn: ARN }, undefined, false],
  ])('%s', (_label, constraints, sourceArn, expected) => {
    expect(satisfiesSourceArn(constraints, sourceArn)).toBe(expected);
  });
});

describe('isAtLeastAsStrict', () => {
  const ARN = 'arn:aws:s3:::bucket';
  it.each<[string, GrantConstraintsRecord | undefined, GrantConstraintsRecord | undefined, boolean]>([
    ['parent without constraints, child without', undefined, undefined, true],
    ['parent without constraints, child with Subset', subset(IT), undefined, true],
    ['parent without constraints, child with Equals', equals(IT), undefined, true],
    ['parent with empty constraints', undefined, {}, true],

    ['Subset parent, same Subset', subset({ a: '1' }), subset({ a: '1' }), true],
    ['Subset parent, Subset with a pair added', subset({ a: '1', b: '2' }), subset({ a: '1' }), true],
    ['Subset parent, Subset with the key in another case', subset({ A: '1' }), subset({ a: '1' }), true],
    ['Subset parent, Subset with the pair removed', subset({ b: '2' }), subset({ a: '1', b: '2' }), false],
    ['Subset parent, Subset with another value', subset({ a: '2' }), subset({ a: '1' }), false],
    ['Subset parent, no constraints', undefined, subset({ a: '1' }), false],
    ['Subset parent, Equals with the same pairs (Subset → Equals)', equals({ a: '1' }), subset({ a: '1' }), true],
    ['Subset parent, Equals with more pairs', equals({ a: '1', b: '2' }), subset({ a: '1' }), true],
    ['Subset parent, Equals without its pair', equals({ b: '2' }), subset({ a: '1' }), false],

    ['Equals parent, same Equals', equals({ a: '1' }), equals({ a: '1' }), true],
    ['Equals parent, Equals with the key in another case', equals({ A: '1' }), equals({ a: '1' }), true],
    ['Equals parent, Equals with a pair added', equals({ a: '1', b: '2' }), equals({ a: '1' }), false],
    ['Equals parent, Subset with the same pairs (Equals → Subset)', subset({ a: '1' }), equals({ a: '1' }), false],
    ['Equals parent, no constraints', undefined, equals({ a: '1' }), false],
    ['Equals parent, Equals and Subset within it', { ...equals({ a: '1' }), ...subset({ a: '1' }) }, equals({ a: '1' }), true],

    ['SourceArn parent, child without it', undefined, { sourceArn: ARN }, false],
    ['SourceArn parent, same SourceArn', { sourceArn: ARN }, { sourceArn: ARN }, true],
    ['SourceArn parent, another SourceArn', { sourceArn: `${ARN}2` }, { sourceArn: ARN }, false],
    ['no SourceArn in parent, child adds one', { sourceArn: ARN }, undefined, true],
    ['SourceArn and Subset parent, stricter child', { sourceArn: ARN, ...equals({ a: '1' }) }, { sourceArn: ARN, ...subset({ a: '1' }) }, true],
    ['SourceArn and Subset parent, child drops the Subset', { sourceArn: ARN }, { sourceArn: ARN, ...subset({ a: '1' }) }, false],

    ['__proto__ key kept', subset({ ...protoKey('x'), b: '2' }), subset(protoKey('x')), true],
    ['__proto__ key dropped', subset({ b: '2' }), subset(protoKey('x')), false],
  ])('%s', (_label, child, parent, expected) => {
    expect(isAtLeastAsStrict(child, parent)).toBe(expected);
  });
});

describe('constraint laws', () => {
  // Few keys, several that fold together, and few values, so that random contexts often match.
  const KEYS = ['a', 'A', 'b', 'B'];
  const VALUES = ['1', '2'];
  const smallContext = fc
    .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), { maxLength: 3, selector: ([k]) => k })
    .map((pairs) => Object.fromEntries(pairs) as Context);
  const constraints: fc.Arbitrary<GrantConstraintsRecord | undefined> = fc.option(
    fc.record(
      { encryptionContextEquals: smallContext.map(freezeContext), encryptionContextSubset: smallContext.map(freezeContext) },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );
  /**
   * Every context over KEYS plus "d", a key no constraint uses, so that a context with a pair no
   * constraint names exists: 3^5 contexts, each key absent or one of two values.
   */
  const UNIVERSE: Context[] = [...KEYS, 'd'].reduce<Context[]>(
    (contexts, key) => contexts.flatMap((c) => [c, ...VALUES.map((v) => ({ ...c, [key]: v }))]),
    [{}],
  );

  it('a child at least as strict as its parent allows no context the parent refuses', () => {
    fc.assert(
      fc.property(constraints, constraints, (child, parent) => {
        if (!isAtLeastAsStrict(child, parent)) return;
        for (const context of UNIVERSE) {
          if (satisfiesConstraints(child, context)) expect(satisfiesConstraints(parent, context)).toBe(true);
        }
      }),
    );
  });

  it('a child that is not at least as strict allows some context the parent refuses', () => {
    // A child with both Equals and Subset that contradict each other allows nothing; it is refused
    // all the same (failing closed), so the law is stated for children with at most one of them.
    const single = constraints.filter((c) => c?.encryptionContextEquals === undefined || c.encryptionContextSubset === undefined);
    fc.assert(
      fc.property(single, constraints, (child, parent) => {
        if (isAtLeastAsStrict(child, parent)) return;
        expect(UNIVERSE.some((context) => satisfiesConstraints(child, context) && !satisfiesConstraints(parent, context))).toBe(true);
      }),
    );
  });

  // Any Unicode key, but distinct after case folding, so that pairs can be added without clashing.
  const foldedUnique = (maxLength: number) =>
    fc
      .uniqueArray(fc.tuple(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), {
        maxLength,
        selector: ([key]) => key.toLowerCase(),
      })
      .map((pairs) => Object.fromEntries(pairs) as Context);

  it('a context made of the constraint pairs, keys in any case, satisfies Equals and Subset', () => {
    fc.assert(
      fc.property(foldedUnique(6), fc.infiniteStream(fc.boolean()), (pairs, upper) => {
        const variant: Context = {};
        for (const key of Object.keys(pairs)) {
          // Lowercasing keeps the folded key; uppercasing may not for some characters ("ß" → "SS").
          Object.defineProperty(variant, upper.next().value ? key.toLowerCase() : key, { value: pairs[key], enumerable: true });
        }
        expect(satisfiesConstraints(equals(pairs), variant)).toBe(true);
        expect(satisfiesConstraints(subset(pairs), variant)).toBe(true);
      }),
    );
  });

  it('a context with more pairs satisfies Subset but not Equals', () => {
    fc.assert(
      fc.property(foldedUnique(8).filter((c) => Object.keys(c).length > 0), fc.nat(), (all, cut) => {
        const keys = Object.keys(all);
        const required = Object.fromEntries(keys.slice(0, cut % keys.length).map((k) => [k, all[k]!]));
        expect(satisfiesConstraints(subset(required), all)).toBe(true);
        expect(satisfiesConstraints(equals(required), all)).toBe(false);
      }),
    );
  });

  it('a context missing a constraint pair, or with one value changed, satisfies neither', () => {
    fc.assert(
      fc.property(foldedUnique(6).filter((c) => Object.keys(c).length > 0), fc.nat(), fc.string({ maxLength: 4 }), (pairs, pick, suffix) => {
        const keys = Object.keys(pairs);
        const key = keys[pick % keys.length]!;
        const missing: Context = {};
        const changed: Context = {};
        for (const k of keys) {
          if (k !== key) Object.defineProperty(missing, k, { value: pairs[k], enumerable: true });
          Object.defineProperty(changed, k, { value: k === key ? `${pairs[k]}${suffix}x` : pairs[k], enumerable: true });
        }
        for (const context of [missing, changed]) {
          expect(satisfiesConstraints(subset(pairs), context)).toBe(false);
          expect(satisfiesConstraints(equals(pairs), context)).toBe(false);
        }
      }),
    );
  });
});
