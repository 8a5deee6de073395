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
  | 'sha256'
  | 'ecdsa-p256'
  | 'ecdsa-p384'
  | 'ecdsa-p521'
  | 'ecdsa-secp256k1'
  | 'ed25519';

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
  'ecdsa-p256',
  'ecdsa-p384',
  'ecdsa-p521',
  'ecdsa-secp256k1',
  'ed25519',
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

/** The curves {@link CryptoProvider.sign} and {@link CryptoProvider.verify} work on. */
export type SigningCurve = 'P-256' | 'P-384' | 'P-521' | 'secp256k1' | 'Ed25519';

/** The hash functions a signature can be made over, by their WebCrypto names. */
export type DigestHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** What is signed: the message itself, or (ECDSA only) its digest under the signature's hash. */
export type SignatureInput = { readonly message: Uint8Array } | { readonly digest: Uint8Array };

/** The capability a provider declares for each signing curve. */
export const SIGNING_CAPABILITY: Readonly<Record<SigningCurve, Capability>> = Object.freeze({
  'P-256': 'ecdsa-p256',
  'P-384': 'ecdsa-p384',
  'P-521': 'ecdsa-p521',
  secp256k1: 'ecdsa-secp256k1',
  Ed25519: 'ed25519',
});

/** Output length in bytes of each {@link DigestHash}. */
export const DIGEST_LENGTH: Readonly<Record<DigestHash, number>> = Object.freeze({ 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 });

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

  /**
   * A new key pair on `curve`: the private key as unencrypted PKCS#8 DER (RFC 5208; the EC key inside
   * per RFC 5915, with the curve in the AlgorithmIdentifier only; Ed25519 per RFC 8410, version 0,
   * the 32-byte seed only), the public key as SubjectPublicKeyInfo DER (RFC 5480 / RFC 8410), EC points
   * uncompressed. Every provider produces and accepts the same encodings (see `der.ts`).
   */
  generateSigningKeyPair(curve: SigningCurve): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }>;

  /**
   * ECDSA over `hash(message)`, or over `digest` as given (which must be exactly the output length of
   * `hash`); the result is a DER ECDSA-Sig-Value (X9.62), high or low S. For Ed25519: pure EdDSA
   * (RFC 8032) over `message`, 64 bytes; `hash` must be `'SHA-512'` and `{ digest }` is refused.
   *
   * Rejects with `RangeError` for a malformed or wrong-curve `privateKeyPkcs8`, a digest of the wrong
   * length, an Ed25519 `hash` other than SHA-512 or `{ digest }` input, and an unknown curve or hash;
   * with {@link UnsupportedCapabilityError} when the provider lacks `SIGNING_CAPABILITY[curve]`, or
   * cannot sign a prehashed `{ digest }` (the WebCrypto provider: WebCrypto always hashes itself).
   */
  sign(curve: SigningCurve, hash: DigestHash, privateKeyPkcs8: Uint8Array, input: SignatureInput): Promise<Uint8Array>;

  /**
   * Whether `signature` (as {@link sign} produces it) is valid for `input` under `publicKeySpki`.
   * A wrong or malformed signature of any length or form resolves to `false`, never rejects.
   * Rejects as {@link sign} does for everything else, including a malformed or wrong-curve SPKI.
   */
  verify(curve: SigningCurve, hash: DigestHash, publicKeySpki: Uint8Array, input: SignatureInput, signature: Uint8Array): Promise<boolean>;
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
 * Returns the capability of `curve`.
 * @throws {RangeError} for an unknown curve
 * @throws {@link UnsupportedCapabilityError} when `provider` does not declare the curve's capability
 */
export function checkSigningCurve(provider: CryptoProvider, curve: SigningCurve): Capability {
  if (typeof curve !== 'string' || !Object.hasOwn(SIGNING_CAPABILITY, curve)) throw new RangeError(`unknown signing curve ${describe(curve)}`);
  const capability = SIGNING_CAPABILITY[curve];
  if (!provider.capabilities.has(capability)) throw new UnsupportedCapabilityError(provider.name, capability);
  return capability;
}

/**
 * Checks the curve, hash and input of a `sign` or `verify` call and returns the curve's capability.
 * @throws {RangeError} for an unknown curve or hash, a digest of the wrong length, or Ed25519 with a
 * hash other than SHA-512 or with `{ digest }` input
 * @throws {@link UnsupportedCapabilityError} when `provider` does not declare the curve's capability
 */
export function checkSignatureCall(provider: CryptoProvider, curve: SigningCurve, hash: DigestHash, input: SignatureInput): Capability {
  const capability = checkSigningCurve(provider, curve);
  if (typeof hash !== 'string' || !Object.hasOwn(DIGEST_LENGTH, hash)) throw new RangeError(`unknown signature hash ${describe(hash)}`);
  const hasMessage = typeof input === 'object' && input !== null && 'message' in input;
  const hasDigest = typeof input === 'object' && input !== null && 'digest' in input;
  if (hasMessage === hasDigest) throw new RangeError('signature input must be exactly one of { message } or { digest }');
  const bytes = hasMessage ? (input as { message: unknown }).message : (input as { digest: unknown }).digest;
  if (!(bytes instanceof Uint8Array)) throw new RangeError('signature input must be a Uint8Array');
  if (curve === 'Ed25519') {
    if (hash !== 'SHA-512') throw new RangeError(`Ed25519 signs with SHA-512 only, not ${hash}`);
    if (hasDigest) throw new RangeError('Ed25519 (pure EdDSA) cannot sign or verify a digest');
  } else if (hasDigest && bytes.length !== DIGEST_LENGTH[hash]) {
    throw new RangeError(`a ${hash} digest must be ${DIGEST_LENGTH[hash]} bytes, got ${bytes.length}`);
  }
  return capability;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
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
