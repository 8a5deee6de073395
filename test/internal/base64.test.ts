import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, type Base64Variant } from '../../src/internal/base64.js';

describe.each<Base64Variant>(['base64', 'base64url'])('%s', (variant) => {
  it('matches Node for every byte string, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes, variant);
        expect(text).toBe(Buffer.from(bytes).toString(variant));
        expect(decodeBase64(text, variant)).toEqual(bytes);
      }),
    );
  });

  it('round-trips large inputs', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7) & 0xff);
    expect(decodeBase64(encodeBase64(bytes, variant), variant)).toEqual(bytes);
  });
});

describe('refusals', () => {
  it.each(['A', 'AAAAA', 'AB', 'AAB', 'AA==', 'A+A/', 'A A', '\u00c0A'])('base64url refuses %j', (text) => {
    expect(decodeBase64(text, 'base64url')).toBeUndefined();
  });

  it.each(['A', 'AB', 'ABC', 'AB=', 'A===', 'AB=A', '=AAA', 'A-A_', 'AB==AA==', 'QR==', 'QUJ=', 'aGVsbG8 ', '\u00c0AAA'])(
    'base64 refuses %j',
    (text) => {
      expect(decodeBase64(text, 'base64')).toBeUndefined();
    },
  );

  it('accepts the empty string', () => {
    expect(decodeBase64('', 'base64')).toEqual(new Uint8Array(0));
  });
});
