/**
 * The default provider: pure JavaScript on the audited noble libraries. Runs in every runtime.
 * Randomness comes from `crypto.getRandomValues`, the platform CSPRNG.
 * @module
 */
import { gcm } from '@noble/ciphers/aes.js';
import { expand } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import {
  ALL_CAPABILITIES,
  AuthenticationError,
  checkSealOutput,
  unsupportedHmacHash,
  type Capability,
  type CryptoProvider,
  type HmacHash,
} from './provider.js';

/** A Map, so that no inherited property passes for a hash. */
const HMAC_HASHES: ReadonlyMap<HmacHash, CHash> = /* @__PURE__ */ new Map<HmacHash, CHash>([
  ['SHA-224', sha224],
  ['SHA-256', sha256],
  ['SHA-384', sha384],
  ['SHA-512', sha512],
]);

/** `getRandomValues` fills at most 65536 bytes per call (WebCrypto spec). */
const MAX_RANDOM_CHUNK = 65536;

function checkGcmParameters(key: Uint8Array, nonce: Uint8Array): void {
  // noble's gcm also accepts AES-128/192 keys and other nonce sizes; this provider promises AES-256.
  if (key.length !== 32) throw new RangeError(`AES-256-GCM key must be 32 bytes, got ${key.length}`);
  if (nonce.length !== 12) throw new RangeError(`AES-256-GCM nonce must be 12 bytes, got ${nonce.length}`);
}

class NobleProvider implements CryptoProvider {
  readonly name = 'noble';
  readonly capabilities: ReadonlySet<Capability> = new Set(ALL_CAPABILITIES);

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
}

/** Creates the pure-JS noble provider (the default provider of `Kms`). */
export function nobleProvider(): CryptoProvider {
  return new NobleProvider();
}
