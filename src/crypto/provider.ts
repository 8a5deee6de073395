/**
 * The single crypto seam of pocket-kms.
 *
 * A provider works on `Uint8Array`s only: no `CryptoKey` or `KeyObject` crosses this boundary, so
 * providers are interchangeable and the domain never learns which one it runs on. Every provider
 * declares what it can do; asking for anything else fails closed with
 * {@link UnsupportedCapabilityError}, which names the provider and the capability.
 *
 * Providers may cache per-key state (an imported `CryptoKey`, an HMAC key schedule) keyed by the
 * identity of the key `Uint8Array`. Callers therefore never mutate a key array once it has been
 * handed to a provider; pocket-kms keeps key material in private fields and never does.
 *
 * @module
 */

/** Names of the primitives a provider can offer. */
export type Capability =
  | 'random'
  | 'aes-256-gcm'
  | 'hmac-sha224'
  | 'hmac-sha256'
  | 'hmac-sha384'
  | 'hmac-sha512'
  | 'hkdf-sha256'
  | 'sha256';

/** Every capability this version of pocket-kms knows about, in a stable order. */
export const ALL_CAPABILITIES: readonly Capability[] = Object.freeze([
  'random',
  'aes-256-gcm',
  'hmac-sha224',
  'hmac-sha256',
  'hmac-sha384',
  'hmac-sha512',
  'hkdf-sha256',
  'sha256',
]);

/** The hash functions {@link CryptoProvider.hmac} can run on, by their WebCrypto names. */
export type HmacHash = 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** The capability a provider declares for HMAC over each hash. */
export const HMAC_CAPABILITY: Readonly<Record<HmacHash, Capability>> = Object.freeze({
  'SHA-224': 'hmac-sha224',
  'SHA-256': 'hmac-sha256',
  'SHA-384': 'hmac-sha384',
  'SHA-512': 'hmac-sha512',
});

export interface CryptoProvider {
  /** Short, stable name used in errors and benchmark output, e.g. `noble`. */
  readonly name: string;
  /** What this provider can do. Methods for missing capabilities throw {@link UnsupportedCapabilityError}. */
  readonly capabilities: ReadonlySet<Capability>;

  /**
   * `length` bytes from the platform CSPRNG, for any non-negative `length` (providers split
   * requests larger than the platform allows in one call). Synchronous: every platform CSPRNG is.
   */
  randomBytes(length: number): Uint8Array;

  /**
   * AES-256-GCM with a 12-byte nonce and a 16-byte tag. Returns `ciphertext ‖ tag`.
   * Rejects with `RangeError` unless `key` is 32 bytes and `nonce` 12.
   *
   * When `output` is given (exactly `plaintext.length + 16` bytes, not overlapping the inputs),
   * the result is written there and `output` is returned, so that a caller can assemble a whole
   * message in one allocation.
   */
  aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, output?: Uint8Array): Promise<Uint8Array>;

  /**
   * Opens `ciphertext ‖ tag` produced by {@link aesGcmSeal}. Rejects with {@link AuthenticationError}
   * on any authentication failure, and never returns unauthenticated plaintext.
   */
  aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;

  /**
   * HMAC (RFC 2104) with `hash`; any key length (keys longer than the block are hashed first, per
   * RFC 2104). The result is the full hash output: 28, 32, 48 or 64 bytes.
   * Rejects with {@link UnsupportedCapabilityError} when the provider does not declare
   * `HMAC_CAPABILITY[hash]`, and with `RangeError` for a `hash` that is not an {@link HmacHash}.
   */
  hmac(hash: HmacHash, key: Uint8Array, data: Uint8Array): Promise<Uint8Array>;

  /**
   * HKDF-Expand with SHA-256 (RFC 5869 §2.3): `prk` must be a uniformly random key of at least
   * 32 bytes, `length` is 1..8160; anything else rejects with `RangeError`.
   */
  hkdfSha256Expand(prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array>;

  /** SHA-256 digest. */
  sha256(data: Uint8Array): Promise<Uint8Array>;
}

/** Thrown when a provider is asked for a primitive it did not declare. */
export class UnsupportedCapabilityError extends Error {
  override readonly name = 'UnsupportedCapabilityError';
  constructor(
    readonly provider: string,
    readonly capability: Capability,
  ) {
    super(`Crypto provider "${provider}" does not support the "${capability}" capability`);
  }
}

/** Thrown by `aesGcmOpen` when a tag does not verify. Carries no detail on purpose. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  constructor() {
    super('authentication failed');
  }
}

/** Checks the `output` argument of `aesGcmSeal`. @throws {RangeError} for a wrong length */
export function checkSealOutput(output: Uint8Array | undefined, plaintextLength: number): void {
  if (output !== undefined && output.length !== plaintextLength + 16) {
    throw new RangeError(`AES-GCM output must be ${plaintextLength + 16} bytes, got ${output.length}`);
  }
}

/**
 * The error for an `hmac` call whose `hash` a provider has no implementation of: an
 * {@link UnsupportedCapabilityError} for a known {@link HmacHash}, a `RangeError` for anything else
 * (only reachable from untyped callers).
 */
export function unsupportedHmacHash(provider: string, hash: unknown): Error {
  if (typeof hash === 'string' && Object.hasOwn(HMAC_CAPABILITY, hash)) {
    return new UnsupportedCapabilityError(provider, HMAC_CAPABILITY[hash as HmacHash]);
  }
  return new RangeError(`unknown HMAC hash ${typeof hash === 'string' ? JSON.stringify(hash) : String(hash)}`);
}

/**
 * Fails closed unless `provider` declares every capability in `needed`.
 * @throws {@link UnsupportedCapabilityError}
 */
export function requireCapabilities(provider: CryptoProvider, needed: readonly Capability[]): void {
  for (const capability of needed) {
    if (!provider.capabilities.has(capability)) throw new UnsupportedCapabilityError(provider.name, capability);
  }
}
