/**
 * The Condition element, compiled to one test per (operator, key) pair. A statement's tests all
 * must pass: operators AND, keys within an operator AND. A key's policy values OR, except for the
 * negated operators, where they NOR ("matches none of them").
 *
 * A key absent from the request fails a positive operator and passes a negated one; `...IfExists`
 * passes it; `Null: true` asks for it to be absent, `Null: false` present.
 *
 * Set operators compare a multi-valued key: `ForAnyValue:` passes when some request value passes
 * (an absent or empty set fails), `ForAllValues:` when every one does (an absent or empty set
 * passes). IAM expects a set prefix whenever the request value is a set; without one, this engine
 * lets a set pass a positive operator when any of its values matches, and a negated operator
 * when none does, reading the set as one value that "equals" each of its members.
 * @module
 */
import { date, FAMILIES, numeric, type AnyMatch, type Family } from './families.js';
import { isObject, label, malformed, quote, wellFormed } from './json.js';
import type { ConditionContext, PolicyKind } from './types.js';

export type ConditionTest = (context: ConditionContext) => boolean;

interface Operator {
  readonly family: Family;
  readonly negated: boolean;
}

type SetPrefix = 'ForAnyValue' | 'ForAllValues' | undefined;

const op = (family: Family, negated = false): Operator => Object.freeze({ family, negated });
const equal = (a: number, b: number): boolean => a === b;
const less = (a: number, b: number): boolean => a < b;
const lessOrEqual = (a: number, b: number): boolean => a <= b;
const greater = (a: number, b: number): boolean => a > b;
const greaterOrEqual = (a: number, b: number): boolean => a >= b;

/** The condition operators (without set prefix or IfExists suffix), from the IAM reference; `Null` is apart. */
const OPERATORS: ReadonlyMap<string, Operator> = new Map([
  ['StringEquals', op(FAMILIES.stringEquals)],
  ['StringNotEquals', op(FAMILIES.stringEquals, true)],
  ['StringEqualsIgnoreCase', op(FAMILIES.stringEqualsIgnoreCase)],
  ['StringNotEqualsIgnoreCase', op(FAMILIES.stringEqualsIgnoreCase, true)],
  ['StringLike', op(FAMILIES.wildcard)],
  ['StringNotLike', op(FAMILIES.wildcard, true)],
  ['NumericEquals', op(numeric(equal))],
  ['NumericNotEquals', op(numeric(equal), true)],
  ['NumericLessThan', op(numeric(less))],
  ['NumericLessThanEquals', op(numeric(lessOrEqual))],
  ['NumericGreaterThan', op(numeric(greater))],
  ['NumericGreaterThanEquals', op(numeric(greaterOrEqual))],
  ['DateEquals', op(date(equal))],
  ['DateNotEquals', op(date(equal), true)],
  ['DateLessThan', op(date(less))],
  ['DateLessThanEquals', op(date(lessOrEqual))],
  ['DateGreaterThan', op(date(greater))],
  ['DateGreaterThanEquals', op(date(greaterOrEqual))],
  ['Bool', op(FAMILIES.bool)],
  ['BinaryEquals', op(FAMILIES.binary)],
  ['IpAddress', op(FAMILIES.ip)],
  ['NotIpAddress', op(FAMILIES.ip, true)],
  ['ArnEquals', op(FAMILIES.wildcard)],
  ['ArnLike', op(FAMILIES.wildcard)],
  ['ArnNotEquals', op(FAMILIES.wildcard, true)],
  ['ArnNotLike', op(FAMILIES.wildcard, true)],
]);

const SET_PREFIXES: readonly Exclude<SetPrefix, undefined>[] = ['ForAnyValue', 'ForAllValues'];
const IF_EXISTS = 'IfExists';
/** A condition key names its service first, as an action does: `kms:CallerAccount`. */
const VENDOR_KEY = /^[^:]+:./s;

/**
 * KMS refuses ForAllValues on these single-valued keys: it would pass requests that lack them.
 * The message is AWS's (KMS Developer Guide, "Using set operators with condition keys").
 */
const OVERLY_PERMISSIVE: readonly (readonly [prefix: string, noun: string])[] = [
  ['kms:encryptioncontext:', 'encryption context'],
  ['aws:requesttag/', 'tag'],
];

export interface ConditionOptions {
  readonly kind: PolicyKind;
  /** Whether values may hold policy variables (Version 2012-10-17). */
  readonly variables: boolean;
}

/** Compiles a statement's Condition element. */
export function compileConditions(block: unknown, where: string, options: ConditionOptions): ConditionTest[] {
  if (!isObject(block)) throw malformed('Syntax errors in policy. Condition must be an object of condition operators', where);
  const tests: ConditionTest[] = [];
  for (const name of Object.keys(block)) {
    const at = `${where}.${label(name)}`;
    const parsed = parseOperator(name, at);
    const entries = block[name];
    if (!isObject(entries)) throw malformed(`Syntax errors in policy. Condition operator ${quote(name)} must map condition keys to values`, at);
    for (const key of Object.keys(entries)) tests.push(compileTest(parsed, key, entries[key], `${at}[${quote(key)}]`, options));
  }
  return tests;
}

