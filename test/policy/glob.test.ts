/**
 * The wildcard matcher against a reference model (a RegExp, safe on these tiny inputs), and the
 * IP address parser against Node's.
 */
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, matchGlob } from '../../src/policy/glob.js';
import { inCidr, parseAddress, parseCidr } from '../../src/policy/ip.js';

const reference = (pattern: string): RegExp =>
  new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 's');

describe('matchGlob', () => {
  it('agrees with a regular expression on small patterns', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '*', '?', '.'), maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'b', '.', '*'), maxLength: 10 }), (pattern, value) => {
        expect(matchGlob(compileGlob(pattern), value)).toBe(reference(pattern).test(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('collapses runs of stars', () => {
    expect(compileGlob('a***b')).toEqual(['a', 0, 'b']);
  });
});

describe('IP addresses', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
  const ipv6 = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).chain((groups) =>
    fc.integer({ min: 0, max: 8 }).map((gap) => {
      const hex = groups.map((g) => g.toString(16));
      // Compress a run of groups into :: now and then, as real addresses do.
      return gap < 7 && groups[gap] === 0 ? `${hex.slice(0, gap).join(':')}::${hex.slice(gap + 1).join(':')}` : hex.join(':');
    }),
  );

  it('parses what Node parses', () => {
    fc.assert(
      fc.property(fc.oneof(ipv4, ipv6), (address) => {
        expect(parseAddress(address) !== undefined).toBe(isIP(address) !== 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts nothing Node refuses', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom('1', 'f', ':', '.', '0', 'g'), maxLength: 20 }), fc.string({ unit: fc.constantFrom('1', '0', '.', '5', '2'), maxLength: 16 })), (text) => {
        if (parseAddress(text) !== undefined) expect(isIP(text)).not.toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('places an address in a block by its prefix bits only', () => {
    fc.assert(
      fc.property(ipv4, ipv4, fc.integer({ min: 0, max: 32 }), (block, address, prefix) => {
        const toNumber = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
        const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
        const expected = ((toNumber(block) & mask) >>> 0) === ((toNumber(address) & mask) >>> 0);
        expect(inCidr(parseCidr(`${block}/${prefix}`)!, parseAddress(address)!)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
