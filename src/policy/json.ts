/**
 * Reading the parsed policy JSON safely, and the one way a policy is refused as malformed.
 *
 * Members are read with `Object.hasOwn` only, so a document's `__proto__`, `constructor` or
 * `toString` can never reach a prototype: `JSON.parse` makes them ordinary own properties, and
 * every element name is looked up in a table of the names the grammar allows.
 * @module
 */
import { MalformedPolicyDocumentException } from '../errors.js';

export type JsonObject = { readonly [name: string]: unknown };

/** In a `u` regex a surrogate pair is one code point, so this matches only unpaired halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const QUOTED_MAX = 64;

/** A policy value for a message: quoted, escaped, and cut short so a hostile value cannot flood it. */
export const quote = (value: string): string => JSON.stringify(value.length > QUOTED_MAX ? `${value.slice(0, QUOTED_MAX)}...` : value);

const PLAIN_NAME = /^[\w:]{1,64}$/;

/** An element name for a location: as is when it is a plain name, else quoted. */
export const label = (name: string): string => (PLAIN_NAME.test(name) ? name : quote(name));

/** `problem` names what is wrong; `where` says where (`Statement[2] (Sid "Admins"), Principal.AWS[0]`). */
export const malformed = (problem: string, where?: string): MalformedPolicyDocumentException =>
  new MalformedPolicyDocumentException(where === undefined ? problem : `${problem} (at ${where})`);

/** What a JSON value is, for a message: a quoted string, or its type. */
export const describeValue = (value: unknown): string =>
  typeof value === 'string' ? quote(value) : Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An own member, or undefined. */
export const member = (object: JsonObject, name: string): unknown => (Object.hasOwn(object, name) ? object[name] : undefined);

/** Refuses any member whose name is not in `allowed`. */
export function onlyMembers(object: JsonObject, allowed: ReadonlySet<string>, where: string): void {
  for (const name of Object.keys(object)) {
    if (!allowed.has(name)) throw malformed(`Syntax errors in policy. Unknown element ${quote(name)}`, where);
  }
}

/** A string that UTF-8 can carry unchanged (no unpaired surrogate, however it was escaped in the JSON). */
export function wellFormed(value: string, where: string): string {
  if (LONE_SURROGATE.test(value)) throw malformed(`Syntax errors in policy. ${quote(value)} contains an unpaired UTF-16 surrogate`, where);
  return value;
}

/**
 * A string or an array of strings, as a list (possibly empty). Nested arrays and objects are
 * refused at the first item, without descending into them.
 */
export function stringList(value: unknown, where: string): readonly string[] {
  if (typeof value === 'string') return [wellFormed(value, where)];
  if (!Array.isArray(value)) throw malformed('Syntax errors in policy. Expected a string or an array of strings', where);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') throw malformed('Syntax errors in policy. Expected a string', `${where}[${i}]`);
    wellFormed(item, `${where}[${i}]`);
  }
  return value as readonly string[];
}