interface ParsedOperator {
  readonly base: string;
  readonly set: SetPrefix;
  readonly ifExists: boolean;
  /** undefined for Null. */
  readonly operator: Operator | undefined;
}

/** Splits `ForAnyValue:StringLikeIfExists` into its parts, refusing an unknown operator. */
function parseOperator(name: string, where: string): ParsedOperator {
  const set = SET_PREFIXES.find((prefix) => name.startsWith(`${prefix}:`));
  const rest = set ? name.slice(set.length + 1) : name;
  const ifExists = rest.endsWith(IF_EXISTS) && rest.length > IF_EXISTS.length;
  const base = ifExists ? rest.slice(0, -IF_EXISTS.length) : rest;
  if (base === 'Null') {
    // A set prefix changes nothing here: Null asks only whether the key is there.
    if (ifExists) throw malformed('Condition operator Null cannot take the IfExists suffix', where);
    return { base, set, ifExists, operator: undefined };
  }
  const operator = OPERATORS.get(base);
  if (!operator) throw malformed(`Unknown condition operator ${quote(name)}`, where);
  return { base, set, ifExists, operator };
}

function compileTest(parsed: ParsedOperator, key: string, value: unknown, where: string, options: ConditionOptions): ConditionTest {
  if (!VENDOR_KEY.test(wellFormed(key, where))) {
    throw malformed(`Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. Condition key ${quote(key)} has none`, where);
  }
  const lowered = key.toLowerCase();
  const values = conditionValues(value, where);
  const { base, set, ifExists, operator } = parsed;
  if (!operator) return nullTest(lowered, values, where);
  if (set === 'ForAllValues' && options.kind === 'key') refuseOverlyPermissive(lowered, where);
  const invalid = (text: string, expected: string): Error => malformed(`Condition operator ${base} expects ${expected}, got ${quote(text)}`, where);
  return keyTest(lowered, operator.family.compile(values, options.variables, invalid), operator.negated, set, ifExists);
}

function refuseOverlyPermissive(key: string, where: string): void {
  for (const [prefix, noun] of OVERLY_PERMISSIVE) {
    if (!key.startsWith(prefix)) continue;
    throw malformed(
      `OverlyPermissiveCondition: Using the ForAllValues set operator with a single-valued condition key matches requests without the specified ${noun} or with an unspecified ${noun}. To fix, remove ForAllValues.`,
      where,
    );
  }
}

/** A string, number or boolean, or a non-empty array of them, as strings. Nothing nested is descended into. */
function conditionValues(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) return [scalar(value, where)];
  if (value.length === 0) throw malformed('Syntax errors in policy. A condition key needs at least one value', where);
  return value.map((item: unknown, i) => scalar(item, `${where}[${i}]`));
}

function scalar(value: unknown, where: string): string {
  if (typeof value === 'string') return wellFormed(value, where);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw malformed('Syntax errors in policy. Condition values must be strings, numbers or booleans', where);
}

const TRUE_OR_FALSE: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
]);

/** `Null`: true asks for the key to be absent, false for it to be present; several values OR. */
function nullTest(key: string, values: readonly string[], where: string): ConditionTest {
  let passIfAbsent = false;
  let passIfPresent = false;
  for (const value of values) {
    const absent = TRUE_OR_FALSE.get(value.toLowerCase());
    if (absent === undefined) throw malformed(`Condition operator Null expects "true" or "false", got ${quote(value)}`, where);
    if (absent) passIfAbsent = true;
    else passIfPresent = true;
  }
  return (context) => (isAbsent(context.get(key)) ? passIfAbsent : passIfPresent);
}

const isAbsent = (value: string | readonly string[] | undefined): boolean => value === undefined || (typeof value !== 'string' && value.length === 0);

function keyTest(key: string, anyMatch: AnyMatch, negated: boolean, set: SetPrefix, ifExists: boolean): ConditionTest {
  // A request value "passes" when it matches some policy value (negated: none). Whether every
  // request value must pass, or one is enough:
  const every = set === 'ForAllValues' || (set === undefined && negated);
  const whenAbsent = ifExists || every;
  return (context) => {
    const value = context.get(key);
    if (value === undefined) return whenAbsent;
    if (typeof value === 'string') return anyMatch(value, context) !== negated;
    if (value.length === 0) return whenAbsent;
    for (const item of value) {
      const passes = anyMatch(item, context) !== negated;
      if (passes !== every) return passes;
    }
    return every;
  };
}
