/**
 * Base64 over Uint8Array, in the two forms pocket-kms speaks: standard padded base64 (RFC 4648 §4),
 * as AWS JSON carries blobs, and unpadded base64url (§5), as grant tokens use. Written out because
 * the core cannot use Buffer, and `btoa`/`atob` work on Latin-1 strings (a copy each way).
 *
 * Decoding is strict: a character outside the alphabet, an impossible length, wrong padding, or
 * unused low bits that are not zero all refuse, so each byte string has exactly one text form.
 * @module
 */

export type Base64Variant = 'base64' | 'base64url';

const ALPHABETS: Readonly<Record<Base64Variant, string>> = Object.freeze({
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
});

/** Character code → 6-bit value, or -1 for a character outside the alphabet. */
const VALUES: Readonly<Record<Base64Variant, Int8Array>> = /* @__PURE__ */ (() => {
  const table = (alphabet: string) => {
    const values = new Int8Array(128).fill(-1);
    for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
    return values;
  };
  return Object.freeze({ base64: table(ALPHABETS.base64), base64url: table(ALPHABETS.base64url) });
})();

export function encodeBase64(bytes: Uint8Array, variant: Base64Variant = 'base64'): string {
  const alphabet = ALPHABETS[variant];
  const parts: string[] = [];
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
    // Flatten now and then: a long chain of concatenations is slow to read back.
    if (out.length >= 8192) {
      parts.push(out);
      out = '';
    }
  }
  const rest = bytes.length - i;
  const pad = variant === 'base64';
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + (pad ? '=' : '');
  }
  parts.push(out);
  return parts.join('');
}

/** The bytes `text` encodes, or `undefined` for anything that is not canonical `variant` text. */
export function decodeBase64(text: string, variant: Base64Variant = 'base64'): Uint8Array | undefined {
  let length = text.length;
  if (variant === 'base64') {
    if (length % 4 !== 0) return undefined;
    if (text.endsWith('==')) length -= 2;
    else if (text.endsWith('=')) length -= 1;
  }
  if (length % 4 === 1) return undefined;
  const values = VALUES[variant];
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let bits = 0;
  let held = 0;
  let o = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? values[code]! : -1;
    if (value < 0) return undefined;
    bits = (bits << 6) | value;
    held += 6;
    if (held >= 8) {
      held -= 8;
      out[o++] = (bits >>> held) & 0xff;
      bits &= (1 << held) - 1;
    }
  }
  return bits === 0 ? out : undefined;
}
