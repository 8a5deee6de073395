/**
 * The default provider: pure JavaScript on the audited noble libraries. Runs in every runtime.
 * Randomness comes from `crypto.getRandomValues`, the platform CSPRNG, through noble's helper.
 * @module
 */
import { gcm } from '@noble/ciphers/aes.js';
import { expand } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { ALL_CAPABILITIES, AuthenticationError, type Capability, type CryptoProvider } from './provider.js';

class NobleProvider implements CryptoProvider {
  readonly name = 'noble';
  readonly capabilities: ReadonlySet<Capability> = new Set(ALL_CAPABILITIES);

  randomBytes(length: number): Uint8Array {
    return randomBytes(length);
  }

  async aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    return gcm(key, nonce, aad).encrypt(plaintext);
  }

  async aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    try {
      return gcm(key, nonce, aad).decrypt(sealed);
    } catch {
      throw new AuthenticationError();
    }
  }

  async hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
    return hmac(sha256, key, data);
  }

  async hkdfSha256Expand(prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
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
