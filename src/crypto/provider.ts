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
  | 'ecdsa-digest'
  | 'ed25519'
  | 'ed25519ph'
  | 'ecdh-p256'
  | 'ecdh-p384'
  | 'ecdh-p521'
  | 'rsa'
  | 'rsa-pkcs1-digest'
  | 'rsa-pss-digest'
  | 'ml-dsa-44'
  | 'ml-dsa-65'
  | 'ml-dsa-87';

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
  'ecdsa-digest',
  'ed25519',
  'ed25519ph',
  'ecdh-p256',
  'ecdh-p384',
  'ecdh-p521',
  'rsa',
  'rsa-pkcs1-digest',
  'rsa-pss-digest',
  'ml-dsa-44',
  'ml-dsa-65',
  'ml-dsa-87',
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

/**
 * What {@link CryptoProvider.sign} and {@link CryptoProvider.verify} work on: ECDSA on four curves,
 * pure Ed25519, and Ed25519ph (RFC 8032 HashEdDSA with SHA-512, on the same keys as Ed25519).
 */
export type SigningCurve = 'P-256' | 'P-384' | 'P-521' | 'secp256k1' | 'Ed25519' | 'Ed25519ph';

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
  Ed25519ph: 'ed25519ph',
});

/** The curves {@link CryptoProvider.ecdh} works on. */
export type EcdhCurve = 'P-256' | 'P-384' | 'P-521';

/** The capability a provider declares for ECDH on each curve. */
export const ECDH_CAPABILITY: Readonly<Record<EcdhCurve, Capability>> = Object.freeze({
  'P-256': 'ecdh-p256',
  'P-384': 'ecdh-p384',
  'P-521': 'ecdh-p521',
});

/** RSA modulus sizes, in bits. */
export type RsaModulusBits = 2048 | 3072 | 4096;

/** RSA signature schemes (RFC 8017): RSASSA-PSS (MGF1 with the same hash, salt as long as the hash) and RSASSA-PKCS1-v1_5. */
export type RsaSignaturePadding = 'PSS' | 'PKCS1-v1_5';

/** The hashes RSAES-OAEP runs on (for both the label hash and MGF1; the label is empty). */
export type OaepHash = 'SHA-1' | 'SHA-256';

/** The ML-DSA parameter sets of FIPS 204. */
export type MlDsaLevel = 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87';

/** The capability a provider declares for each ML-DSA parameter set. */
export const ML_DSA_CAPABILITY: Readonly<Record<MlDsaLevel, Capability>> = Object.freeze({
  'ML-DSA-44': 'ml-dsa-44',
  'ML-DSA-65': 'ml-dsa-65',
  'ML-DSA-87': 'ml-dsa-87',
});

/** What ML-DSA signs: the message (FIPS 204 ML-DSA.Sign, empty context), or a 64-byte external μ (FIPS 204 §6.2). */
export type MlDsaInput = { readonly message: Uint8Array } | { readonly mu: Uint8Array };

