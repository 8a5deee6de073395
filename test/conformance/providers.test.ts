/**
 * The conformance suite in Node for every provider that runs here, and their agreement.
 * The browser project runs the same suite in Chromium (test/browser/providers.browser.test.ts).
 */
import { createECDH, createPrivateKey, createPublicKey, ECDH, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../../src/crypto/bytes.js';
import {
  decodeEcdsaSignature,
  decodeEcPkcs8,
  decodeEcSpki,
  encodeEcdsaSignature,
  encodeEcPkcs8,
  encodeEcSpki,
  encodeEd25519Pkcs8,
  ecScalarLength,
  type EcCurve,
} from '../../src/crypto/der.js';
import { nobleProvider } from '../../src/crypto/noble.js';
import {
  ALL_CAPABILITIES,
  ECDH_CAPABILITY,
  HMAC_CAPABILITY,
  ML_DSA_CAPABILITY,
  requireCapabilities,
  SIGNING_CAPABILITY,
  UnsupportedCapabilityError,
  type Capability,
  type CryptoProvider,
} from '../../src/crypto/provider.js';
import { detectWebCryptoEd25519, webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { nodeProvider } from '../../src/node/node-provider.js';
import {
  compressedEcSpki,
  crossProviderSuite,
  digestOf,
  ECDH_CURVES,
  hashesFor,
  NOBLE_EXPECTATIONS,
  otherS,
  prehashes,
  providerConformanceSuite,
  SIGNING_CURVES,
  WEBCRYPTO_EXPECTATIONS,
  webCryptoExpectations,
  type ConformanceExpectations,
} from './provider-suite.js';

// Node 20+ has Ed25519 in WebCrypto.
const webCryptoEd25519 = await detectWebCryptoEd25519();
const webCrypto = (): CryptoProvider => webCryptoProvider(undefined, { ed25519: webCryptoEd25519 });
const WEBCRYPTO = webCryptoExpectations(webCryptoEd25519);
/** The node provider: OpenSSL, as node:crypto exposes it, has no RSASSA-PSS over a given digest. */
const NODE_EXPECTATIONS: ConformanceExpectations = { lacks: ['rsa-pss-digest'] };

const PROVIDERS: ReadonlyArray<readonly [string, () => CryptoProvider, ConformanceExpectations?]> = [
  ['noble', nobleProvider, NOBLE_EXPECTATIONS],
  ['webcrypto', webCrypto, WEBCRYPTO],
  ['node', nodeProvider, NODE_EXPECTATIONS],
];

providerConformanceSuite('noble', nobleProvider, NOBLE_EXPECTATIONS);
providerConformanceSuite('webcrypto', webCrypto, WEBCRYPTO);
providerConformanceSuite('webcrypto without Ed25519 (the default)', () => webCryptoProvider(), WEBCRYPTO_EXPECTATIONS);
providerConformanceSuite('node', nodeProvider, NODE_EXPECTATIONS);
crossProviderSuite(PROVIDERS);

describe('signatures, checked independently by node:crypto', () => {
  it('Node 20+ has Ed25519 in WebCrypto, and the detection says so', () => {
    expect(webCryptoEd25519).toBe(true);
  });

  // Not Ed25519ph: node:crypto (Node 20) has none, so nothing independent checks it here; RFC 8032
  // §7.3 pins it in the suite, and the node provider runs it on noble anyway. Nor ML-DSA, likewise.
  for (const curve of SIGNING_CURVES.filter((c) => c !== 'Ed25519ph')) {
    const capability = SIGNING_CAPABILITY[curve];
    const declaring = PROVIDERS.filter(([, , expected]) => !expected?.lacks?.includes(capability));
    it(`${curve}: node:crypto imports every provider's keys and accepts every provider's signatures`, async () => {
      const ps = declaring.map(([, make, expected]) => ({ p: make(), prehashed: curve !== 'Ed25519' && prehashes(expected) }));
      const message = utf8Encode(`checked by OpenSSL on ${curve}`);
      for (const generator of ps) {
        const { privateKey, publicKey } = await generator.p.generateSigningKeyPair(curve);
        const publicKeyObject = createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' });
        const privateKeyObject = createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' });
        expect(publicKeyObject.asymmetricKeyType).toBe(curve === 'Ed25519' ? 'ed25519' : 'ec');
        // OpenSSL re-exports exactly the same SPKI (so: uncompressed point, named curve).
        expect(new Uint8Array(publicKeyObject.export({ format: 'der', type: 'spki' }))).toEqual(publicKey);
        expect(new Uint8Array(createPublicKey(privateKeyObject).export({ format: 'der', type: 'spki' }))).toEqual(publicKey);
        for (const hash of hashesFor(curve)) {
          const algorithm = curve === 'Ed25519' ? null : hash.replace('SHA-', 'sha');
          const options = curve === 'Ed25519' ? publicKeyObject : { key: publicKeyObject, dsaEncoding: 'der' as const };
          for (const signer of ps) {
            const signatures = [await signer.p.sign(curve, hash, privateKey, { message })];
            if (signer.prehashed) signatures.push(await signer.p.sign(curve, hash, privateKey, { digest: digestOf(hash, message) }));
            for (const signature of signatures) {
              expect(nodeVerify(algorithm, message, options, signature), `${generator.p.name} key, ${signer.p.name} signature, ${hash}`).toBe(true);
              expect(nodeVerify(algorithm, message.subarray(1), options, signature)).toBe(false);
            }
          }
          // And the other way round: OpenSSL's own signature verifies in every provider.
          const openssl = nodeSign(algorithm, message, curve === 'Ed25519' ? privateKeyObject : { key: privateKeyObject, dsaEncoding: 'der' });
          for (const verifier of ps) {
            expect(await verifier.p.verify(curve, hash, publicKey, { message }, openssl), `${verifier.p.name} verifies OpenSSL`).toBe(true);
          }
        }
      }
    });
  }

  const OPENSSL_CURVES = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' } as const;
  for (const curve of ECDH_CURVES) {
    const declaring = PROVIDERS.filter(([, , expected]) => !expected?.lacks?.includes(ECDH_CAPABILITY[curve]));
    it(`ECDH ${curve}: every provider derives what node:crypto's createECDH does, from uncompressed and compressed peer points`, async () => {
      for (const [, make] of declaring) {
        const p = make();
        for (let round = 0; round < 3; round++) {
          const [a, b] = await Promise.all([p.generateSigningKeyPair(curve), nobleProvider().generateSigningKeyPair(curve)]);
          const openssl = createECDH(OPENSSL_CURVES[curve]);
          openssl.setPrivateKey(decodeEcPkcs8(curve, a.privateKey));
          const peer = decodeEcSpki(curve, b.publicKey);
          const expected = new Uint8Array(openssl.computeSecret(peer));
          expect(expected).toHaveLength(ecScalarLength(curve));
          expect(await p.ecdh(curve, a.privateKey, b.publicKey), p.name).toEqual(expected);
          // OpenSSL compresses the point itself, and the suite's compressed SPKI holds the same bytes.
          const compressed = new Uint8Array(ECDH.convertKey(peer, OPENSSL_CURVES[curve], undefined, undefined, 'compressed') as Buffer);
          expect(compressedEcSpki(curve, b.publicKey).subarray(-compressed.length)).toEqual(compressed);
          expect(new Uint8Array(openssl.computeSecret(compressed))).toEqual(expected);
          expect(await p.ecdh(curve, a.privateKey, compressedEcSpki(curve, b.publicKey)), p.name).toEqual(expected);
        }
      }
    });
  }

  it('OpenSSL accepts the high-S twin of a signature too', async () => {
    const { privateKey, publicKey } = await nobleProvider().generateSigningKeyPair('P-256');
    const message = utf8Encode('high S');
    const signature = otherS('P-256', await nobleProvider().sign('P-256', 'SHA-256', privateKey, { message }));
    const key = createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' });
    expect(nodeVerify('sha256', message, { key, dsaEncoding: 'der' }, signature)).toBe(true);
  });
});

describe('der.ts', () => {
  const NOBLE: Readonly<Record<EcCurve, typeof p256>> = { 'P-256': p256, 'P-384': p384, 'P-521': p521, secp256k1 };

  it('knows the same group order and scalar length as noble for every ECDSA curve', () => {
    for (const curve of ['P-256', 'P-384', 'P-521', 'secp256k1'] as const) {
      const order = NOBLE[curve].Point.Fn.ORDER;
      expect(ecScalarLength(curve)).toBe(NOBLE[curve].Point.Fn.BYTES);
      // d = n - 1 is accepted, d = n is not.
      const point = NOBLE[curve].getPublicKey(NOBLE[curve].Point.Fn.toBytes(order - 1n), false);
      const der = encodeEcPkcs8(curve, NOBLE[curve].Point.Fn.toBytes(order - 1n), point);
      expect(decodeEcPkcs8(curve, der)).toEqual(NOBLE[curve].Point.Fn.toBytes(order - 1n));
      const tooBig = der.slice();
      const at = tooBig.findIndex((_, i) => tooBig[i] === 0x04 && tooBig[i + 1] === ecScalarLength(curve)) + 2;
      tooBig.set(bigEndian(order, ecScalarLength(curve)), at);
      expect(() => decodeEcPkcs8(curve, tooBig)).toThrow(RangeError);
      expect(() => decodeEcdsaSignature(curve, encodeEcdsaSignature(curve, new Uint8Array(2 * ecScalarLength(curve)).fill(0xff)))).toThrow(RangeError);
    }
  });

  it('encodes keys exactly as OpenSSL does', () => {
    for (const curve of ['P-256', 'P-384', 'P-521', 'secp256k1'] as const) {
      const d = NOBLE[curve].utils.randomSecretKey();
      const point = NOBLE[curve].getPublicKey(d, false);
      const pkcs8 = encodeEcPkcs8(curve, d, point);
      const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
      expect(new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }))).toEqual(pkcs8);
      expect(new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }))).toEqual(encodeEcSpki(curve, point));
    }
    const seed = ed25519.utils.randomSecretKey();
    const key = createPrivateKey({ key: Buffer.from(encodeEd25519Pkcs8(seed)), format: 'der', type: 'pkcs8' });
    expect(new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }))).toEqual(encodeEd25519Pkcs8(seed));
  });
});

