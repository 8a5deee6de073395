/**
 * ML-DSA (FIPS 204) on `@noble/post-quantum`, for the noble provider (and every provider that
 * delegates to it). Keys are the RFC 9881 encodings of `ml-dsa-der.ts`; signing is hedged (fresh
 * randomness per signature) with an empty context.
 * @module
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { constantTimeEqual } from './bytes.js';
import { decodeMlDsaPkcs8, decodeMlDsaSpki, encodeMlDsaPkcs8, encodeMlDsaSpki, ML_DSA_SEED_LENGTH } from './ml-dsa-der.js';
import { readMessageOr, type KeyPairDer, type MlDsaInput, type MlDsaLevel } from './provider.js';

type Dsa = typeof ml_dsa44;

const ALGORITHMS: ReadonlyMap<MlDsaLevel, Dsa> = /* @__PURE__ */ new Map<MlDsaLevel, Dsa>([
  ['ML-DSA-44', ml_dsa44],
  ['ML-DSA-65', ml_dsa65],
  ['ML-DSA-87', ml_dsa87],
]);

/** Length of the message representative μ (FIPS 204 §6.2), and of an external μ. */
const MU_LENGTH = 64;

/**
 * Expanded secret keys by the PKCS#8 array they came from: expanding the seed (FIPS 204 KeyGen) costs
 * a third to a half of a signature, and a Kms hands the same array for every use of a key. The copy
 * catches an array whose bytes changed since (it is expanded afresh), and the level is part of the match.
 */
const expanded = /* @__PURE__ */ new WeakMap<Uint8Array, { readonly level: MlDsaLevel; readonly der: Uint8Array; readonly secretKey: Uint8Array }>();

/** The level's ML-DSA, for a level the caller has already checked. */
function dsa(level: MlDsaLevel): Dsa {
  return ALGORITHMS.get(level)!;
}

/** The message or μ of `input`, and whether it is μ. @throws {RangeError} for anything but exactly one Uint8Array, μ of 64 bytes */
function readInput(input: MlDsaInput): { readonly bytes: Uint8Array; readonly externalMu: boolean } {
  const { bytes, isOther: hasMu } = readMessageOr(input, 'mu', 'ML-DSA');
  if (hasMu && bytes.length !== MU_LENGTH) throw new RangeError(`ML-DSA external mu must be ${MU_LENGTH} bytes, got ${bytes.length}`);
  return { bytes, externalMu: hasMu };
}

function secretKeyOf(level: MlDsaLevel, der: Uint8Array): Uint8Array {
  const cached = expanded.get(der);
  if (cached && cached.level === level && constantTimeEqual(cached.der, der)) return cached.secretKey;
  const seed = decodeMlDsaPkcs8(level, der);
  try {
    const { secretKey } = dsa(level).keygen(seed);
    expanded.set(der, { level, der: der.slice(), secretKey });
    return secretKey;
  } finally {
    seed.fill(0);
  }
}

/** A fresh key pair of `level` (checked by the caller): PKCS#8 holding the seed only, and SPKI. */
export function generateMlDsaKeyPair(level: MlDsaLevel): KeyPairDer {
  const seed = randomBytes(ML_DSA_SEED_LENGTH);
  try {
    const { publicKey, secretKey } = dsa(level).keygen(seed);
    secretKey.fill(0);
    return { privateKey: encodeMlDsaPkcs8(level, seed), publicKey: encodeMlDsaSpki(level, publicKey) };
  } finally {
    seed.fill(0);
  }
}

/** ML-DSA.Sign over a message, or the signing core over an external μ. @throws {RangeError} as the provider contract says */
export function mlDsaSign(level: MlDsaLevel, privateKeyPkcs8: Uint8Array, input: MlDsaInput): Uint8Array {
  const { bytes, externalMu } = readInput(input);
  const secretKey = secretKeyOf(level, privateKeyPkcs8);
  return externalMu ? dsa(level).internal.sign(bytes, secretKey, { externalMu: true }) : dsa(level).sign(bytes, secretKey);
}

/** Whether `signature` is valid for `input`; false for any malformed signature. @throws {RangeError} for a malformed key or input */
export function mlDsaVerify(level: MlDsaLevel, publicKeySpki: Uint8Array, input: MlDsaInput, signature: Uint8Array): boolean {
  const { bytes, externalMu } = readInput(input);
  const publicKey = decodeMlDsaSpki(level, publicKeySpki);
  if (!(signature instanceof Uint8Array) || signature.length !== dsa(level).lengths.signature) return false;
  return externalMu ? dsa(level).internal.verify(signature, bytes, publicKey, { externalMu: true }) : dsa(level).verify(signature, bytes, publicKey);
}
