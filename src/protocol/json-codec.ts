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
  return JSON.stringify(response, replacer);
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  // JSON.stringify calls toJSON before the replacer, so a Date arrives here as its ISO string;
  // read the original from the holder instead.
  const original = key === '' ? value : (this as Record<string, unknown>)[key];
  if (original instanceof Uint8Array) return encodeBase64(original);
  if (original instanceof Date) return original.getTime() / 1000;
  return value;
}
