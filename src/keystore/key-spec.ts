/**
 * What each key spec is: its usages, its algorithms, how its material is made and the provider
 * capabilities each usage needs. The only place that knows these facts; everything else reads an entry.
 * @module
 */
import {
  type Capability,
  DIGEST_LENGTH,
  type DigestHash,
  ECDH_CAPABILITY,
  type EcdhCurve,
  type HmacHash,
  ML_DSA_CAPABILITY,
  type MlDsaLevel,
  OAEP_HASH_LENGTH,
  type OaepHash,
  type RsaModulusBits,
  type RsaSignaturePadding,
  SIGNING_CAPABILITY,
  type SigningCurve,
} from '../crypto/provider.js';
import type {
  EncryptionAlgorithmSpec,
  KeyAgreementAlgorithmSpec,
  KeySpec,
  KeyUsageType,
  MacAlgorithmSpec,
  MessageType,
  SigningAlgorithmSpec,
} from '../types.js';

/** Which provider primitive makes a signature. */
export type SigningScheme =
  | { readonly kind: 'curve'; readonly curve: SigningCurve; readonly hash: DigestHash }
  | { readonly kind: 'rsa'; readonly padding: RsaSignaturePadding; readonly hash: DigestHash }
  | { readonly kind: 'ml-dsa'; readonly level: MlDsaLevel };

/** One signing algorithm of a key spec. */
export interface SigningAlgorithmEntry {
  readonly algorithm: SigningAlgorithmSpec;
  readonly scheme: SigningScheme;
  /** The length a DIGEST (or EXTERNAL_MU) message must have. */
  readonly digestLength: number;
  /** The message types AWS accepts with this algorithm; the first is the default. */
  readonly messageTypes: readonly MessageType[];
  readonly capability: Capability;
}

/** One RSAES-OAEP algorithm: its hash, and so its plaintext limit of k − 2·hLen − 2 bytes. */
export interface OaepAlgorithmEntry {
  readonly algorithm: EncryptionAlgorithmSpec;
  readonly hash: OaepHash;
  readonly maxPlaintext: number;
}

/** How CreateKey (and GenerateDataKeyPair) make a key pair of this spec. */
export type KeyPairRecipe =
  | { readonly kind: 'curve'; readonly curve: SigningCurve }
  | { readonly kind: 'rsa'; readonly bits: RsaModulusBits }
  | { readonly kind: 'ml-dsa'; readonly level: MlDsaLevel };

export interface KeySpecEntry {
  readonly spec: KeySpec;
  /** Usages CreateKey accepts; the first is the default when KeyUsage is omitted (symmetric keys only). */
  readonly keyUsages: readonly KeyUsageType[];
  /** What the key's material is made of: absent for keys whose material is random bytes. */
  readonly keyPair?: KeyPairRecipe;
  /** Symmetric: SYMMETRIC_DEFAULT. RSA: the OAEP algorithms, in DescribeKey's order. */
  readonly encryptionAlgorithms: readonly EncryptionAlgorithmSpec[];
  readonly oaep?: readonly OaepAlgorithmEntry[];
  /** For signing keys: the algorithms DescribeKey lists, in AWS's order. */
  readonly signing?: { readonly algorithms: readonly SigningAlgorithmEntry[] };
  /** For HMAC keys: the one MAC algorithm and the hash it runs on. */
  readonly mac?: { readonly algorithm: MacAlgorithmSpec; readonly hash: HmacHash };
  /** For key agreement keys. */
  readonly keyAgreement?: { readonly algorithms: readonly KeyAgreementAlgorithmSpec[]; readonly curve: EcdhCurve };
  /** Random material length in bytes, for symmetric and HMAC keys (0 for key pairs). */
  readonly materialLength: number;
  /** What the provider must offer for a key of each usage. */
  readonly capabilities: Readonly<Partial<Record<KeyUsageType, readonly Capability[]>>>;
}

const SYMMETRIC_CAPABILITIES: readonly Capability[] = ['random', 'aes-256-gcm', 'hkdf-sha256', 'sha256'];

const RSA_SIGNING: readonly (readonly [SigningAlgorithmSpec, RsaSignaturePadding, DigestHash])[] = [
  ['RSASSA_PKCS1_V1_5_SHA_256', 'PKCS1-v1_5', 'SHA-256'],
  ['RSASSA_PKCS1_V1_5_SHA_384', 'PKCS1-v1_5', 'SHA-384'],
  ['RSASSA_PKCS1_V1_5_SHA_512', 'PKCS1-v1_5', 'SHA-512'],
  ['RSASSA_PSS_SHA_256', 'PSS', 'SHA-256'],
  ['RSASSA_PSS_SHA_384', 'PSS', 'SHA-384'],
  ['RSASSA_PSS_SHA_512', 'PSS', 'SHA-512'],
];

