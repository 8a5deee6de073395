/**
 * Policy variables, as IAM defines them for policies of Version 2012-10-17 (in older policies the
 * text is literal): `${key}` takes the request's value of a condition key, `${key, 'default'}`
 * falls back to a default when the key has no single value (`''` in a default is one quote), and
 * `${*}`, `${?}`, `${$}` stand for the literal characters. A variable's value, like an escape, is
 * literal: its `*` is no wildcard.
 *
 * A variable that cannot be resolved (absent, multi-valued, no default), and a `${` that does not
 * form a variable, leave the value unable to match anything.
 * @module
 */
import { compileGlob, type Atom } from './glob.js';
import type { ConditionContext } from './types.js';

/** Text from the policy: `text` as written, `atoms` its compiled pattern. */
export interface Fixed {
  readonly text: string;
  readonly atoms: readonly Atom[];
}

export interface Variable {
  /** The condition key, lowercased. */
  readonly key: string;
  readonly fallback: string | undefined;
}

export type Template = readonly (Fixed | Variable)[];

const ESCAPES: ReadonlySet<string> = new Set(['*', '?', '$']);
/** `key`, or `key, 'default'`, with optional spaces around each. */
const VARIABLE = /^\s*([^\s,'{}$]+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?$/;

const isVariable = (part: Fixed | Variable): part is Variable => 'key' in part;

/**
 * Compiles one policy value: fixed text when it holds no variable (always, when `variables` is
 * false), a template when it does, undefined when it can never match.
 */
export function compileText(raw: string, variables: boolean): Fixed | Template | undefined {
  if (!variables || !raw.includes('${')) return { text: raw, atoms: compileGlob(raw) };
  const template = parseTemplate(raw);
  return template && (fixedOf(template) ?? template);
}

export const isTemplate = (value: Fixed | Template): value is Template => Array.isArray(value);

/**
 * Parses `raw` into fixed text and variables; undefined when a `${` forms neither a variable nor an
 * escape. Escapes become fixed literal atoms.
 */
function parseTemplate(raw: string): Template | undefined {
  const parts: (Fixed | Variable)[] = [];
  let from = 0;
  for (;;) {
    const open = raw.indexOf('${', from);
    const text = raw.slice(from, open < 0 ? raw.length : open);
    if (text) parts.push({ text, atoms: compileGlob(text) });
    if (open < 0) return parts;
    const close = closingBrace(raw, open + 2);
    if (close < 0) return undefined;
    const body = raw.slice(open + 2, close);
    if (ESCAPES.has(body)) {
      parts.push({ text: body, atoms: [body] });
    } else {
      const m = VARIABLE.exec(body);
      if (!m) return undefined;
      parts.push({ key: m[1].toLowerCase(), fallback: m[2]?.replaceAll("''", "'") });
    }
    from = close + 1;
  }
}

/** The `}` that ends a variable, skipping any inside a quoted default. */
function closingBrace(raw: string, from: number): number {
  let quoted = false;
  for (let i = from; i < raw.length; i++) {
    const c = raw[i];
    if (c === "'") quoted = !quoted;
    else if (c === '}' && !quoted) return i;
  }
  return -1;
}

/** The template as one fixed text when it has no variables (escapes only), else undefined. */
function fixedOf(template: Template): Fixed | undefined {
  if (template.some(isVariable)) return undefined;
  return { text: template.map((part) => (part as Fixed).text).join(''), atoms: template.flatMap((part) => (part as Fixed).atoms) };
}

function valueOf(variable: Variable, context: ConditionContext): string | undefined {
  const value = context.get(variable.key);
  return typeof value === 'string' ? value : variable.fallback;
}

/** The template's text with every variable replaced; undefined when one cannot be resolved. */
export function resolveText(template: Template, context: ConditionContext): string | undefined {
  let text = '';
  for (const part of template) {
    const value = isVariable(part) ? valueOf(part, context) : part.text;
    if (value === undefined) return undefined;
    text += value;
  }
  return text;
}

/** The template as a pattern with every variable's value as a literal atom; undefined when one cannot be resolved. */
export function resolveAtoms(template: Template, context: ConditionContext): Atom[] | undefined {
  const atoms: Atom[] = [];
  for (const part of template) {
    if (!isVariable(part)) {
      atoms.push(...part.atoms);
      continue;
    }
    const value = valueOf(part, context);
    if (value === undefined) return undefined;
    atoms.push(value);
  }
  return atoms;
}
