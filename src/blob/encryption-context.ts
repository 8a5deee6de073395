/**
 * The canonical byte encoding of an encryption context, used as AES-GCM additional data.
 *
 * Injective by construction: a count, then each pair as length-prefixed UTF-8, sorted by the
 * UTF-8 bytes of the key (not by UTF-16 code units, not by locale, and never case-folded). Without
 * the length prefixes `{a: "bc"}` and `{ab: "c"}` would collide, as they do in some other
 * emulators. An absent context and an empty one encode alike, as AWS treats them alike.
 *
 * Layout (all integers unsigned 32-bit big-endian):
 * `count ‖ (len(key) ‖ key ‖ len(value) ‖ value) × count`
 * @module
 */
import { utf8Encode } from '../crypto/bytes.js';
import type { EncryptionContext } from '../types.js';

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function writeU32(out: Uint8Array, offset: number, value: number): number {
  out[offset] = value >>> 24;
  out[offset + 1] = (value >>> 16) & 0xff;
  out[offset + 2] = (value >>> 8) & 0xff;
  out[offset + 3] = value & 0xff;
  return offset + 4;
}

function writeAscii(out: Uint8Array, offset: number, text: string): number {
  offset = writeU32(out, offset, text.length);
  for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  return offset + text.length;
}

function writeBytes(out: Uint8Array, offset: number, bytes: Uint8Array): number {
  offset = writeU32(out, offset, bytes.length);
  out.set(bytes, offset);
  return offset + bytes.length;
}

/**
 * Encodes `context` after `prefixLength` bytes left free for the caller, so that a header and the
 * context can form the additional data in one allocation, made by `allocate`.
 */
export function encodeEncryptionContext(
  context: EncryptionContext | undefined,
  prefixLength = 0,
  allocate: (length: number) => Uint8Array = (length) => new Uint8Array(length),
): Uint8Array {
  const keys = context === undefined ? [] : Object.keys(context);
  let ascii = true;
  let length = 4;
  for (const key of keys) {
    const value = context![key]!;
    ascii &&= isAscii(key) && isAscii(value);
    length += 8 + key.length + value.length;
  }
  // For ASCII, string length is byte length and code-unit order is byte order: no encoder needed.
  if (!ascii) return encodeUtf8Pairs(context!, keys, prefixLength, allocate);
  keys.sort();
  const out = allocate(prefixLength + length);
  let offset = writeU32(out, prefixLength, keys.length);
  for (const key of keys) {
    offset = writeAscii(out, offset, key);
    offset = writeAscii(out, offset, context![key]!);
  }
  return out;
}

function encodeUtf8Pairs(
  context: EncryptionContext,
  keys: readonly string[],
  prefixLength: number,
  allocate: (length: number) => Uint8Array,
): Uint8Array {
  const pairs = keys.map((key) => [utf8Encode(key), utf8Encode(context[key]!)] as const);
  pairs.sort((a, b) => compareBytes(a[0], b[0]));
  let length = 4;
  for (const [key, value] of pairs) length += 8 + key.length + value.length;
  const out = allocate(prefixLength + length);
  let offset = writeU32(out, prefixLength, pairs.length);
  for (const [key, value] of pairs) {
    offset = writeBytes(out, offset, key);
    offset = writeBytes(out, offset, value);
  }
  return out;
}
