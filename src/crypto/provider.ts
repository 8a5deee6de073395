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
  | 'hmac-sha256'
  | 'hkdf-sha256'
  | 'sha256';

/** Every capability this version of pocket-kms knows about, in a stable order. */
export const ALL_CAPABILITIES: readonly Capability[] = Object.freeze([
  'random',
  'aes-256-gcm',
  'hmac-sha256',
  'hkdf-sha256',
  'sha256',
]);

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

  /** HMAC-SHA-256 (RFC 2104). */
  hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array>;

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
 * Fails closed unless `provider` declares every capability in `needed`.
 * @throws {@link UnsupportedCapabilityError}
 */
export function requireCapabilities(provider: CryptoProvider, needed: readonly Capability[]): void {
  for (const capability of needed) {
    if (!provider.capabilities.has(capability)) throw new UnsupportedCapabilityError(provider.name, capability);
  }
}
