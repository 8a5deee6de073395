import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/internal/base64.js';
import { decodeGrantToken, encodeGrantToken, GRANT_TOKEN_NONCE_BYTES, type GrantTokenFields } from '../../src/grants/grant-token.js';

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

const fields: fc.Arbitrary<GrantTokenFields> = fc.record({
  region: fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), minLength: 1, maxLength: 255 }),
  accountId: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }),
  keyId: fc.oneof(
    fc.uuid({ version: 4 }),
    hex(32).map((h) => `mrk-${h}`),
  ),
  grantId: hex(64),
});
const nonce = fc.uint8Array({ minLength: GRANT_TOKEN_NONCE_BYTES, maxLength: GRANT_TOKEN_NONCE_BYTES });

const FIELDS: GrantTokenFields = {
  region: 'us-east-1',
  accountId: '111122223333',
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  grantId: 'ab'.repeat(32),
};
const NONCE = new Uint8Array(GRANT_TOKEN_NONCE_BYTES);

describe('grant tokens', () => {
  it('decode to what was encoded', () => {
    fc.assert(
      fc.property(fields, nonce, (f, n) => {
        expect(decodeGrantToken(encodeGrantToken(f, n))).toEqual(f);
      }),
    );
  });

  it('are URL-safe and far inside the 8192-character limit', () => {
    fc.assert(
      fc.property(fields, nonce, (f, n) => {
        const token = encodeGrantToken(f, n);
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(token.length).toBeLessThanOrEqual(480);
      }),
    );
  });

  it('differ for each nonce, so every CreateGrant answers a new token for the same grant', () => {
    const other = NONCE.slice();
    other[15] = 1;
    expect(encodeGrantToken(FIELDS, NONCE)).not.toBe(encodeGrantToken(FIELDS, other));
  });

  it('never make the decoder throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => {
        decodeGrantToken(text);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        decodeGrantToken(encodeBase64(bytes, 'base64url'));
      }),
    );
  });

  it('name another grant, or nothing, when a bit outside the nonce changes', () => {
    const bytes = decodeBase64(encodeGrantToken(FIELDS, NONCE), 'base64url')!;
    const nonceAt = bytes.length - GRANT_TOKEN_NONCE_BYTES;
    fc.assert(
      fc.property(fc.nat({ max: nonceAt * 8 - 1 }), (bit) => {
        const flipped = bytes.slice();
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        // Some flips give another valid Region or key id ("us-east-0"): a token for another grant.
        expect(decodeGrantToken(encodeBase64(flipped, 'base64url'))).not.toEqual(FIELDS);
      }),
    );
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['undefined', undefined],
    ['null', null],
    ['an object', { token: 'x' }],
    ['8193 characters', 'A'.repeat(8193)],
    ['non-ASCII text', 'cGcB\u00e9'],
    ['an astral character', 'cGcB\u{1F600}'],
    ['a lone surrogate', 'cGcB\uD800'],
    ['a NUL', 'cGcB\u0000AAA'],
  ])('decode to undefined from %s', (_label, token) => {
    expect(decodeGrantToken(token as string)).toBeUndefined();
  });

  it.each<[string, Partial<GrantTokenFields>]>([
    ['an empty Region', { region: '' }],
    ['a Region with uppercase', { region: 'US-EAST-1' }],
    ['a Region of 256 characters', { region: 'a'.repeat(256) }],
    ['an 11-digit account', { accountId: '11112222333' }],
    ['an alias for a key id', { keyId: 'alias/orders' }],
    ['an uppercase grant id', { grantId: 'AB'.repeat(32) }],
    ['a short grant id', { grantId: 'ab'.repeat(31) }],
  ])('are not encoded from %s', (_label, change) => {
    expect(() => encodeGrantToken({ ...FIELDS, ...change }, NONCE)).toThrow(RangeError);
  });

  it('are not encoded with a nonce of the wrong length', () => {
    expect(() => encodeGrantToken(FIELDS, new Uint8Array(15))).toThrow(RangeError);
  });
});
