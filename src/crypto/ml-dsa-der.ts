/**
 * Strict DER for ML-DSA keys (RFC 9881, the IETF ML-DSA key format), shared by every provider:
 *
 * - SubjectPublicKeyInfo `{ { id-ml-dsa-NN }, BIT STRING pk }`: the AlgorithmIdentifier has no
 *   parameters, the BIT STRING holds the raw FIPS 204 public key (1312, 1952 or 2592 bytes);
 * - PKCS#8 v1 `{ 0, { id-ml-dsa-NN }, OCTET STRING seed }` with the private key's `seed [0] IMPLICIT
 *   OCTET STRING (SIZE (32))` choice (`80 20 ‖ ξ`), the form RFC 9881 recommends.
 *
 * Each of these has exactly one encoding per parameter set, so decoding compares a fixed header and
 * the length. Everything else, including RFC 9881's `expandedKey` and `both` private-key forms, is
 * refused with `RangeError`: a seed is all any provider needs, and an expanded key could disagree
 * with it.
 * @module
 */
import { afterPrefix, checkLength, withPrefix } from './der.js';
import type { MlDsaLevel } from './provider.js';

/** The last arc of id-ml-dsa-44/65/87 (2.16.840.1.101.3.4.3.17/18/19) and the raw public key length. */
interface LevelInfo {
  readonly arc: number;
  readonly publicKeyLength: number;
}

const LEVELS: ReadonlyMap<MlDsaLevel, LevelInfo> = /* @__PURE__ */ new Map<MlDsaLevel, LevelInfo>([
  ['ML-DSA-44', { arc: 0x11, publicKeyLength: 1312 }],
  ['ML-DSA-65', { arc: 0x12, publicKeyLength: 1952 }],
  ['ML-DSA-87', { arc: 0x13, publicKeyLength: 2592 }],
]);

/** Byte length of the ML-DSA seed ξ. */
export const ML_DSA_SEED_LENGTH = 32;

function levelInfo(level: MlDsaLevel): LevelInfo {
  const info = LEVELS.get(level);
  if (info === undefined) throw new RangeError(`not an ML-DSA parameter set: ${String(level)}`);
  return info;
}

/** `SEQUENCE { OID id-ml-dsa-NN }` */
function algorithm(arc: number): number[] {
  return [0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, arc];
}

function spkiHeader(info: LevelInfo): Uint8Array {
  // Every public key is longer than 255 bytes, so both lengths take the two-byte long form.
  const bits = info.publicKeyLength + 1;
  const body = 13 + 4 + bits;
  return Uint8Array.from([0x30, 0x82, body >> 8, body & 0xff, ...algorithm(info.arc), 0x03, 0x82, bits >> 8, bits & 0xff, 0x00]);
}

function pkcs8Header(info: LevelInfo): Uint8Array {
  return Uint8Array.from([0x30, 0x34, 0x02, 0x01, 0x00, ...algorithm(info.arc), 0x04, 0x22, 0x80, 0x20]);
}

/** SubjectPublicKeyInfo DER for a raw ML-DSA public key. */
export function encodeMlDsaSpki(level: MlDsaLevel, publicKey: Uint8Array): Uint8Array {
  const info = levelInfo(level);
  checkLength(`${level} public key`, publicKey, info.publicKeyLength);
  return withPrefix(spkiHeader(info), publicKey);
}

/** The raw public key of an ML-DSA SubjectPublicKeyInfo of `level`. */
export function decodeMlDsaSpki(level: MlDsaLevel, der: Uint8Array): Uint8Array {
  const info = levelInfo(level);
  return afterPrefix(spkiHeader(info), der, info.publicKeyLength, `${level} SubjectPublicKeyInfo`);
}

/** PKCS#8 DER (seed form) for a 32-byte ML-DSA seed ξ. */
export function encodeMlDsaPkcs8(level: MlDsaLevel, seed: Uint8Array): Uint8Array {
  const info = levelInfo(level);
  checkLength(`${level} seed`, seed, ML_DSA_SEED_LENGTH);
  return withPrefix(pkcs8Header(info), seed);
}

/** The 32-byte seed ξ of an ML-DSA PKCS#8 private key of `level` (seed form only). */
export function decodeMlDsaPkcs8(level: MlDsaLevel, der: Uint8Array): Uint8Array {
  return afterPrefix(pkcs8Header(levelInfo(level)), der, ML_DSA_SEED_LENGTH, `${level} PKCS#8 private key (seed form)`);
}
