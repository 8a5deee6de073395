/**
 * What each key spec is: its usages, its algorithms, the length of its material and the provider
 * capabilities it needs. The only place that knows these facts; everything else reads an entry.
 * @module
 */
import { type Capability, DIGEST_LENGTH, type DigestHash, type HmacHash, type SigningCurve } from '../crypto/provider.js';
import type { EncryptionAlgorithmSpec, KeySpec, KeyUsageType, MacAlgorithmSpec, SigningAlgorithmSpec } from '../types.js';

/** One signing algorithm of a key spec: the hash it signs over, and its digest length. */
export interface SigningAlgorithmEntry {
  readonly algorithm: SigningAlgorithmSpec;
  readonly hash: DigestHash;
  readonly digestLength: number;
}

export interface KeySpecEntry {
  readonly spec: KeySpec;
  /** Usages CreateKey accepts; the first is the default when KeyUsage is omitted. */
  readonly keyUsages: readonly KeyUsageType[];
  readonly encryptionAlgorithms: readonly EncryptionAlgorithmSpec[];
  /** For signing keys: the curve, and the algorithms DescribeKey lists, in AWS's order. */
  readonly signing?: { readonly curve: SigningCurve; readonly algorithms: readonly SigningAlgorithmEntry[] };
  /** For HMAC keys: the one MAC algorithm and the hash it runs on. */
  readonly mac?: { readonly algorithm: MacAlgorithmSpec; readonly hash: HmacHash };
  readonly materialLength: number;
  readonly capabilities: readonly Capability[];
}

const SYMMETRIC_CAPABILITIES: readonly Capability[] = ['random', 'aes-256-gcm', 'hkdf-sha256', 'sha256'];

/** Key specs this version implements. The others are refused by CreateKey until they land. */
export const KEY_SPEC_REGISTRY: Readonly<Partial<Record<KeySpec, KeySpecEntry>>> = Object.freeze({
  SYMMETRIC_DEFAULT: Object.freeze<KeySpecEntry>({
    spec: 'SYMMETRIC_DEFAULT',
    keyUsages: ['ENCRYPT_DECRYPT'],
    encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    materialLength: 32,
    capabilities: SYMMETRIC_CAPABILITIES,
  }),
  ECC_NIST_P256: signingEntry('ECC_NIST_P256', 'P-256', 'ecdsa-p256', [['ECDSA_SHA_256', 'SHA-256']]),
  ECC_NIST_P384: signingEntry('ECC_NIST_P384', 'P-384', 'ecdsa-p384', [['ECDSA_SHA_384', 'SHA-384']]),
  ECC_NIST_P521: signingEntry('ECC_NIST_P521', 'P-521', 'ecdsa-p521', [['ECDSA_SHA_512', 'SHA-512']]),
  ECC_SECG_P256K1: signingEntry('ECC_SECG_P256K1', 'secp256k1', 'ecdsa-secp256k1', [['ECDSA_SHA_256', 'SHA-256']]),
  ECC_NIST_EDWARDS25519: signingEntry('ECC_NIST_EDWARDS25519', 'Ed25519', 'ed25519', [['ED25519_SHA_512', 'SHA-512']]),
  HMAC_224: hmacEntry('HMAC_224', 'HMAC_SHA_224', 'SHA-224', 28, 'hmac-sha224'),
  HMAC_256: hmacEntry('HMAC_256', 'HMAC_SHA_256', 'SHA-256', 32, 'hmac-sha256'),
  HMAC_384: hmacEntry('HMAC_384', 'HMAC_SHA_384', 'SHA-384', 48, 'hmac-sha384'),
  HMAC_512: hmacEntry('HMAC_512', 'HMAC_SHA_512', 'SHA-512', 64, 'hmac-sha512'),
});

/** A signing key's material is its PKCS#8 private key, made by the provider; its length varies. */
function signingEntry(
  spec: KeySpec,
  curve: SigningCurve,
  capability: Capability,
  algorithms: readonly (readonly [SigningAlgorithmSpec, DigestHash])[],
): KeySpecEntry {
  return Object.freeze<KeySpecEntry>({
    spec,
    keyUsages: ['SIGN_VERIFY'],
    encryptionAlgorithms: [],
    signing: Object.freeze({
      curve,
      algorithms: Object.freeze(algorithms.map(([algorithm, hash]) => Object.freeze({ algorithm, hash, digestLength: DIGEST_LENGTH[hash] }))),
    }),
    materialLength: 0,
    capabilities: ['random', capability],
  });
}

/** An HMAC key's material is as long as its hash's output, as AWS generates it. */
function hmacEntry(spec: KeySpec, algorithm: MacAlgorithmSpec, hash: HmacHash, materialLength: number, capability: Capability): KeySpecEntry {
  return Object.freeze<KeySpecEntry>({
    spec,
    keyUsages: ['GENERATE_VERIFY_MAC'],
    encryptionAlgorithms: [],
    mac: Object.freeze({ algorithm, hash }),
    materialLength,
    capabilities: ['random', capability],
  });
}
