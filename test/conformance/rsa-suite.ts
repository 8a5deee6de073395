/**
 * The RSA conformance suite, for every provider that declares `rsa`, in every runtime it claims to
 * support. No node:* imports: test/conformance/rsa.test.ts runs it in Node (and adds checks against
 * node:crypto), test/browser/rsa.browser.test.ts in headless Chromium. The node:crypto-made vectors
 * in the fixtures are what ties the two runtimes together.
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../../src/crypto/bytes.js';
import { nobleProvider } from '../../src/crypto/noble.js';
import {
  AuthenticationError,
  RSA_DIGEST_CAPABILITY,
  UnsupportedCapabilityError,
  type CryptoProvider,
  type DigestHash,
  type KeyPairDer,
  type OaepHash,
  type RsaModulusBits,
  type RsaSignaturePadding,
  type SignatureInput,
} from '../../src/crypto/provider.js';
import { fixtureRsaKeyPair, fromBase64, RSA_FIXTURE_VECTORS, withFixtureRsaKeys } from '../fixtures/fixture-rsa-provider.js';

export type ProviderEntry = readonly [name: string, make: () => CryptoProvider];

export const RSA_SIZES: readonly RsaModulusBits[] = [2048, 3072, 4096];
export const RSA_PADDINGS: readonly RsaSignaturePadding[] = ['PSS', 'PKCS1-v1_5'];
export const RSA_HASHES: readonly DigestHash[] = ['SHA-256', 'SHA-384', 'SHA-512'];
export const OAEP_HASHES: readonly OaepHash[] = ['SHA-1', 'SHA-256'];
/** k − 2·hLen − 2, written out rather than computed, so a wrong formula cannot agree with itself. */
export const OAEP_MAX_PLAINTEXT: Readonly<Record<RsaModulusBits, Readonly<Record<OaepHash, number>>>> = {
  2048: { 'SHA-1': 214, 'SHA-256': 190 },
  3072: { 'SHA-1': 342, 'SHA-256': 318 },
  4096: { 'SHA-1': 470, 'SHA-256': 446 },
};
const HASH_FUNCTIONS: Readonly<Record<DigestHash, (data: Uint8Array) => Uint8Array>> = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 };
export const digestOf = (hash: DigestHash, message: Uint8Array): Uint8Array => HASH_FUNCTIONS[hash](message);

/** rsaEncryption with NULL parameters, as the AlgorithmIdentifier of PKCS#8 and SPKI. */
const RSA_ENCRYPTION_ALGORITHM = Uint8Array.from([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);

export const vectorsOf = (bits: RsaModulusBits) => {
  const v = RSA_FIXTURE_VECTORS[bits];
  return {
    message: fromBase64(v.message),
    signature: (padding: RsaSignaturePadding, hash: DigestHash) => fromBase64(v.signatures[`${padding} ${hash}`]),
    oaepPlaintext: fromBase64(v.oaepPlaintext),
    oaep: (hash: OaepHash) => fromBase64(v.oaep[hash]),
    leadingZeroPss: fromBase64(v.leadingZero.pss),
    leadingZeroPkcs1Message: fromBase64(v.leadingZero.pkcs1Message),
    leadingZeroPkcs1: fromBase64(v.leadingZero.pkcs1),
    leadingZeroOaep: fromBase64(v.leadingZero.oaep),
  };
};

const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const out = bytes.slice();
  out[(bit >>> 3) % out.length]! ^= 1 << (bit & 7);
  return out;
};

const contains = (haystack: Uint8Array, needle: Uint8Array): boolean => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

async function expectUnsupported(promise: Promise<unknown>, provider: string, capability: string): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(UnsupportedCapabilityError);
  await expect(promise).rejects.toMatchObject({ provider, capability });
}

