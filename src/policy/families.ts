/**
 * How each family of condition operators compares one request value with one key's policy
 * values. Policy values are parsed once, when the policy is compiled, and a value the operator
 * cannot parse (a NumericEquals "abc", a bad CIDR) refuses the policy. A request value the
 * operator cannot parse matches nothing.
 * @module
 */
import { matchGlob, type Atom } from './glob.js';
import { inCidr, parseAddress, parseCidr, type Cidr } from './ip.js';
import type { ConditionContext } from './types.js';
import { compileText, isTemplate, resolveAtoms, resolveText, type Template } from './variables.js';

/** Whether one request value matches any of one key's policy values. */
export type AnyMatch = (value: string, context: ConditionContext) => boolean;

/** Builds the error for a policy value the operator cannot parse; `expected` says what it wanted. */
export type Invalid = (value: string, expected: string) => Error;

export interface Family {
  /** `variables`: resolve policy variables in the values (only the string and ARN families do). */
  compile(values: readonly string[], variables: boolean, invalid: Invalid): AnyMatch;
}

/** Splits values into fixed texts and templates; values that can never match are dropped. */
function texts(values: readonly string[], variables: boolean): { fixed: string[]; templates: Template[] } {
  const fixed: string[] = [];
  const templates: Template[] = [];
  for (const value of values) {
    const text = compileText(value, variables);
    if (text === undefined) continue;
    if (isTemplate(text)) templates.push(text);
    else fixed.push(text.text);
  }
  return { fixed, templates };
}

/** Exact comparison; `fold` maps both sides first (lowercasing, for the IgnoreCase operators). */
function equality(fold: (text: string) => string): Family {
  return {
    compile(values, variables) {
      const { fixed, templates } = texts(values, variables);
      const set = new Set(fixed.map(fold));
      if (templates.length === 0) return (value) => set.has(fold(value));
      return (value, context) => {
        const folded = fold(value);
        if (set.has(folded)) return true;
        for (const template of templates) {
          const text = resolveText(template, context);
          if (text !== undefined && fold(text) === folded) return true;
        }
        return false;
      };
    },
  };
}

/**
 * Whether a value matches any of `patterns` (`*` and `?` wildcards, case-sensitive). Patterns
 * without wildcards are looked up in a set.
 */
export function compileWildcards(patterns: readonly string[], variables: boolean): AnyMatch {
  const exact = new Set<string>();
  const globs: (readonly Atom[])[] = [];
  const templates: Template[] = [];
  for (const pattern of patterns) {
    const text = compileText(pattern, variables);
    if (text === undefined) continue;
    if (isTemplate(text)) templates.push(text);
    else if (text.atoms.every((atom) => typeof atom === 'string')) exact.add(text.atoms.join(''));
    else globs.push(text.atoms);
  }
  return (value, context) => {
    if (exact.has(value)) return true;
    for (const atoms of globs) if (matchGlob(atoms, value)) return true;
    for (const template of templates) {
      const atoms = resolveAtoms(template, context);
      if (atoms !== undefined && matchGlob(atoms, value)) return true;
    }
    return false;
  };
}

/** A family whose values parse to `T` and compare with `test(request, policy)`. */
function parsed<T>(parse: (text: string) => T | undefined, expected: string, test: (request: T, policy: T) => boolean): Family {
  return {
    compile(values, _variables, invalid) {
      const policy = values.map((value) => {
        const p = parse(value);
        if (p === undefined) throw invalid(value, expected);
        return p;
      });
      return (value) => {
        const request = parse(value);
        if (request === undefined) return false;
        for (const p of policy) if (test(request, p)) return true;
        return false;
      };
    },
  };
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const parseNumber = (text: string): number | undefined => (NUMBER.test(text) ? Number(text) : undefined);

/** ISO 8601 date or date-time (a date-time without an offset is UTC), or epoch seconds. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Date.parse rolls impossible dates forward (2026-02-30 is 2 March); a policy date must exist. */
function isCalendarDate(year: number, month: number, day: number, hour: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24;
}
const EPOCH_SECONDS = /^\d+(?:\.\d+)?$/;
function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  const m = ISO_DATE.exec(text);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0))) return undefined;
  // Date.parse reads a date-time without an offset as local time; IAM's clock is UTC.
  const ms = Date.parse(text.includes('T') && m[5] === undefined ? `${text}Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

const TRUE = /^true$/i;
const FALSE = /^false$/i;
const parseBool = (text: string): boolean | undefined => (TRUE.test(text) ? true : FALSE.test(text) ? false : undefined);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Bytes as a binary string: canonical base64 of equal bytes is equal, so compare decoded. */
const parseBase64 = (text: string): string | undefined => (BASE64.test(text) ? atob(text) : undefined);

export const numeric = (test: (request: number, policy: number) => boolean): Family => parsed(parseNumber, 'a number', test);
export const date = (test: (request: number, policy: number) => boolean): Family =>
  parsed(parseDate, 'an ISO 8601 date or epoch seconds', test);

export const FAMILIES = Object.freeze({
  stringEquals: equality((text) => text),
  stringEqualsIgnoreCase: equality((text) => text.toLowerCase()),
  /** StringLike and the Arn operators: AWS's ArnEquals matches wildcards exactly as ArnLike does. */
  wildcard: { compile: compileWildcards } satisfies Family,
  bool: parsed(parseBool, '"true" or "false"', (request, policy) => request === policy),
  binary: parsed(parseBase64, 'base64', (request, policy) => request === policy),
  ip: {
    compile(values, _variables, invalid) {
      const blocks: Cidr[] = values.map((value) => {
        const cidr = parseCidr(value);
        if (!cidr) throw invalid(value, 'an IPv4 or IPv6 address or CIDR block');
        return cidr;
      });
      return (value) => {
        const groups = parseAddress(value);
        if (groups === undefined) return false;
        for (const block of blocks) if (inCidr(block, groups)) return true;
        return false;
      };
    },
  } satisfies Family,
});
