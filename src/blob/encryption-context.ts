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

const EMPTY = /* @__PURE__ */ new Uint8Array(4);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function encodeEncryptionContext(context: EncryptionContext | undefined): Uint8Array {
  if (context === undefined) return EMPTY;
  const keys = Object.keys(context);
  if (keys.length === 0) return EMPTY;
  const pairs = keys.map((key) => [utf8Encode(key), utf8Encode(context[key]!)] as const);
  pairs.sort((a, b) => compareBytes(a[0], b[0]));
  let length = 4;
  for (const [key, value] of pairs) length += 8 + key.length + value.length;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint32(0, pairs.length);
  let offset = 4;
  for (const [key, value] of pairs) {
    view.setUint32(offset, key.length);
    out.set(key, offset + 4);
    offset += 4 + key.length;
    view.setUint32(offset, value.length);
    out.set(value, offset + 4);
    offset += 4 + value.length;
  }
  return out;
}