/** A private key as PKCS#8 DER and its public key as SubjectPublicKeyInfo DER. */
export interface KeyPairDer {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

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
   * `hash`, and which needs `ecdsa-digest`); the result is a DER ECDSA-Sig-Value (X9.62), high or low
   * S. For Ed25519: pure EdDSA
   * (RFC 8032) over `message`, 64 bytes; `hash` must be `'SHA-512'` and `{ digest }` is refused.
   * Ed25519ph is RFC 8032 Ed25519ph (empty context) over `message` with an Ed25519 key, likewise.
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

  /**
   * ECDH (SP 800-56A, cofactor 1): the x-coordinate of `d · Q`, as long as the curve's field
   * (32, 48 or 66 bytes), with no KDF. `privateKeyPkcs8` is an EC key as {@link generateSigningKeyPair}
   * makes; `peerPublicKeySpki` an SPKI on the same curve (uncompressed or compressed point).
   * Rejects with `RangeError` for a malformed or wrong-curve key or a point not on the curve, and with
   * {@link UnsupportedCapabilityError} when the provider lacks `ECDH_CAPABILITY[curve]`.
   */
  ecdh(curve: EcdhCurve, privateKeyPkcs8: Uint8Array, peerPublicKeySpki: Uint8Array): Promise<Uint8Array>;

  /**
   * A new RSA key pair with public exponent 65537: PKCS#8 (RFC 8017 RSAPrivateKey inside, rsaEncryption
   * AlgorithmIdentifier with NULL parameters) and SPKI. Slow (up to seconds for 4096 bits), so it must
   * never block the event loop. Needs `rsa`.
   */
  generateRsaKeyPair(bits: RsaModulusBits): Promise<KeyPairDer>;

  /**
   * RSASSA-PSS or RSASSA-PKCS1-v1_5 over `hash(message)` or a given `digest` (exactly the hash's
   * length). Needs `rsa`; a `{ digest }` also needs `rsa-pss-digest` or `rsa-pkcs1-digest`
   * (WebCrypto always hashes itself), else {@link UnsupportedCapabilityError}.
   * Rejects with `RangeError` for a malformed key, an unknown padding or hash, or a wrong digest length.
   */
  rsaSign(padding: RsaSignaturePadding, hash: DigestHash, privateKeyPkcs8: Uint8Array, input: SignatureInput): Promise<Uint8Array>;

  /** Whether `signature` is valid; a wrong or malformed signature resolves to `false`. Rejects as {@link rsaSign} does otherwise. */
  rsaVerify(padding: RsaSignaturePadding, hash: DigestHash, publicKeySpki: Uint8Array, input: SignatureInput, signature: Uint8Array): Promise<boolean>;

  /**
   * RSAES-OAEP with `hash` for the label hash and MGF1, empty label. Rejects with `RangeError` for
   * a malformed key or a plaintext longer than the key allows (k − 2·hLen − 2 bytes). Needs `rsa`.
   */
  rsaOaepEncrypt(hash: OaepHash, publicKeySpki: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array>;

  /** Opens {@link rsaOaepEncrypt}'s output. Any decryption failure rejects with {@link AuthenticationError}, with no detail. */
  rsaOaepDecrypt(hash: OaepHash, privateKeyPkcs8: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array>;

  /**
   * A new ML-DSA key pair (FIPS 204): PKCS#8 holding the 32-byte seed only (the `seed [0]` choice of
   * the IETF ML-DSA key format), and SPKI with the raw public key. Needs `ML_DSA_CAPABILITY[level]`.
   */
  generateMlDsaKeyPair(level: MlDsaLevel): Promise<KeyPairDer>;

  /**
   * ML-DSA.Sign (hedged, empty context) over `{ message }`, or the signing core over an external
   * `{ mu }` of exactly 64 bytes. Rejects with `RangeError` for a malformed or wrong-level key or a μ
   * of the wrong length.
   */
  mlDsaSign(level: MlDsaLevel, privateKeyPkcs8: Uint8Array, input: MlDsaInput): Promise<Uint8Array>;

  /** Whether `signature` is valid for `input`; a wrong or malformed signature resolves to `false`. */
  mlDsaVerify(level: MlDsaLevel, publicKeySpki: Uint8Array, input: MlDsaInput, signature: Uint8Array): Promise<boolean>;
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
 * Returns the capability of an ECDH `curve`.
 * @throws {RangeError} for a curve that is not an {@link EcdhCurve}
 * @throws {@link UnsupportedCapabilityError} when `provider` does not declare the curve's capability
 */
export function checkEcdhCurve(provider: CryptoProvider, curve: EcdhCurve): Capability {
  if (typeof curve !== 'string' || !Object.hasOwn(ECDH_CAPABILITY, curve)) throw new RangeError(`unknown ECDH curve ${describe(curve)}`);
  const capability = ECDH_CAPABILITY[curve];
  if (!provider.capabilities.has(capability)) throw new UnsupportedCapabilityError(provider.name, capability);
  return capability;
}

/**
 * Returns the capability of an ML-DSA `level`.
 * @throws {RangeError} for a level that is not an {@link MlDsaLevel}
 * @throws {@link UnsupportedCapabilityError} when `provider` does not declare the level's capability
 */
export function checkMlDsaLevel(provider: CryptoProvider, level: MlDsaLevel): Capability {
  if (typeof level !== 'string' || !Object.hasOwn(ML_DSA_CAPABILITY, level)) throw new RangeError(`unknown ML-DSA parameter set ${describe(level)}`);
  const capability = ML_DSA_CAPABILITY[level];
  if (!provider.capabilities.has(capability)) throw new UnsupportedCapabilityError(provider.name, capability);
  return capability;
}

/**
 * The bytes of `input`, which must be exactly one of `{ message }` and `{ [other] }`, and whether
 * it is the latter. `what` names the input in errors.
 * @throws {RangeError} for anything else, or bytes that are not a Uint8Array
 */
export function readMessageOr(input: unknown, other: 'digest' | 'mu', what: string): { readonly bytes: Uint8Array; readonly isOther: boolean } {
  const hasMessage = typeof input === 'object' && input !== null && 'message' in input;
  const hasOther = typeof input === 'object' && input !== null && other in input;
  if (hasMessage === hasOther) throw new RangeError(`${what} input must be exactly one of { message } or { ${other} }`);
  const bytes = (input as Record<string, unknown>)[hasMessage ? 'message' : other];
  if (!(bytes instanceof Uint8Array)) throw new RangeError(`${what} input must be a Uint8Array`);
  return { bytes, isOther: hasOther };
}

/**
 * Checks the curve, hash and input of a `sign` or `verify` call and returns the curve's capability.
 * @throws {RangeError} for an unknown curve or hash, a digest of the wrong length, or Ed25519 with a
 * hash other than SHA-512 or with `{ digest }` input
 * @throws {@link UnsupportedCapabilityError} when `provider` does not declare the curve's capability,
 * or `ecdsa-digest` for `{ digest }` input
 */
export function checkSignatureCall(provider: CryptoProvider, curve: SigningCurve, hash: DigestHash, input: SignatureInput): Capability {
  const capability = checkSigningCurve(provider, curve);
  if (typeof hash !== 'string' || !Object.hasOwn(DIGEST_LENGTH, hash)) throw new RangeError(`unknown signature hash ${describe(hash)}`);
  const { bytes, isOther: hasDigest } = readMessageOr(input, 'digest', 'signature');
  if (curve === 'Ed25519' || curve === 'Ed25519ph') {
    if (hash !== 'SHA-512') throw new RangeError(`${curve} signs with SHA-512 only, not ${hash}`);
    // Ed25519ph hashes the message itself; a caller holding only a digest has nothing it can sign.
    if (hasDigest) throw new RangeError(`${curve} signs and verifies a message, not a digest`);
  } else if (hasDigest) {
    if (bytes.length !== DIGEST_LENGTH[hash]) throw new RangeError(`a ${hash} digest must be ${DIGEST_LENGTH[hash]} bytes, got ${bytes.length}`);
    if (!provider.capabilities.has('ecdsa-digest')) throw new UnsupportedCapabilityError(provider.name, 'ecdsa-digest');
  }
  return capability;
}

/** The capability a prehashed `{ digest }` needs besides `rsa`, per RSA signature padding. */
export const RSA_DIGEST_CAPABILITY: Readonly<Record<RsaSignaturePadding, Capability>> = Object.freeze({
  PSS: 'rsa-pss-digest',
  'PKCS1-v1_5': 'rsa-pkcs1-digest',
});

/** Output length in bytes of each {@link OaepHash}. */
export const OAEP_HASH_LENGTH: Readonly<Record<OaepHash, number>> = Object.freeze({ 'SHA-1': 20, 'SHA-256': 32 });

const RSA_MODULUS_BITS: ReadonlySet<unknown> = new Set<RsaModulusBits>([2048, 3072, 4096]);

/**
 * Checks a `generateRsaKeyPair` call.
 * @throws {RangeError} for a size other than 2048, 3072 or 4096 bits
 * @throws {@link UnsupportedCapabilityError} when `provider` does not declare `rsa`
 */
export function checkRsaModulusBits(provider: CryptoProvider, bits: RsaModulusBits): void {
  if (!RSA_MODULUS_BITS.has(bits)) throw new RangeError(`RSA modulus must be 2048, 3072 or 4096 bits, got ${describe(bits)}`);
  requireCapabilities(provider, ['rsa']);
}

/**
 * Checks an `rsaSign` or `rsaVerify` call (all but the signature, which only ever makes `rsaVerify` false).
 * @throws {RangeError} for an unknown padding or hash, a key that is not one DER SEQUENCE, input that
 * is not exactly one of `{ message }` or `{ digest }`, or a digest of the wrong length
 * @throws {@link UnsupportedCapabilityError} when `provider` lacks `rsa`, or `RSA_DIGEST_CAPABILITY[padding]` for a digest
 */
export function checkRsaSignatureCall(provider: CryptoProvider, padding: RsaSignaturePadding, hash: DigestHash, keyDer: Uint8Array, input: SignatureInput): void {
  if (typeof padding !== 'string' || !Object.hasOwn(RSA_DIGEST_CAPABILITY, padding)) throw new RangeError(`unknown RSA signature padding ${describe(padding)}`);
  if (typeof hash !== 'string' || !Object.hasOwn(DIGEST_LENGTH, hash)) throw new RangeError(`unknown signature hash ${describe(hash)}`);
  requireCapabilities(provider, ['rsa']);
  checkRsaKeyDer(keyDer);
  const { bytes, isOther: hasDigest } = readMessageOr(input, 'digest', 'signature');
  if (!hasDigest) return;
  if (bytes.length !== DIGEST_LENGTH[hash]) throw new RangeError(`a ${hash} digest must be ${DIGEST_LENGTH[hash]} bytes, got ${bytes.length}`);
  requireCapabilities(provider, [RSA_DIGEST_CAPABILITY[padding]]);
}

/**
 * Checks an `rsaOaepEncrypt` or `rsaOaepDecrypt` call and returns the hash's output length.
 * @throws {RangeError} for an unknown hash, a key that is not one DER SEQUENCE, or `data` that is not a Uint8Array
 * @throws {@link UnsupportedCapabilityError} when `provider` does not declare `rsa`
 */
export function checkOaepCall(provider: CryptoProvider, hash: OaepHash, keyDer: Uint8Array, data: Uint8Array): number {
  if (typeof hash !== 'string' || !Object.hasOwn(OAEP_HASH_LENGTH, hash)) throw new RangeError(`unknown OAEP hash ${describe(hash)}`);
  requireCapabilities(provider, ['rsa']);
  checkRsaKeyDer(keyDer);
  if (!(data instanceof Uint8Array)) throw new RangeError('OAEP input must be a Uint8Array');
  return OAEP_HASH_LENGTH[hash];
}

/**
 * RFC 8017 §7.1.1 step 1b: at most k − 2·hLen − 2 bytes under a modulus of `modulusBits`.
 * @throws {RangeError} for a longer plaintext
 */
export function checkOaepPlaintext(modulusBits: number, hash: OaepHash, plaintext: Uint8Array): void {
  const max = Math.ceil(modulusBits / 8) - 2 * OAEP_HASH_LENGTH[hash] - 2;
  if (plaintext.length > max) throw new RangeError(`RSAES-OAEP with ${hash} on a ${modulusBits}-bit key takes at most ${max} bytes, got ${plaintext.length}`);
}

/**
 * OpenSSL (node:crypto, and WebCrypto in Node) ignores bytes after the key's outer SEQUENCE where
 * BoringSSL refuses them; checking the framing here makes every provider refuse the same keys.
 * Whether the SEQUENCE holds an RSA key is left to the platform's parser.
 */
function checkRsaKeyDer(der: Uint8Array): void {
  if (!(der instanceof Uint8Array)) throw new RangeError('an RSA key must be DER in a Uint8Array');
  const [tag, first = 0, second = 0, third = 0] = der;
  const framed = first < 0x80 ? 2 + first : first === 0x81 && second >= 0x80 ? 3 + second : first === 0x82 && second !== 0 ? 4 + ((second << 8) | third) : Number.NaN;
  if (tag !== 0x30 || framed !== der.length) throw new RangeError('an RSA key must be exactly one minimal DER SEQUENCE');
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