/** How `subtle` sees an SPKI: modulus length and public exponent. */
async function inspectSpki(spki: Uint8Array): Promise<{ modulusLength: number; publicExponent: number[] }> {
  const key = await crypto.subtle.importKey('spki', spki as Uint8Array<ArrayBuffer>, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']);
  const algorithm = key.algorithm as RsaHashedKeyAlgorithm;
  return { modulusLength: algorithm.modulusLength, publicExponent: Array.from(algorithm.publicExponent) };
}

/**
 * Runs every RSA conformance check on `entries` (which must all declare `rsa`), and across them.
 * `checkGenerated` adds the runtime's own checks of each provider's one really generated key pair.
 */
export function rsaConformanceSuite(entries: readonly ProviderEntry[], checkGenerated?: (pair: KeyPairDer, bits: RsaModulusBits) => void): void {
  const all = (): { name: string; p: CryptoProvider }[] => entries.map(([name, make]) => ({ name, p: withFixtureRsaKeys(make()) }));

  describe('RSA key generation', () => {
    for (const [name, make] of entries) {
      it(`${name}: a real 2048-bit key pair, made without blocking the event loop, signs, verifies, encrypts and decrypts`, async () => {
        const p = make();
        let ticks = 0;
        const timer = setInterval(() => ticks++, 1);
        let pair;
        try {
          pair = await p.generateRsaKeyPair(2048);
        } finally {
          clearInterval(timer);
        }
        // A generator that blocked would resolve before any timer could run.
        expect(ticks).toBeGreaterThan(0);
        expect(pair.privateKey).toBeInstanceOf(Uint8Array);
        expect(pair.privateKey.constructor).toBe(Uint8Array);
        expect(pair.publicKey.constructor).toBe(Uint8Array);
        expect(pair.publicKey.subarray(4, 4 + RSA_ENCRYPTION_ALGORITHM.length)).toEqual(RSA_ENCRYPTION_ALGORITHM);
        expect(contains(pair.privateKey.subarray(0, 32), RSA_ENCRYPTION_ALGORITHM)).toBe(true);
        expect(await inspectSpki(pair.publicKey)).toEqual({ modulusLength: 2048, publicExponent: [1, 0, 1] });
        checkGenerated?.(pair, 2048);
        const message = utf8Encode('fresh key');
        for (const padding of RSA_PADDINGS) {
          const signature = await p.rsaSign(padding, 'SHA-256', pair.privateKey, { message });
          expect(await p.rsaVerify(padding, 'SHA-256', pair.publicKey, { message }, signature)).toBe(true);
        }
        const ciphertext = await p.rsaOaepEncrypt('SHA-256', pair.publicKey, message);
        expect(await p.rsaOaepDecrypt('SHA-256', pair.privateKey, ciphertext)).toEqual(message);
      });

      it(`${name}: refuses modulus sizes other than 2048, 3072 and 4096 with RangeError`, async () => {
        const p = make();
        for (const bits of [0, 1024, 2047, 2049, 8192, '2048', 2048.5, Number.NaN, undefined, null]) {
          await expect(p.generateRsaKeyPair(bits as RsaModulusBits), String(bits)).rejects.toThrow(RangeError);
        }
      });
    }

    it('the fixture wrapper hands out the fixture pairs round robin, and keeps name and capabilities', async () => {
      const [name, make] = entries[0]!;
      const real = make();
      const p = withFixtureRsaKeys(real);
      expect(p.name).toBe(name);
      expect(p.capabilities).toBe(real.capabilities);
      for (const bits of RSA_SIZES) {
        const seen = new Set<string>();
        for (let i = 0; i < 5; i++) {
          const pair = await p.generateRsaKeyPair(bits);
          expect(pair).toEqual(fixtureRsaKeyPair(bits, i));
          seen.add(pair.publicKey.join());
          expect((await inspectSpki(pair.publicKey)).modulusLength).toBe(bits);
        }
        expect(seen.size).toBe(4);
      }
      await expect(p.generateRsaKeyPair(1024 as RsaModulusBits)).rejects.toThrow(RangeError);
    });
  });

  describe('RSA signatures', () => {
    for (const bits of RSA_SIZES) {
      const vectors = vectorsOf(bits);
      for (const padding of RSA_PADDINGS) {
        for (const hash of RSA_HASHES) {
          it(`${bits} ${padding} ${hash}: every provider verifies every provider's and node:crypto's signatures`, async () => {
            const providers = all();
            const { privateKey, publicKey } = fixtureRsaKeyPair(bits);
            const message = vectors.message;
            const signatures = [vectors.signature(padding, hash)];
            for (const { p } of providers) signatures.push(await p.rsaSign(padding, hash, privateKey, { message }));
            for (const signature of signatures) {
              expect(signature.length).toBe(bits / 8);
              for (const { name, p } of providers) {
                expect(await p.rsaVerify(padding, hash, publicKey, { message }, signature), name).toBe(true);
                expect(await p.rsaVerify(padding, hash, publicKey, { message: message.subarray(1) }, signature), name).toBe(false);
                const otherHash = hash === 'SHA-256' ? 'SHA-384' : 'SHA-256';
                expect(await p.rsaVerify(padding, otherHash, publicKey, { message }, signature), name).toBe(false);
                const otherPadding = padding === 'PSS' ? 'PKCS1-v1_5' : 'PSS';
                expect(await p.rsaVerify(otherPadding, hash, publicKey, { message }, signature), name).toBe(false);
              }
            }
            if (padding === 'PKCS1-v1_5') {
              // Deterministic: every provider's signature is node:crypto's, byte for byte.
              for (const signature of signatures) expect(signature).toEqual(signatures[0]);
            } else {
              expect(new Set(signatures.map((s) => s.join())).size).toBe(signatures.length);
            }
          });
        }
      }

      it(`${bits}: signatures that start with a zero byte verify, and without that byte do not`, async () => {
        const { publicKey } = fixtureRsaKeyPair(bits);
        const pss = { message: vectors.message, signature: vectors.leadingZeroPss, padding: 'PSS' as const };
        const pkcs1 = { message: vectors.leadingZeroPkcs1Message, signature: vectors.leadingZeroPkcs1, padding: 'PKCS1-v1_5' as const };
        for (const { name, p } of all()) {
          for (const { message, signature, padding } of [pss, pkcs1]) {
            expect(signature[0]).toBe(0);
            expect(await p.rsaVerify(padding, 'SHA-256', publicKey, { message }, signature), `${name} ${padding}`).toBe(true);
            expect(await p.rsaVerify(padding, 'SHA-256', publicKey, { message }, signature.subarray(1)), `${name} ${padding}`).toBe(false);
          }
        }
      });
    }

    it('over a digest: PKCS#1 v1.5 equals the message signature where declared; otherwise UnsupportedCapabilityError naming the capability', async () => {
      const { privateKey, publicKey } = fixtureRsaKeyPair(2048);
      const message = utf8Encode('prehashed');
      for (const { name, p } of all()) {
        for (const padding of RSA_PADDINGS) {
          const capability = RSA_DIGEST_CAPABILITY[padding];
          for (const hash of RSA_HASHES) {
            const digest = { digest: digestOf(hash, message) };
            const ofMessage = await p.rsaSign(padding, hash, privateKey, { message });
            if (p.capabilities.has(capability)) {
              const ofDigest = await p.rsaSign(padding, hash, privateKey, digest);
              if (padding === 'PKCS1-v1_5') expect(ofDigest, `${name} ${hash}`).toEqual(ofMessage);
              expect(await p.rsaVerify(padding, hash, publicKey, digest, ofMessage)).toBe(true);
              expect(await p.rsaVerify(padding, hash, publicKey, { message }, ofDigest)).toBe(true);
              expect(await p.rsaVerify(padding, hash, publicKey, { digest: flipBit(digest.digest, 0) }, ofMessage)).toBe(false);
              expect(await p.rsaVerify(padding, hash, publicKey, digest, flipBit(ofMessage, 9))).toBe(false);
            } else {
              await expectUnsupported(p.rsaSign(padding, hash, privateKey, digest), name, capability);
              await expectUnsupported(p.rsaVerify(padding, hash, publicKey, digest, ofMessage), name, capability);
            }
            // The digest length is checked first, the same on every provider.
            for (const length of [0, digest.digest.length - 1, digest.digest.length + 1]) {
              await expect(p.rsaSign(padding, hash, privateKey, { digest: new Uint8Array(length) }), `${name} ${length}`).rejects.toThrow(RangeError);
              await expect(p.rsaVerify(padding, hash, publicKey, { digest: new Uint8Array(length) }, ofMessage)).rejects.toThrow(RangeError);
            }
          }
        }
      }
    });

    it('any flipped bit in the message or the signature fails verification (property)', async () => {
      const providers = all();
      const { privateKey, publicKey } = fixtureRsaKeyPair(2048, 2);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...providers),
          fc.constantFrom(...providers),
          fc.constantFrom(...RSA_PADDINGS),
          fc.uint8Array({ minLength: 1, maxLength: 300 }),
          fc.boolean(),
          fc.nat(),
          async (signer, verifier, padding, message, inMessage, bit) => {
            const signature = await signer.p.rsaSign(padding, 'SHA-256', privateKey, { message });
            expect(await verifier.p.rsaVerify(padding, 'SHA-256', publicKey, { message }, signature)).toBe(true);
            const input = { message: inMessage ? flipBit(message, bit) : message };
            expect(await verifier.p.rsaVerify(padding, 'SHA-256', publicKey, input, inMessage ? signature : flipBit(signature, bit))).toBe(false);
          },
        ),
        { numRuns: 50 },
      );
    });
  });

  describe('RSA-OAEP', () => {
    for (const bits of RSA_SIZES) {
      const vectors = vectorsOf(bits);
      for (const hash of OAEP_HASHES) {
        it(`${bits} ${hash}: node:crypto's and every provider's ciphertexts open in every provider`, async () => {
          const providers = all();
          const { privateKey, publicKey } = fixtureRsaKeyPair(bits);
          const plaintext = vectors.oaepPlaintext;
          const ciphertexts = [vectors.oaep(hash)];
          for (const { p } of providers) ciphertexts.push(await p.rsaOaepEncrypt(hash, publicKey, plaintext));
          expect(new Set(ciphertexts.map((c) => c.join())).size).toBe(ciphertexts.length); // randomised
          for (const ciphertext of ciphertexts) {
            expect(ciphertext.length).toBe(bits / 8);
            for (const { name, p } of providers) expect(await p.rsaOaepDecrypt(hash, privateKey, ciphertext), name).toEqual(plaintext);
          }
        });

        if (hash === 'SHA-256') {
          it(`${bits} ${hash}: a ciphertext that starts with a zero byte opens, and without that byte does not`, async () => {
            const { privateKey } = fixtureRsaKeyPair(bits);
            for (const { name, p } of all()) {
              expect(vectors.leadingZeroOaep[0]).toBe(0);
              expect(await p.rsaOaepDecrypt(hash, privateKey, vectors.leadingZeroOaep), name).toEqual(vectors.oaepPlaintext);
              await expect(p.rsaOaepDecrypt(hash, privateKey, vectors.leadingZeroOaep.subarray(1)), name).rejects.toBeInstanceOf(AuthenticationError);
            }
          });
        }

        it(`${bits} ${hash}: takes up to exactly ${OAEP_MAX_PLAINTEXT[bits][hash]} bytes, and RangeError for one more`, async () => {
          const providers = all();
          const { privateKey, publicKey } = fixtureRsaKeyPair(bits, 1);
          const max = OAEP_MAX_PLAINTEXT[bits][hash];
          for (const { name, p } of providers) {
            for (const length of [0, 1, max]) {
              const plaintext = p.randomBytes(length);
              const ciphertext = await p.rsaOaepEncrypt(hash, publicKey, plaintext);
              for (const other of providers) expect(await other.p.rsaOaepDecrypt(hash, privateKey, ciphertext), `${name} → ${other.name}, ${length}`).toEqual(plaintext);
            }
            await expect(p.rsaOaepEncrypt(hash, publicKey, new Uint8Array(max + 1)), name).rejects.toThrow(RangeError);
            await expect(p.rsaOaepEncrypt(hash, publicKey, new Uint8Array(bits / 8))).rejects.toThrow(RangeError);
          }
        });
      }
    }

    it('a tampered, truncated, extended or empty ciphertext, the wrong hash or the wrong key: AuthenticationError', async () => {
      const providers = all();
      const { privateKey, publicKey } = fixtureRsaKeyPair(2048);
      const other = fixtureRsaKeyPair(2048, 1);
      for (const hash of OAEP_HASHES) {
        const ciphertext = await providers[0]!.p.rsaOaepEncrypt(hash, publicKey, utf8Encode('secret'));
        const wrongHash = hash === 'SHA-1' ? 'SHA-256' : 'SHA-1';
        const bad: [string, OaepHash, Uint8Array, Uint8Array][] = [
          ['first bit', hash, privateKey, flipBit(ciphertext, 0)],
          ['middle bit', hash, privateKey, flipBit(ciphertext, 1000)],
          ['last bit', hash, privateKey, flipBit(ciphertext, 8 * ciphertext.length - 1)],
          ['truncated', hash, privateKey, ciphertext.subarray(0, 255)],
          ['extended', hash, privateKey, Uint8Array.from([...ciphertext, 0])],
          ['zero-extended in front', hash, privateKey, Uint8Array.from([0, ...ciphertext])],
          ['empty', hash, privateKey, new Uint8Array(0)],
          ['all zero', hash, privateKey, new Uint8Array(256)],
          ['all 0xff (≥ n)', hash, privateKey, new Uint8Array(256).fill(0xff)],
          ['wrong hash', wrongHash, privateKey, ciphertext],
          ['wrong key', hash, other.privateKey, ciphertext],
        ];
        for (const { name, p } of providers) {
          for (const [label, h, key, c] of bad) {
            const error = await p.rsaOaepDecrypt(h, key, c).then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(error, `${name} ${hash} ${label}`).toBeInstanceOf(AuthenticationError);
            expect((error as Error).message).toBe('authentication failed');
          }
        }
      }
    });
  });

  describe('RSA hostile inputs', () => {
    it('keys that are not RSA, not DER or not Uint8Array: RangeError from every operation', async () => {
      const noble = nobleProvider();
      const ec = await noble.generateSigningKeyPair('P-256');
      const ed = await noble.generateSigningKeyPair('Ed25519');
      const rsa = fixtureRsaKeyPair(2048);
      const notBytes = [undefined, null, 'MIIB', 42, {}, [0x30, 0x00]] as unknown as Uint8Array[];
      const privateKeys: [string, Uint8Array][] = [
        ['EC P-256 PKCS#8', ec.privateKey],
        ['Ed25519 PKCS#8', ed.privateKey],
        ['RSA SPKI as PKCS#8', rsa.publicKey],
        ['truncated by one byte', rsa.privateKey.subarray(0, -1)],
        ['truncated to half', rsa.privateKey.subarray(0, rsa.privateKey.length >> 1)],
        ['a trailing zero byte', Uint8Array.from([...rsa.privateKey, 0])],
        ['empty', new Uint8Array(0)],
        ['one byte', Uint8Array.of(0x30)],
        ['an empty SEQUENCE', Uint8Array.of(0x30, 0x00)],
        ['a non-minimal length', Uint8Array.of(0x30, 0x81, 0x01, 0x00)],
        ['all zero', new Uint8Array(rsa.privateKey.length)],
        ...notBytes.map((v): [string, Uint8Array] => [`${typeof v} ${JSON.stringify(v)}`, v]),
        ['an ArrayBuffer', rsa.privateKey.slice().buffer as unknown as Uint8Array],
      ];
      const publicKeys: [string, Uint8Array][] = [
        ['EC P-256 SPKI', ec.publicKey],
        ['Ed25519 SPKI', ed.publicKey],
        ['RSA PKCS#8 as SPKI', rsa.privateKey],
        ['truncated by one byte', rsa.publicKey.subarray(0, -1)],
        ['a trailing zero byte', Uint8Array.from([...rsa.publicKey, 0])],
        ['empty', new Uint8Array(0)],
        ['all zero', new Uint8Array(rsa.publicKey.length)],
        ...notBytes.map((v): [string, Uint8Array] => [`${typeof v} ${JSON.stringify(v)}`, v]),
      ];
      const message = utf8Encode('m');
      const signature = new Uint8Array(256);
      for (const { name, p } of all()) {
        for (const [label, key] of privateKeys) {
          for (const padding of RSA_PADDINGS) await expect(p.rsaSign(padding, 'SHA-256', key, { message }), `${name} sign ${label}`).rejects.toThrow(RangeError);
          await expect(p.rsaOaepDecrypt('SHA-256', key, new Uint8Array(256)), `${name} decrypt ${label}`).rejects.toThrow(RangeError);
        }
        for (const [label, key] of publicKeys) {
          for (const padding of RSA_PADDINGS) {
            await expect(p.rsaVerify(padding, 'SHA-256', key, { message }, signature), `${name} verify ${label}`).rejects.toThrow(RangeError);
          }
          await expect(p.rsaOaepEncrypt('SHA-1', key, message), `${name} encrypt ${label}`).rejects.toThrow(RangeError);
        }
      }
    });

    it('unknown paddings and hashes, and malformed inputs: RangeError', async () => {
      const { privateKey, publicKey } = fixtureRsaKeyPair(2048);
      const message = utf8Encode('m');
      const signature = new Uint8Array(256);
      const paddings = ['pss', 'PKCS1', 'PKCS1-v1_5 ', 'OAEP', 'toString', '__proto__', '', undefined, null, 1] as unknown as RsaSignaturePadding[];
      const hashes = ['SHA-1', 'SHA-224', 'sha256', 'SHA256', 'constructor', '', undefined, 256] as unknown as DigestHash[];
      const oaepHashes = ['SHA-384', 'SHA-512', 'sha1', 'SHA1', 'hasOwnProperty', undefined] as unknown as OaepHash[];
      const inputs = [{}, { message, digest: new Uint8Array(32) }, { message: 'm' }, { message: [1] }, { digest: 'x' }, null, undefined, message] as unknown as SignatureInput[];
      for (const { name, p } of all()) {
        for (const padding of paddings) {
          await expect(p.rsaSign(padding, 'SHA-256', privateKey, { message }), `${name} ${String(padding)}`).rejects.toThrow(RangeError);
          await expect(p.rsaVerify(padding, 'SHA-256', publicKey, { message }, signature)).rejects.toThrow(RangeError);
        }
        for (const hash of hashes) {
          await expect(p.rsaSign('PSS', hash, privateKey, { message }), `${name} ${String(hash)}`).rejects.toThrow(RangeError);
          await expect(p.rsaVerify('PKCS1-v1_5', hash, publicKey, { message }, signature)).rejects.toThrow(RangeError);
        }
        for (const hash of oaepHashes) {
          await expect(p.rsaOaepEncrypt(hash, publicKey, message), `${name} ${String(hash)}`).rejects.toThrow(RangeError);
          await expect(p.rsaOaepDecrypt(hash, privateKey, new Uint8Array(256))).rejects.toThrow(RangeError);
        }
        for (const input of inputs) {
          await expect(p.rsaSign('PSS', 'SHA-256', privateKey, input), `${name} ${JSON.stringify(input)}`).rejects.toThrow(RangeError);
          await expect(p.rsaVerify('PSS', 'SHA-256', publicKey, input, signature)).rejects.toThrow(RangeError);
        }
        for (const data of [undefined, null, 'text', [1, 2], new ArrayBuffer(4)] as unknown as Uint8Array[]) {
          await expect(p.rsaOaepEncrypt('SHA-256', publicKey, data), `${name} encrypt ${String(data)}`).rejects.toThrow(RangeError);
          await expect(p.rsaOaepDecrypt('SHA-256', privateKey, data), `${name} decrypt ${String(data)}`).rejects.toThrow(RangeError);
        }
      }
    });

    it('garbage signatures of every kind and length verify false, never throw', async () => {
      const { privateKey, publicKey } = fixtureRsaKeyPair(2048);
      const message = utf8Encode('m');
      for (const { name, p } of all()) {
        for (const padding of RSA_PADDINGS) {
          const good = await p.rsaSign(padding, 'SHA-256', privateKey, { message });
          const garbage: Uint8Array[] = [
            ...[0, 1, 2, 32, 64, 128, 255, 257, 384, 512, 1024].map((length) => p.randomBytes(length)),
            new Uint8Array(256),
            Uint8Array.of(...new Uint8Array(255), 1),
            new Uint8Array(256).fill(0xff),
            p.randomBytes(256),
            good.subarray(0, 255),
            good.subarray(1),
            Uint8Array.from([0, ...good]),
            Uint8Array.from([...good, 0]),
          ];
          for (const signature of garbage) {
            expect(await p.rsaVerify(padding, 'SHA-256', publicKey, { message }, signature), `${name} ${padding} ${signature.length}`).toBe(false);
          }
          for (const signature of [undefined, null, 'sig', Array.from(good), good.buffer, new Uint16Array(128)] as unknown as Uint8Array[]) {
            expect(await p.rsaVerify(padding, 'SHA-256', publicKey, { message }, signature), `${name} ${padding} ${String(signature)}`).toBe(false);
          }
        }
      }
    });

    it('one key array used for every algorithm at once (per-algorithm key caches)', async () => {
      const { privateKey, publicKey } = fixtureRsaKeyPair(3072, 3);
      const message = utf8Encode('concurrent');
      for (const { name, p } of all()) {
        const signatures = await Promise.all(RSA_PADDINGS.flatMap((padding) => RSA_HASHES.map((hash) => p.rsaSign(padding, hash, privateKey, { message }))));
        const ciphertexts = await Promise.all(OAEP_HASHES.map((hash) => p.rsaOaepEncrypt(hash, publicKey, message)));
        const checks = await Promise.all([
          ...RSA_PADDINGS.flatMap((padding, i) => RSA_HASHES.map((hash, j) => p.rsaVerify(padding, hash, publicKey, { message }, signatures[i * 3 + j]!))),
          ...OAEP_HASHES.map(async (hash, i) => (await p.rsaOaepDecrypt(hash, privateKey, ciphertexts[i]!)).join() === message.join()),
        ]);
        expect(checks, name).toEqual(checks.map(() => true));
      }
    });
  });
}