function bigEndian(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

describe('requireCapabilities', () => {
  const limited = (capabilities: Capability[]): CryptoProvider =>
    Object.assign(Object.create(nobleProvider()) as CryptoProvider, { name: 'limited', capabilities: new Set(capabilities) });

  it('fails closed, naming the provider and the missing capability', () => {
    const provider = limited(['random', 'sha256']);
    let error: unknown;
    try {
      requireCapabilities(provider, ['random', 'aes-256-gcm', 'sha256']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedCapabilityError);
    expect(error).toMatchObject({ name: 'UnsupportedCapabilityError', provider: 'limited', capability: 'aes-256-gcm' });
    expect((error as Error).message).toContain('"limited"');
    expect((error as Error).message).toContain('"aes-256-gcm"');
  });

  it('passes when every needed capability is declared', () => {
    expect(() => requireCapabilities(limited(['random', 'sha256']), ['sha256', 'random'])).not.toThrow();
    expect(() => requireCapabilities(limited([]), [])).not.toThrow();
  });
});

describe('SIGNING_CAPABILITY, ECDH_CAPABILITY, ML_DSA_CAPABILITY', () => {
  it('name a known capability for each of the six signing curves, and are frozen', () => {
    expect(SIGNING_CAPABILITY).toEqual({
      'P-256': 'ecdsa-p256',
      'P-384': 'ecdsa-p384',
      'P-521': 'ecdsa-p521',
      secp256k1: 'ecdsa-secp256k1',
      Ed25519: 'ed25519',
      Ed25519ph: 'ed25519ph',
    });
    expect(ECDH_CAPABILITY).toEqual({ 'P-256': 'ecdh-p256', 'P-384': 'ecdh-p384', 'P-521': 'ecdh-p521' });
    expect(ML_DSA_CAPABILITY).toEqual({ 'ML-DSA-44': 'ml-dsa-44', 'ML-DSA-65': 'ml-dsa-65', 'ML-DSA-87': 'ml-dsa-87' });
    for (const table of [SIGNING_CAPABILITY, ECDH_CAPABILITY, ML_DSA_CAPABILITY]) {
      for (const capability of Object.values(table)) expect(ALL_CAPABILITIES).toContain(capability);
      expect(Object.isFrozen(table)).toBe(true);
    }
  });
});

describe('HMAC_CAPABILITY', () => {
  it('names a known capability for each of the four hashes, and is frozen', () => {
    expect(HMAC_CAPABILITY).toEqual({ 'SHA-224': 'hmac-sha224', 'SHA-256': 'hmac-sha256', 'SHA-384': 'hmac-sha384', 'SHA-512': 'hmac-sha512' });
    for (const capability of Object.values(HMAC_CAPABILITY)) expect(ALL_CAPABILITIES).toContain(capability);
    expect(Object.isFrozen(HMAC_CAPABILITY)).toBe(true);
    expect(Object.isFrozen(ALL_CAPABILITIES)).toBe(true);
  });
});

describe('webCryptoProvider', () => {
  it('uses the SubtleCrypto it is given', async () => {
    const provider = webCryptoProvider(globalThis.crypto.subtle);
    expect(provider.name).toBe('webcrypto');
    expect(await provider.sha256(new Uint8Array())).toHaveLength(32);
  });
});
