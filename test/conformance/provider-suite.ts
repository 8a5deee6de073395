/**
 * The CryptoProvider conformance suite: every provider must pass it, in every runtime it claims to
 * support. Runtime-agnostic on purpose (no node:* imports), so the same file runs in Node and in
 * headless Chromium.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, utf8Encode } from '../../src/crypto/bytes.js';
import {
  ALL_CAPABILITIES,
  AuthenticationError,
  requireCapabilities,
  type CryptoProvider,
} from '../../src/crypto/provider.js';

const hex = fromHex;
const repeat = (byte: number, length: number): Uint8Array => new Uint8Array(length).fill(byte);
const range = (from: number, to: number): Uint8Array => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The GCM specification's test cases 13-16 (McGrew & Viega), the ones with a 256-bit key. */
const GCM_VECTORS = (() => {
  const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
  const nonce = hex('cafebabefacedbaddecaf888');
  const plaintext = hex(
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
      '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255',
  );
  const ciphertext = hex(
    '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
      '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad',
  );
  return [
    { name: 'case 13 (empty)', key: repeat(0, 32), nonce: repeat(0, 12), aad: new Uint8Array(), plaintext: new Uint8Array(), sealed: hex('530f8afbc74536b9a963b4f1c4cb738b') },
    { name: 'case 14 (one block)', key: repeat(0, 32), nonce: repeat(0, 12), aad: new Uint8Array(), plaintext: repeat(0, 16), sealed: hex('cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919') },
    { name: 'case 15 (four blocks)', key, nonce, aad: new Uint8Array(), plaintext, sealed: concat(ciphertext, hex('b094dac5d93471bdec1a502270e3cc6c')) },
    {
      name: 'case 16 (partial block, with AAD)',
      key,
      nonce,
      aad: hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'),
      plaintext: plaintext.subarray(0, 60),
      sealed: concat(ciphertext.subarray(0, 60), hex('76fc6ece0f4e1768cddf8853bb2d551b')),
    },
  ];
})();