type EcSpec = 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521';

/** Key specs this version implements; SM2 is refused (see keys.ts). */
export const KEY_SPEC_REGISTRY: Readonly<Partial<Record<KeySpec, KeySpecEntry>>> = Object.freeze({
  SYMMETRIC_DEFAULT: Object.freeze<KeySpecEntry>({
    spec: 'SYMMETRIC_DEFAULT',
    keyUsages: ['ENCRYPT_DECRYPT'],
    encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    materialLength: 32,
    capabilities: { ENCRYPT_DECRYPT: SYMMETRIC_CAPABILITIES },
  }),
  RSA_2048: rsaEntry('RSA_2048', 2048),
  RSA_3072: rsaEntry('RSA_3072', 3072),
  RSA_4096: rsaEntry('RSA_4096', 4096),
  ECC_NIST_P256: nistEntry('ECC_NIST_P256', 'P-256', 'ECDSA_SHA_256', 'SHA-256'),
  ECC_NIST_P384: nistEntry('ECC_NIST_P384', 'P-384', 'ECDSA_SHA_384', 'SHA-384'),
  ECC_NIST_P521: nistEntry('ECC_NIST_P521', 'P-521', 'ECDSA_SHA_512', 'SHA-512'),
  ECC_SECG_P256K1: signingEntry('ECC_SECG_P256K1', { kind: 'curve', curve: 'secp256k1' }, [curveAlgorithm('ECDSA_SHA_256', 'secp256k1', 'SHA-256')]),
  ECC_NIST_EDWARDS25519: signingEntry('ECC_NIST_EDWARDS25519', { kind: 'curve', curve: 'Ed25519' }, [
    // Pure Ed25519 signs the message itself, so it takes RAW only.
    Object.freeze<SigningAlgorithmEntry>({
      algorithm: 'ED25519_SHA_512',
      scheme: Object.freeze({ kind: 'curve', curve: 'Ed25519', hash: 'SHA-512' }),
      digestLength: 64,
      messageTypes: ['RAW'],
      capability: SIGNING_CAPABILITY.Ed25519,
    }),
    // AWS takes a SHA-512 digest only, and Ed25519ph hashes it once more (kms-api.md §2.2).
    Object.freeze<SigningAlgorithmEntry>({
      algorithm: 'ED25519_PH_SHA_512',
      scheme: Object.freeze({ kind: 'curve', curve: 'Ed25519ph', hash: 'SHA-512' }),
      digestLength: 64,
      messageTypes: ['DIGEST'],
      capability: SIGNING_CAPABILITY.Ed25519ph,
    }),
  ]),
  ML_DSA_44: mlDsaEntry('ML_DSA_44', 'ML-DSA-44'),
  ML_DSA_65: mlDsaEntry('ML_DSA_65', 'ML-DSA-65'),
  ML_DSA_87: mlDsaEntry('ML_DSA_87', 'ML-DSA-87'),
  HMAC_224: hmacEntry('HMAC_224', 'HMAC_SHA_224', 'SHA-224', 28, 'hmac-sha224'),
  HMAC_256: hmacEntry('HMAC_256', 'HMAC_SHA_256', 'SHA-256', 32, 'hmac-sha256'),
  HMAC_384: hmacEntry('HMAC_384', 'HMAC_SHA_384', 'SHA-384', 48, 'hmac-sha384'),
  HMAC_512: hmacEntry('HMAC_512', 'HMAC_SHA_512', 'SHA-512', 64, 'hmac-sha512'),
});

/** The capabilities a key of `usage` needs, or undefined when the spec does not offer that usage. */
export function capabilitiesFor(entry: KeySpecEntry, usage: KeyUsageType): readonly Capability[] | undefined {
  return entry.keyUsages.includes(usage) ? entry.capabilities[usage] : undefined;
}

function curveAlgorithm(algorithm: SigningAlgorithmSpec, curve: SigningCurve, hash: DigestHash): SigningAlgorithmEntry {
  return Object.freeze<SigningAlgorithmEntry>({
    algorithm,
    scheme: Object.freeze({ kind: 'curve', curve, hash }),
    digestLength: DIGEST_LENGTH[hash],
    messageTypes: ['RAW', 'DIGEST'],
    capability: SIGNING_CAPABILITY[curve],
  });
}

