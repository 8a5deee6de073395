/**
 * Model validation of requests, as the KMS front end does it before any key is looked up.
 *
 * A value of the wrong type is a deserialization failure ({@link SerializationException}, raised at
 * once, as AWS's JSON layer does). Constraint violations are collected over the whole request and
 * reported together in AWS's format:
 * `2 validation errors detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: ...; ...`.
 *
 * Validation returns a copy holding only the members of the shape, each read once: a `null` member
 * is dropped (JSON's null means absent), lists and maps are copied, so nothing the caller does later
 * (a getter, a mutation) can change a value after it was checked.
 * @module
 */
import { isBytes } from '../crypto/bytes.js';
import { SerializationException, ValidationException } from '../errors.js';

export type Rule =
  | { readonly type: 'string'; readonly min?: number; readonly max?: number; readonly pattern?: Pattern }
  | { readonly type: 'blob'; readonly min: number; readonly max: number; readonly sensitive?: boolean }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'stringMap' }
  | { readonly type: 'list'; readonly min?: number; readonly max?: number; readonly item: Rule }
  | { readonly type: 'tags' }
  | { readonly type: 'structure'; readonly shape: Shape };

/** A model pattern: `text` is printed in messages exactly as the AWS model spells it. */
export interface Pattern {
  readonly text: string;
  readonly re: RegExp;
}

/** Compiles a model pattern; the whole value must match, as in the AWS model. */
export const pattern = (text: string): Pattern => Object.freeze({ text, re: new RegExp(`^(?:${text})$`) });

export interface Field {
  readonly name: string;
  readonly rule: Rule;
  readonly required?: boolean;
}

/** The members of one request structure, in model order (violations are reported in this order). */
export type Shape = readonly Field[];

const TAG_SHAPE: Shape = [
  { name: 'TagKey', required: true, rule: { type: 'string', min: 1, max: 128 } },
  { name: 'TagValue', required: true, rule: { type: 'string', min: 0, max: 256 } },
];

/** AWS names members in messages by their lowerCamel wire name: `KeyId` → `keyId`. */
const memberPath = (name: string, parent: string): string =>
  (parent ? `${parent}.` : '') + name.charAt(0).toLowerCase() + name.slice(1);

const typeName = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : isBytes(value) ? 'blob' : typeof value;

function wrongType(path: string, expected: string, value: unknown): SerializationException {
  return new SerializationException(`Expected ${expected} at '${path}', got ${typeName(value)}`);
}

/** In a `u` regex a surrogate pair is one code point, so this matches only unpaired halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Only plain objects are structures or maps; a `Map`, `Date` or class instance is not. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Validates `input` against `shape` and returns a validated copy. `undefined` counts as an empty
 * request, because operations whose members are all optional may be called with no argument.
 * `refine` adds violations that depend on several members, once the model's constraints hold.
 * @throws {@link SerializationException} for a value of the wrong type
 * @throws {@link ValidationException} for missing required members and constraint violations
 */
export function validateRequest<T>(input: unknown, shape: Shape, refine?: (request: T) => readonly string[]): T {
  const request = input === undefined ? {} : input;
  if (!isPlainObject(request)) throw wrongType('request', 'a structure', request);
  const violations: string[] = [];
  const copy = copyStructure(request, shape, '', violations) as T;
  // Cross-member rules are the service's, checked once the model's own constraints hold.
  if (refine && violations.length === 0) violations.push(...refine(copy));
  if (violations.length > 0) throw validationError(violations);
  return copy;
}