/** RFC 4231 test cases 1-4, 6 and 7 (case 5 truncates the output), plus the empty key and message. */
const HMAC_VECTORS = [
  { name: 'RFC 4231 case 1', key: repeat(0x0b, 20), data: utf8Encode('Hi There'), mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' },
  { name: 'RFC 4231 case 2', key: utf8Encode('Jefe'), data: utf8Encode('what do ya want for nothing?'), mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  { name: 'RFC 4231 case 3', key: repeat(0xaa, 20), data: repeat(0xdd, 50), mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe' },
  { name: 'RFC 4231 case 4', key: range(0x01, 0x19), data: repeat(0xcd, 50), mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b' },
  {
    name: 'RFC 4231 case 6 (key longer than a block)',
    key: repeat(0xaa, 131),
    data: utf8Encode('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'RFC 4231 case 7 (key and data longer than a block)',
    key: repeat(0xaa, 131),
    data: utf8Encode(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
  // WebCrypto refuses to import an empty HMAC key; RFC 2104 does not.
  { name: 'empty key and message', key: new Uint8Array(), data: new Uint8Array(), mac: 'b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad' },
];

/** RFC 5869 test cases 1-3, from the PRK they give to the OKM. */
const HKDF_VECTORS = [
  {
    name: 'RFC 5869 case 1',
    prk: hex('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5'),
    info: range(0xf0, 0xf9),
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  },
  {
    name: 'RFC 5869 case 2 (long info and output)',
    prk: hex('06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244'),
    info: range(0xb0, 0xff),
    okm:
      'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c' +
      '59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71' +
      'cc30c58179ec3e87c14c01d5c1f3434f1d87',
  },
  {
    name: 'RFC 5869 case 3 (empty info)',
    prk: hex('19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04'),
    info: new Uint8Array(),
    okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  },
];

/** FIPS 180-2 examples. */
const SHA256_VECTORS = [
  { name: 'empty', data: new Uint8Array(), digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  { name: '"abc"', data: utf8Encode('abc'), digest: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  {
    name: 'two blocks',
    data: utf8Encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    digest: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  },
];

const MAX_HKDF_LENGTH = 255 * 32;

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const nonce12 = fc.uint8Array({ minLength: 12, maxLength: 12 });
const plaintextArb = fc.uint8Array({ maxLength: 4096 });
const aadArb = fc.uint8Array({ maxLength: 256 });

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The same bytes, seen through a view at an odd offset into a larger buffer with junk around it. */
function offsetView(bytes: Uint8Array): Uint8Array {
  const backing = new Uint8Array(bytes.length + 11).fill(0xa5);
  backing.set(bytes, 5);
  return backing.subarray(5, 5 + bytes.length);
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

/** The error a call fails with, whether it throws synchronously or rejects. */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return expect.fail('expected the call to fail, but it succeeded');
}

async function expectAuthFailure(run: () => unknown): Promise<void> {
  expect(await failure(run)).toBeInstanceOf(AuthenticationError);
}

/** Not a Buffer or other subclass, and no other memory reachable through `.buffer`. */
function expectPlainBytes(value: Uint8Array): void {
  expect(Object.getPrototypeOf(value)).toBe(Uint8Array.prototype);
  expect(value.buffer.byteLength).toBe(value.length);
}

/** Registers the conformance tests for one provider. `make` is called lazily, once, inside the tests. */
export function providerConformanceSuite(name: string, make: () => CryptoProvider): void {
  let instance: CryptoProvider | undefined;
  const provider = (): CryptoProvider => (instance ??= make());

  describe(`CryptoProvider conformance: ${name}`, () => {
    describe('identity and capabilities', () => {
      it('has a name and declares every capability', () => {
        const p = provider();
        expect(typeof p.name).toBe('string');
        expect(p.name.length).toBeGreaterThan(0);
        for (const capability of ALL_CAPABILITIES) expect(p.capabilities.has(capability), capability).toBe(true);
        expect(() => requireCapabilities(p, ALL_CAPABILITIES)).not.toThrow();
      });
    });

    describe('randomBytes', () => {
      it.each([0, 1, 32, 70_000])('returns exactly %i bytes', (length) => {
        const bytes = provider().randomBytes(length);
        expectPlainBytes(bytes);
        expect(bytes.length).toBe(length);
      });

      it('fills past the 65536-byte getRandomValues limit', () => {
        // A chunking bug would leave the tail zero; 4464 zero random bytes has probability 2^-35712.
        const tail = provider().randomBytes(70_000).subarray(65_536);
        expect(tail.some((byte) => byte !== 0)).toBe(true);
      });

      it('never repeats a draw', () => {
        const p = provider();
        expect(p.randomBytes(32)).not.toEqual(p.randomBytes(32));
      });

      it('refuses a negative length', async () => {
        await failure(() => provider().randomBytes(-1));
      });
    });

    describe('AES-256-GCM', () => {
      it.each(GCM_VECTORS)('seals and opens GCM spec $name', async ({ key, nonce, aad, plaintext, sealed }) => {
        const p = provider();
        const out = await p.aesGcmSeal(key, nonce, plaintext, aad);
        expectPlainBytes(out);
        expect(out).toEqual(sealed);
        const opened = await p.aesGcmOpen(key, nonce, sealed, aad);
        expectPlainBytes(opened);
        expect(opened).toEqual(plaintext);
      });

      it('reads inputs given as views at an offset into a larger buffer', async () => {
        const p = provider();
        const { key, nonce, aad, plaintext, sealed } = GCM_VECTORS[3]!;
        expect(await p.aesGcmSeal(offsetView(key), offsetView(nonce), offsetView(plaintext), offsetView(aad))).toEqual(sealed);
        expect(await p.aesGcmOpen(offsetView(key), offsetView(nonce), offsetView(sealed), offsetView(aad))).toEqual(plaintext);
      });

      it('writes into a caller-supplied output, and refuses one of the wrong length', async () => {
        const p = provider();
        const { key, nonce, aad, plaintext, sealed } = GCM_VECTORS[3]!;
        const message = new Uint8Array(5 + sealed.length).fill(0xee);
        const output = message.subarray(5);
        expect(await p.aesGcmSeal(key, nonce, plaintext, aad, output)).toBe(output);
        expect(output).toEqual(sealed);
        expect(message.subarray(0, 5)).toEqual(new Uint8Array(5).fill(0xee));
        await expect(p.aesGcmSeal(key, nonce, plaintext, aad, new Uint8Array(sealed.length - 1))).rejects.toThrow(RangeError);
      });

      it('round-trips any plaintext and AAD, leaving the inputs untouched', async () => {
        const p = provider();
        await fc.assert(
          fc.asyncProperty(key32, nonce12, plaintextArb, aadArb, async (key, nonce, plaintext, aad) => {
            const before = [key, nonce, plaintext, aad].map((bytes) => bytes.slice());
            const sealed = await p.aesGcmSeal(key, nonce, plaintext, aad);
            expect(sealed.length).toBe(plaintext.length + 16);
            expect(await p.aesGcmOpen(key, nonce, sealed, aad)).toEqual(plaintext);
            expect([key, nonce, plaintext, aad]).toEqual(before);
          }),
        );
      });

      it('rejects any single flipped bit in the sealed output', async () => {
        const p = provider();
        await fc.assert(
          fc.asyncProperty(key32, nonce12, fc.uint8Array({ maxLength: 64 }), aadArb, fc.nat(), async (key, nonce, plaintext, aad, n) => {
            const sealed = await p.aesGcmSeal(key, nonce, plaintext, aad);
            await expectAuthFailure(() => p.aesGcmOpen(key, nonce, flipBit(sealed, n % (sealed.length * 8)), aad));
          }),
        );
      });

      it('rejects any single flipped bit in the AAD', async () => {
        const p = provider();
        await fc.assert(
          fc.asyncProperty(key32, nonce12, fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), async (key, nonce, plaintext, aad, n) => {
            const sealed = await p.aesGcmSeal(key, nonce, plaintext, aad);
            await expectAuthFailure(() => p.aesGcmOpen(key, nonce, sealed, flipBit(aad, n % (aad.length * 8))));
          }),
        );
      });

      it('rejects a wrong key or nonce', async () => {
        const p = provider();
        await fc.assert(
          fc.asyncProperty(key32, key32, nonce12, nonce12, plaintextArb, async (key, otherKey, nonce, otherNonce, plaintext) => {
            fc.pre(!equalBytes(key, otherKey) && !equalBytes(nonce, otherNonce));
            const aad = new Uint8Array();
            const sealed = await p.aesGcmSeal(key, nonce, plaintext, aad);
            await expectAuthFailure(() => p.aesGcmOpen(otherKey, nonce, sealed, aad));
            await expectAuthFailure(() => p.aesGcmOpen(key, otherNonce, sealed, aad));
          }),
          { numRuns: 25 },
        );
      });

      it('rejects sealed input that is truncated, extended or shorter than a tag', async () => {
        const p = provider();
        const { key, nonce, aad, sealed } = GCM_VECTORS[3]!;
        await expectAuthFailure(() => p.aesGcmOpen(key, nonce, sealed.subarray(0, sealed.length - 1), aad));
        await expectAuthFailure(() => p.aesGcmOpen(key, nonce, concat(sealed, new Uint8Array(1)), aad));
        await expectAuthFailure(() => p.aesGcmOpen(key, nonce, sealed.subarray(sealed.length - 15), aad));
        await expectAuthFailure(() => p.aesGcmOpen(key, nonce, new Uint8Array(), aad));
      });

      it('keeps many keys apart under concurrent use', async () => {
        const p = provider();
        const keys = Array.from({ length: 16 }, () => p.randomBytes(32));
        const nonce = p.randomBytes(12);
        const aad = new Uint8Array();
        const sealed = await Promise.all(keys.map((key, i) => p.aesGcmSeal(key, nonce, Uint8Array.of(i), aad)));
        const opened = await Promise.all(keys.map((key, i) => p.aesGcmOpen(key, nonce, sealed[i]!, aad)));
        expect(opened).toEqual(keys.map((_, i) => Uint8Array.of(i)));
        await expectAuthFailure(() => p.aesGcmOpen(keys[0]!, nonce, sealed[1]!, aad));
      });
    });

    describe('HMAC-SHA-256', () => {
      it.each(HMAC_VECTORS)('matches $name', async ({ key, data, mac }) => {
        const out = await provider().hmacSha256(key, data);
        expectPlainBytes(out);
        expect(out).toEqual(hex(mac));
      });

      it('reads inputs given as views at an offset into a larger buffer', async () => {
        const { key, data, mac } = HMAC_VECTORS[3]!;
        expect(await provider().hmacSha256(offsetView(key), offsetView(data))).toEqual(hex(mac));
      });

      it('treats one key array used for AES-GCM and for HMAC independently', async () => {
        // Catches a provider whose per-key cache mixes up what a key was prepared for.
        const p = provider();
        const { key, nonce, aad, plaintext, sealed } = GCM_VECTORS[2]!;
        const shared = key.slice();
        expect(await p.aesGcmSeal(shared, nonce, plaintext, aad)).toEqual(sealed);
        expect(await p.hmacSha256(shared, plaintext)).toEqual(await p.hmacSha256(key.slice(), plaintext));
        expect(await p.aesGcmOpen(shared, nonce, sealed, aad)).toEqual(plaintext);
      });
    });

    describe('HKDF-SHA-256 Expand', () => {
      it.each(HKDF_VECTORS)('matches $name', async ({ prk, info, okm }) => {
        const expected = hex(okm);
        const out = await provider().hkdfSha256Expand(prk, info, expected.length);
        expectPlainBytes(out);
        expect(out).toEqual(expected);
      });

      it('reads inputs given as views at an offset into a larger buffer', async () => {
        const { prk, info, okm } = HKDF_VECTORS[1]!;
        expect(await provider().hkdfSha256Expand(offsetView(prk), offsetView(info), okm.length / 2)).toEqual(hex(okm));
      });

      it('gives prefixes of the longest output at every block boundary', async () => {
        const p = provider();
        const { prk, info } = HKDF_VECTORS[0]!;
        const full = await p.hkdfSha256Expand(prk, info, MAX_HKDF_LENGTH);
        expect(full.length).toBe(MAX_HKDF_LENGTH);
        for (const length of [1, 31, 32, 33, 64, 65, MAX_HKDF_LENGTH - 1]) {
          expect(await p.hkdfSha256Expand(prk, info, length), `length ${length}`).toEqual(full.subarray(0, length));
        }
      });

      it.each([0, MAX_HKDF_LENGTH + 1, -1, 1.5])('refuses length %d with a RangeError', async (length) => {
        const { prk, info } = HKDF_VECTORS[0]!;
        expect(await failure(() => provider().hkdfSha256Expand(prk, info, length))).toBeInstanceOf(RangeError);
      });

      it('refuses a PRK shorter than the hash', async () => {
        await failure(() => provider().hkdfSha256Expand(new Uint8Array(31), new Uint8Array(), 32));
      });
    });

    describe('SHA-256', () => {
      it.each(SHA256_VECTORS)('digests $name', async ({ data, digest }) => {
        const out = await provider().sha256(data);
        expectPlainBytes(out);
        expect(out).toEqual(hex(digest));
      });

      it('reads input given as a view at an offset into a larger buffer', async () => {
        const { data, digest } = SHA256_VECTORS[2]!;
        expect(await provider().sha256(offsetView(data))).toEqual(hex(digest));
      });
    });
  });
}

/**
 * Registers agreement tests across providers: for every ordered pair, what one seals the other
 * opens (byte-identical sealing included), and HMAC, HKDF-Expand and SHA-256 agree byte for byte.
 */
export function crossProviderSuite(providers: ReadonlyArray<readonly [string, () => CryptoProvider]>): void {
  const instances = new Map<string, CryptoProvider>();
  const get = (name: string, make: () => CryptoProvider): CryptoProvider => {
    let p = instances.get(name);
    if (p === undefined) instances.set(name, (p = make()));
    return p;
  };
  const all = (): CryptoProvider[] => providers.map(([name, make]) => get(name, make));
  const runs = { numRuns: 30 };

  describe(`CryptoProvider agreement: ${providers.map(([name]) => name).join(', ')}`, () => {
    for (const [sealerName, makeSealer] of providers) {
      for (const [openerName, makeOpener] of providers) {
        if (sealerName === openerName) continue;
        it(`${openerName} opens what ${sealerName} seals`, async () => {
          const sealer = get(sealerName, makeSealer);
          const opener = get(openerName, makeOpener);
          await fc.assert(
            fc.asyncProperty(key32, nonce12, plaintextArb, aadArb, async (key, nonce, plaintext, aad) => {
              const sealed = await sealer.aesGcmSeal(key, nonce, plaintext, aad);
              expect(await opener.aesGcmOpen(key, nonce, sealed, aad)).toEqual(plaintext);
              expect(await opener.aesGcmSeal(key, nonce, plaintext, aad)).toEqual(sealed);
            }),
            runs,
          );
        });
      }
    }

    it('computes identical HMAC-SHA-256', async () => {
      const ps = all();
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 1024 }), async (key, data) => {
          const outs = await Promise.all(ps.map((p) => p.hmacSha256(key, data)));
          for (const out of outs) expect(out).toEqual(outs[0]);
        }),
        runs,
      );
    });

    it('computes identical HKDF-SHA-256 Expand', async () => {
      const ps = all();
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ minLength: 32, maxLength: 96 }),
          fc.uint8Array({ maxLength: 300 }),
          fc.integer({ min: 1, max: 1024 }),
          async (prk, info, length) => {
            const outs = await Promise.all(ps.map((p) => p.hkdfSha256Expand(prk, info, length)));
            for (const out of outs) expect(out).toEqual(outs[0]);
          },
        ),
        runs,
      );
    });

    it('computes identical SHA-256', async () => {
      const ps = all();
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (data) => {
          const outs = await Promise.all(ps.map((p) => p.sha256(data)));
          for (const out of outs) expect(out).toEqual(outs[0]);
        }),
        runs,
      );
    });
  });
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
