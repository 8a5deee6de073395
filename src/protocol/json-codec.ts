/**
 * AWS JSON 1.1 bodies ↔ the `Kms` shapes: blobs are standard base64 strings on the wire and
 * `Uint8Array` in `Kms`; timestamps are epoch seconds (JSON numbers) on the wire and `Date` in
 * `Kms`. Which request members are blobs comes from the same model table `validateRequest` uses,
 * so a new operation needs no protocol code.
 * @module
 */
import { SerializationException } from '../errors.js';
import { decodeBase64, encodeBase64 } from '../internal/base64.js';
import type { Shape } from '../internal/validate.js';

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Replaces the base64 text of every blob member of `request` (in place: the object is the one
 * `JSON.parse` just made) with its bytes. A member of the wrong JSON type is left for
 * `validateRequest`, which answers SerializationException in AWS's words.
 * @throws {@link SerializationException} for text that is not base64
 */
export function decodeBlobs(request: Record<string, unknown>, shape: Shape, parent = ''): void {
  for (const field of shape) {
    if (!Object.hasOwn(request, field.name)) continue;
    const value = request[field.name];
    const path = parent ? `${parent}.${camel(field.name)}` : camel(field.name);
    if (field.rule.type === 'blob' && typeof value === 'string') {
      const bytes = decodeBase64(value);
      if (!bytes) throw new SerializationException(`Value at '${path}' is not valid base64`);
      request[field.name] = bytes;
    } else if (field.rule.type === 'structure' && isPlainObject(value)) {
      decodeBlobs(value, field.rule.shape, path);
    }
  }
}

/** JSON text for a `Kms` response: bytes as base64, dates as epoch seconds, absent members left out. */
export function encodeResponse(response: unknown): string {
  // A plain copy first, then one JSON.stringify without a replacer: a replacer function runs for
  // every member and costs more than the rest of a small response put together.
  return JSON.stringify(toWire(response));
}

function toWire(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return encodeBase64(value);
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    // An encryption context may have a `__proto__` key: define it, since assigning would set the
    // prototype. (A prototype-less object would also do, but JSON.stringify has no fast path for it.)
    if (key === '__proto__') Object.defineProperty(out, key, { value: toWire(member), enumerable: true, writable: true, configurable: true });
    else out[key] = toWire(member);
  }
  return out;
}
