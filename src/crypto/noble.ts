/**
 * The default provider: pure JavaScript on the audited noble libraries (AES-GCM, HMAC, HKDF, SHA-2,
 * ECDSA, Ed25519 and Ed25519ph, ECDH, and ML-DSA from `@noble/post-quantum`). Runs in every runtime.
 * Randomness comes from `crypto.getRandomValues`, the platform CSPRNG.
 *
 * noble has no RSA, and RSA is not something to write in-house, so RSA runs on the platform's
 * WebCrypto (`globalThis.crypto.subtle`; see rsa-webcrypto.ts). WebCrypto always hashes the message
 * itself, so this provider lacks `rsa-pkcs1-digest` and `rsa-pss-digest`.
 * @module
 */
import { gcm } from '@noble/ciphers/aes.js';
import type { ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { ed25519, ed25519ph } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { expand } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import {
  decodeEcdsaSignature,
  decodeEcPeerSpki,
  decodeEcPkcs8,
  decodeEcSpki,
  decodeEd25519Pkcs8,
  decodeEd25519Spki,
  encodeEcdsaSignature,
  encodeEcPkcs8,
  encodeEcSpki,
  encodeEd25519Pkcs8,
  encodeEd25519Spki,
  type EcCurve,
} from './der.js';
import {
  ALL_CAPABILITIES,
  AuthenticationError,
  checkEcdhCurve,
  checkMlDsaLevel,
  checkSealOutput,
  checkSignatureCall,
  checkSigningCurve,
  unsupportedHmacHash,
  type Capability,
  type CryptoProvider,
  type DigestHash,
  type EcdhCurve,
  type HmacHash,
  type KeyPairDer,
  type MlDsaInput,
  type MlDsaLevel,
  type OaepHash,
  type RsaModulusBits,
  type RsaSignaturePadding,
  type SignatureInput,
  type SigningCurve,
} from './provider.js';
import { generateMlDsaKeyPair, mlDsaSign, mlDsaVerify } from './ml-dsa.js';
import { WebCryptoRsa } from './rsa-webcrypto.js';

/** A Map, so that no inherited property passes for a hash. */
const HMAC_HASHES: ReadonlyMap<HmacHash, CHash> = /* @__PURE__ */ new Map<HmacHash, CHash>([
  ['SHA-224', sha224],
  ['SHA-256', sha256],
  ['SHA-384', sha384],
  ['SHA-512', sha512],
]);

const ECDSA_CURVES: ReadonlyMap<EcCurve, ECDSA> = /* @__PURE__ */ new Map<EcCurve, ECDSA>([
  ['P-256', p256],
  ['P-384', p384],
  ['P-521', p521],
  ['secp256k1', secp256k1],
]);

const DIGESTS: ReadonlyMap<DigestHash, CHash> = /* @__PURE__ */ new Map<DigestHash, CHash>([
  ['SHA-256', sha256],
  ['SHA-384', sha384],
  ['SHA-512', sha512],
]);

/** Raw ECDSA: the caller hashes; any S (low-S is not required); `r ‖ s`, converted to DER by der.ts. */
const ECDSA_OPTIONS = { prehash: false, lowS: false, format: 'compact' } as const;
/** RFC 8032 / FIPS 186-5 verification (canonical encodings), as OpenSSL and WebCrypto do, not ZIP-215. */
const ED25519_VERIFY_OPTIONS = { zip215: false } as const;
/** Pure Ed25519, and Ed25519ph: SHA-512 of the message inside, empty context (RFC 8032 §5.1). */
const EDDSA = { Ed25519: ed25519, Ed25519ph: ed25519ph } as const;

/** The value ECDSA signs: `digest` as given, or `hash(message)`. Inputs were checked by checkSignatureCall. */
function ecdsaDigest(hash: DigestHash, input: SignatureInput): Uint8Array {
  return 'digest' in input ? input.digest : DIGESTS.get(hash)!(input.message);
}

/** `getRandomValues` fills at most 65536 bytes per call (WebCrypto spec). */
const MAX_RANDOM_CHUNK = 65536;

function checkGcmParameters(key: Uint8Array, nonce: Uint8Array): void {
  // noble's gcm also accepts AES-128/192 keys and other nonce sizes; this provider promises AES-256.
  if (key.length !== 32) throw new RangeError(`AES-256-GCM key must be 32 bytes, got ${key.length}`);
  if (nonce.length !== 12) throw new RangeError(`AES-256-GCM nonce must be 12 bytes, got ${nonce.length}`);
}

class NobleProvider implements CryptoProvider {
  readonly name = 'noble';
  /** RSA runs on the platform's WebCrypto (noble has no RSA), which always hashes the message itself. */
  readonly capabilities: ReadonlySet<Capability> = new Set(ALL_CAPABILITIES.filter((c) => c !== 'rsa-pkcs1-digest' && c !== 'rsa-pss-digest'));

  randomBytes(length: number): Uint8Array {
    if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`cannot draw ${length} random bytes`);
    const out = new Uint8Array(length);
    for (let offset = 0; offset < length; offset += MAX_RANDOM_CHUNK) {
      globalThis.crypto.getRandomValues(out.subarray(offset, offset + MAX_RANDOM_CHUNK));
    }
    return out;
  }

  async aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, output?: Uint8Array): Promise<Uint8Array> {
    checkGcmParameters(key, nonce);
    checkSealOutput(output, plaintext.length);
    const sealed = gcm(key, nonce, aad).encrypt(plaintext);
    if (!output) return sealed;
    output.set(sealed);
    return output;
  }

  async aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    checkGcmParameters(key, nonce);
    try {
      return gcm(key, nonce, aad).decrypt(sealed);
    } catch {
      throw new AuthenticationError();
    }
  }

  async hmac(hash: HmacHash, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
    const fn = HMAC_HASHES.get(hash);
    if (fn === undefined) throw unsupportedHmacHash(this.name, hash);
    return hmac(fn, key, data);
  }

  async hkdfSha256Expand(prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
    if (!Number.isInteger(length) || length < 1 || length > 255 * 32) throw new RangeError(`HKDF-Expand length must be 1..8160, got ${length}`);
    if (prk.length < 32) throw new RangeError(`HKDF-Expand PRK must be at least 32 bytes, got ${prk.length}`);
    return expand(sha256, prk, info, length);
  }

  async sha256(data: Uint8Array): Promise<Uint8Array> {
    return sha256(data);
  }

  async generateSigningKeyPair(curve: SigningCurve): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> {
    checkSigningCurve(this, curve);
    // Ed25519ph runs on Ed25519 keys: the same pair serves either scheme.
    if (curve === 'Ed25519' || curve === 'Ed25519ph') {
      const seed = ed25519.utils.randomSecretKey();
      const pair = { privateKey: encodeEd25519Pkcs8(seed), publicKey: encodeEd25519Spki(ed25519.getPublicKey(seed)) };
      seed.fill(0);
      return pair;
    }
    const ecdsa = ECDSA_CURVES.get(curve)!;
    const d = ecdsa.utils.randomSecretKey();
    const point = ecdsa.getPublicKey(d, false);
    const pair = { privateKey: encodeEcPkcs8(curve, d, point), publicKey: encodeEcSpki(curve, point) };
    d.fill(0);
    return pair;
  }

  async sign(curve: SigningCurve, hash: DigestHash, privateKeyPkcs8: Uint8Array, input: SignatureInput): Promise<Uint8Array> {
    checkSignatureCall(this, curve, hash, input);
    if (curve === 'Ed25519' || curve === 'Ed25519ph') {
      const seed = decodeEd25519Pkcs8(privateKeyPkcs8);
      try {
        return EDDSA[curve].sign((input as { message: Uint8Array }).message, seed);
      } finally {
        seed.fill(0);
      }
    }
    const d = decodeEcPkcs8(curve, privateKeyPkcs8);
    try {
      return encodeEcdsaSignature(curve, ECDSA_CURVES.get(curve)!.sign(ecdsaDigest(hash, input), d, ECDSA_OPTIONS));
    } finally {
      d.fill(0);
    }
  }

  async verify(curve: SigningCurve, hash: DigestHash, publicKeySpki: Uint8Array, input: SignatureInput, signature: Uint8Array): Promise<boolean> {
    checkSignatureCall(this, curve, hash, input);
    if (curve === 'Ed25519' || curve === 'Ed25519ph') {
      const publicKey = decodeEd25519Spki(publicKeySpki);
      if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
      try {
        return EDDSA[curve].verify(signature, (input as { message: Uint8Array }).message, publicKey, ED25519_VERIFY_OPTIONS);
      } catch {
        return false; // a public key that is not a curve point verifies nothing, as in OpenSSL and WebCrypto
      }
    }
    const ecdsa = ECDSA_CURVES.get(curve)!;
    const point = decodeEcSpki(curve, publicKeySpki);
    try {
      ecdsa.Point.fromBytes(point).assertValidity();
    } catch {
      throw new RangeError(`${curve} SubjectPublicKeyInfo holds a point that is not on the curve`);
    }
    let raw: Uint8Array;
    try {
      raw = decodeEcdsaSignature(curve, signature);
    } catch {
      return false;
    }
    return ecdsa.verify(raw, ecdsaDigest(hash, input), point, ECDSA_OPTIONS);
  }
  // --- ECDH ---------------------------------------------------------------------------------------

  async ecdh(curve: EcdhCurve, privateKeyPkcs8: Uint8Array, peerPublicKeySpki: Uint8Array): Promise<Uint8Array> {
    checkEcdhCurve(this, curve);
    const point = decodeEcPeerSpki(curve, peerPublicKeySpki);
    const d = decodeEcPkcs8(curve, privateKeyPkcs8);
    let shared: Uint8Array;
    try {
      // d is a valid scalar (decodeEcPkcs8 checked it), so only the peer's point can be refused here.
      shared = ECDSA_CURVES.get(curve)!.getSharedSecret(d, point, true);
    } catch {
      throw new RangeError(`${curve} peer SubjectPublicKeyInfo holds a point that is not on the curve`);
    } finally {
      d.fill(0);
    }
    // The compressed encoding of d·Q is its parity byte and then x, the shared secret.
    const x = shared.slice(1);
    shared.fill(0);
    return x;
  }

  // --- RSA ----------------------------------------------------------------------------------------

  // Resolved per call: a runtime without WebCrypto (an insecure browser context) still gets every
  // other primitive, and RSA fails closed with UnsupportedCapabilityError('rsa').
  readonly #rsa = new WebCryptoRsa(this, () => (globalThis as { crypto?: Crypto }).crypto?.subtle);

  generateRsaKeyPair(bits: RsaModulusBits): Promise<KeyPairDer> {
    return this.#rsa.generateKeyPair(bits);
  }

  rsaSign(padding: RsaSignaturePadding, hash: DigestHash, privateKeyPkcs8: Uint8Array, input: SignatureInput): Promise<Uint8Array> {
    return this.#rsa.sign(padding, hash, privateKeyPkcs8, input);
  }

  rsaVerify(padding: RsaSignaturePadding, hash: DigestHash, publicKeySpki: Uint8Array, input: SignatureInput, signature: Uint8Array): Promise<boolean> {
    return this.#rsa.verify(padding, hash, publicKeySpki, input, signature);
  }

  rsaOaepEncrypt(hash: OaepHash, publicKeySpki: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    return this.#rsa.oaepEncrypt(hash, publicKeySpki, plaintext);
  }

  rsaOaepDecrypt(hash: OaepHash, privateKeyPkcs8: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
    return this.#rsa.oaepDecrypt(hash, privateKeyPkcs8, ciphertext);
  }

  // --- ML-DSA -------------------------------------------------------------------------------------

  async generateMlDsaKeyPair(level: MlDsaLevel): Promise<KeyPairDer> {
    checkMlDsaLevel(this, level);
    return generateMlDsaKeyPair(level);
  }

  async mlDsaSign(level: MlDsaLevel, privateKeyPkcs8: Uint8Array, input: MlDsaInput): Promise<Uint8Array> {
    checkMlDsaLevel(this, level);
    return mlDsaSign(level, privateKeyPkcs8, input);
  }

  async mlDsaVerify(level: MlDsaLevel, publicKeySpki: Uint8Array, input: MlDsaInput, signature: Uint8Array): Promise<boolean> {
    checkMlDsaLevel(this, level);
    return mlDsaVerify(level, publicKeySpki, input, signature);
  }
}

/** Creates the pure-JS noble provider (the default provider of `Kms`). */
export function nobleProvider(): CryptoProvider {
  return new NobleProvider();
}