function validationError(violations: readonly string[]): ValidationException {
  const n = violations.length;
  return new ValidationException(`${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
}

export const missingMember = (path: string): string => `Value null at '${path}' failed to satisfy constraint: Member must not be null`;

function copyStructure(obj: Record<string, unknown>, shape: Shape, parent: string, out: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const field of shape) {
    const value = obj[field.name];
    if (value === undefined || value === null) {
      if (field.required) out.push(missingMember(memberPath(field.name, parent)));
      continue;
    }
    copy[field.name] = copyValue(value, field.rule, field.name, parent, out);
  }
  return copy;
}

/** Checks and copies one member. Paths and messages are built only when something is wrong. */
function copyValue(value: unknown, rule: Rule, name: string, parent: string, out: string[]): unknown {
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') throw wrongType(memberPath(name, parent), 'a string', value);
      const violation = lengthViolation(value.length, rule.min, rule.max);
      if (violation) out.push(`Value '${value}' at '${memberPath(name, parent)}' failed to satisfy constraint: ${violation}`);
      if (rule.pattern && !rule.pattern.re.test(value)) {
        out.push(
          `Value '${value}' at '${memberPath(name, parent)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.pattern.text}`,
        );
      }
      return value;
    }
    case 'blob': {
      if (!isBytes(value)) throw wrongType(memberPath(name, parent), 'a blob (Uint8Array)', value);
      const violation = lengthViolation(value.length, rule.min, rule.max);
      // Blob values are never echoed: some are secrets, and AWS prints none of them usefully.
      if (violation) out.push(`Value at '${memberPath(name, parent)}' failed to satisfy constraint: ${violation}`);
      return value;
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(memberPath(name, parent), 'an integer', value);
      if (value < rule.min) {
        out.push(`Value '${value}' at '${memberPath(name, parent)}' failed to satisfy constraint: Member must have value greater than or equal to ${rule.min}`);
      } else if (value > rule.max) {
        out.push(`Value '${value}' at '${memberPath(name, parent)}' failed to satisfy constraint: Member must have value less than or equal to ${rule.max}`);
      }
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType(memberPath(name, parent), 'a boolean', value);
      return value;
    case 'enum':
      if (typeof value !== 'string') throw wrongType(memberPath(name, parent), 'a string', value);
      if (!rule.values.includes(value)) {
        out.push(
          `Value '${value}' at '${memberPath(name, parent)}' failed to satisfy constraint: Member must satisfy enum value set: [${rule.values.join(', ')}]`,
        );
      }
      return value;
    case 'stringMap': {
      if (!isPlainObject(value)) throw wrongType(memberPath(name, parent), 'a map of strings', value);
      const copy: Record<string, string> = {};
      for (const key of Object.keys(value)) {
        const entry = value[key];
        if (typeof entry !== 'string') throw wrongType(`${memberPath(name, parent)}.${key}`, 'a string', entry);
        // UTF-8 encoding turns lone surrogates into U+FFFD, which would let two different
        // contexts share one canonical encoding; refusing them keeps the encoding injective.
        if (LONE_SURROGATE.test(key) || LONE_SURROGATE.test(entry)) {
          out.push(`Value at '${memberPath(name, parent)}' failed to satisfy constraint: Member must contain only well-formed Unicode strings`);
          break;
        }
        // Assigning "__proto__" would set the prototype; define it as the ordinary entry it is.
        if (key === '__proto__') Object.defineProperty(copy, key, { value: entry, enumerable: true, writable: true, configurable: true });
        else copy[key] = entry;
      }
      return copy;
    }
    case 'list': {
      const path = memberPath(name, parent);
      const items = copyList(value, path);
      const copy = items.map((item, i) => copyValue(item, rule.item, `${i + 1}.member`, path, out));
      const violation = lengthViolation(copy.length, rule.min, rule.max);
      // Items are known to be valid by now, so printing them cannot fail.
      if (violation) out.push(`Value '[${copy.join(', ')}]' at '${path}' failed to satisfy constraint: ${violation}`);
      return copy;
    }
    case 'tags': {
      const path = memberPath(name, parent);
      return copyList(value, path).map((tag, i) => {
        if (!isPlainObject(tag)) throw wrongType(`${path}.${i + 1}.member`, 'a structure', tag);
        return copyStructure(tag, TAG_SHAPE, `${path}.${i + 1}.member`, out);
      });
    }
    case 'structure': {
      const path = memberPath(name, parent);
      if (!isPlainObject(value)) throw wrongType(path, 'a structure', value);
      return copyStructure(value, rule.shape, path, out);
    }
  }
}

/** A dense copy of a list; holes and null items are not values a list can hold. */
function copyList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw wrongType(path, 'a list', value);
  const items = Array.from(value as unknown[]);
  items.forEach((item, i) => {
    if (item === undefined || item === null) throw wrongType(`${path}.${i + 1}.member`, 'a value', item);
  });
  return items;
}

function lengthViolation(length: number, min: number | undefined, max: number | undefined): string | undefined {
  if (min !== undefined && length < min) return `Member must have length greater than or equal to ${min}`;
  if (max !== undefined && length > max) return `Member must have length less than or equal to ${max}`;
  return undefined;
}