/** A signing-only key spec (secp256k1, Ed25519, ML-DSA). */
function signingEntry(spec: KeySpec, keyPair: KeyPairRecipe, algorithms: readonly SigningAlgorithmEntry[]): KeySpecEntry {
  return Object.freeze<KeySpecEntry>({
    spec,
    keyUsages: ['SIGN_VERIFY'],
    keyPair: Object.freeze(keyPair),
    encryptionAlgorithms: [],
    signing: Object.freeze({ algorithms: Object.freeze(algorithms) }),
    materialLength: 0,
    // A key is usable when its first (or only) algorithm is; Sign and Verify check the one asked for.
    capabilities: { SIGN_VERIFY: ['random', algorithms[0]!.capability] },
  });
}

/** The NIST curves sign (ECDSA) or agree keys (ECDH). */
function nistEntry(spec: EcSpec, curve: EcdhCurve, algorithm: SigningAlgorithmSpec, hash: DigestHash): KeySpecEntry {
  return Object.freeze<KeySpecEntry>({
    spec,
    keyUsages: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
    keyPair: Object.freeze({ kind: 'curve', curve }),
    encryptionAlgorithms: [],
    signing: Object.freeze({ algorithms: Object.freeze([curveAlgorithm(algorithm, curve, hash)]) }),
    keyAgreement: Object.freeze({ algorithms: Object.freeze(['ECDH'] as const), curve }),
    materialLength: 0,
    capabilities: { SIGN_VERIFY: ['random', SIGNING_CAPABILITY[curve]], KEY_AGREEMENT: ['random', SIGNING_CAPABILITY[curve], ECDH_CAPABILITY[curve]] },
  });
}

/** RSA keys encrypt (OAEP) or sign (PSS, PKCS#1 v1.5). */
function rsaEntry(spec: KeySpec, bits: RsaModulusBits): KeySpecEntry {
  const oaep = ([['RSAES_OAEP_SHA_1', 'SHA-1'], ['RSAES_OAEP_SHA_256', 'SHA-256']] as const).map(([algorithm, hash]) =>
    Object.freeze<OaepAlgorithmEntry>({ algorithm, hash, maxPlaintext: bits / 8 - 2 * OAEP_HASH_LENGTH[hash] - 2 }),
  );
  return Object.freeze<KeySpecEntry>({
    spec,
    keyUsages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
    keyPair: Object.freeze({ kind: 'rsa', bits }),
    encryptionAlgorithms: Object.freeze(oaep.map((entry) => entry.algorithm)),
    oaep: Object.freeze(oaep),
    signing: Object.freeze({
      algorithms: Object.freeze(
        RSA_SIGNING.map(([algorithm, padding, hash]) =>
          Object.freeze<SigningAlgorithmEntry>({
            algorithm,
            scheme: Object.freeze({ kind: 'rsa', padding, hash }),
            digestLength: DIGEST_LENGTH[hash],
            messageTypes: ['RAW', 'DIGEST'],
            capability: 'rsa',
          }),
        ),
      ),
    }),
    materialLength: 0,
    capabilities: { ENCRYPT_DECRYPT: ['random', 'rsa'], SIGN_VERIFY: ['random', 'rsa'] },
  });
}

/** ML-DSA signs a message (RAW) or a 64-byte external μ (EXTERNAL_MU, FIPS 204 §6.2), never a digest. */
function mlDsaEntry(spec: KeySpec, level: MlDsaLevel): KeySpecEntry {
  return signingEntry(spec, { kind: 'ml-dsa', level }, [
    Object.freeze<SigningAlgorithmEntry>({
      algorithm: 'ML_DSA_SHAKE_256',
      scheme: Object.freeze({ kind: 'ml-dsa', level }),
      digestLength: 64,
      messageTypes: ['RAW', 'EXTERNAL_MU'],
      capability: ML_DSA_CAPABILITY[level],
    }),
  ]);
}

/** An HMAC key's material is as long as its hash's output, as AWS generates it. */
function hmacEntry(spec: KeySpec, algorithm: MacAlgorithmSpec, hash: HmacHash, materialLength: number, capability: Capability): KeySpecEntry {
  return Object.freeze<KeySpecEntry>({
    spec,
    keyUsages: ['GENERATE_VERIFY_MAC'],
    encryptionAlgorithms: [],
    mac: Object.freeze({ algorithm, hash }),
    materialLength,
    capabilities: { GENERATE_VERIFY_MAC: ['random', capability] },
  });
}
