/**
 * The CryptoProvider conformance suite: every provider must pass it, in every runtime it claims to
 * support. Runtime-agnostic on purpose (no node:* imports), so the same file runs in Node and in
 * headless Chromium.
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, utf8Encode } from '../../src/crypto/bytes.js';
import {
  decodeEcdsaSignature,
  decodeEcPeerSpki,
  decodeEcPkcs8,
  decodeEcSpki,
  decodeEd25519Pkcs8,
  decodeEd25519Spki,
  ecScalarLength,
  encodeEcdsaSignature,
  encodeEcPkcs8,
  encodeEcSpki,
  type EcCurve,
} from '../../src/crypto/der.js';
import { decodeMlDsaPkcs8, decodeMlDsaSpki, encodeMlDsaPkcs8, encodeMlDsaSpki } from '../../src/crypto/ml-dsa-der.js';
import {
  ALL_CAPABILITIES,
  AuthenticationError,
  ECDH_CAPABILITY,
  HMAC_CAPABILITY,
  ML_DSA_CAPABILITY,
  requireCapabilities,
  SIGNING_CAPABILITY,
  UnsupportedCapabilityError,
  type Capability,
  type CryptoProvider,
  type DigestHash,
  type EcdhCurve,
  type HmacHash,
  type MlDsaInput,
  type MlDsaLevel,
  type SignatureInput,
  type SigningCurve,
} from '../../src/crypto/provider.js';

/** What a provider is expected to lack; the suite checks it declares exactly everything else. */
export interface ConformanceExpectations {
  readonly lacks?: readonly Capability[];
}

/** Whether ECDSA over a prehashed `{ digest }` works; if not, it must be refused as unsupported. */
export const prehashes = (expected?: ConformanceExpectations): boolean => !expected?.lacks?.includes('ecdsa-digest');

/** The noble provider: its RSA runs on the platform's WebCrypto, which cannot sign a given digest. */
export const NOBLE_EXPECTATIONS: ConformanceExpectations = { lacks: ['rsa-pkcs1-digest', 'rsa-pss-digest'] };

/**
 * The WebCrypto provider: WebCrypto has no SHA-224, no secp256k1, no Ed25519ph and no ML-DSA, cannot
 * sign a prehashed digest (ECDSA or RSA), and has Ed25519 only in some runtimes (`ed25519`: whether
 * this one does).
 */
export function webCryptoExpectations(ed25519: boolean): ConformanceExpectations {
  const lacks: Capability[] = ['hmac-sha224', 'ecdsa-secp256k1', 'ecdsa-digest', 'ed25519ph', 'rsa-pkcs1-digest', 'rsa-pss-digest', 'ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'];
  return { lacks: ed25519 ? lacks : [...lacks, 'ed25519'] };
}

/** The WebCrypto provider without Ed25519 (how `webCryptoProvider()` is made without options). */
export const WEBCRYPTO_EXPECTATIONS: ConformanceExpectations = webCryptoExpectations(false);

export const SIGNING_CURVES: readonly SigningCurve[] = ['P-256', 'P-384', 'P-521', 'secp256k1', 'Ed25519', 'Ed25519ph'];
export const ECDH_CURVES: readonly EcdhCurve[] = ['P-256', 'P-384', 'P-521'];
export const ML_DSA_LEVELS: readonly MlDsaLevel[] = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];
/** Ed25519 and Ed25519ph: EdDSA on the same Ed25519 keys, SHA-512 only, message input only. */
export const isEdwards = (curve: SigningCurve): curve is 'Ed25519' | 'Ed25519ph' => curve === 'Ed25519' || curve === 'Ed25519ph';
const DIGEST_HASHES: readonly DigestHash[] = ['SHA-256', 'SHA-384', 'SHA-512'];
const HASH_FUNCTIONS: Readonly<Record<DigestHash, (data: Uint8Array) => Uint8Array>> = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 };
/** The hashes a curve signs with: ECDSA any, Ed25519 and Ed25519ph SHA-512 only. */
export const hashesFor = (curve: SigningCurve): readonly DigestHash[] => (isEdwards(curve) ? ['SHA-512'] : DIGEST_HASHES);
/** The hash AWS KMS pairs with each curve. */
export const NATURAL_HASH: Readonly<Record<SigningCurve, DigestHash>> = { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512', secp256k1: 'SHA-256', Ed25519: 'SHA-512', Ed25519ph: 'SHA-512' };
export const digestOf = (hash: DigestHash, message: Uint8Array): Uint8Array => HASH_FUNCTIONS[hash](message);

/** RFC 8032 §7.1 TEST 1 (empty message). */
const ED25519_VECTOR = {
  pkcs8: fromHex('302e020100300506032b657004220420' + '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
  spki: fromHex('302a300506032b6570032100' + 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
  signature: fromHex(
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ),
};

/** RFC 8032 §7.3, the Ed25519ph test (message "abc"). */
const ED25519PH_VECTOR = {
  pkcs8: fromHex('302e020100300506032b657004220420' + '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42'),
  spki: fromHex('302a300506032b6570032100' + 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf'),
  message: utf8Encode('abc'),
  signature: fromHex(
    '98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406',
  ),
};

/** The ECDH curves in noble, to derive public points from the vectors' scalars and to find bad points. */
const ECDH_NOBLE = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

/** RFC 5903 §8.1-8.3: the initiator's and responder's private scalars i and r, and the x-coordinate of g^ir. */
const ECDH_VECTORS: Readonly<Record<EcdhCurve, { readonly section: string; readonly i: string; readonly r: string; readonly shared: string }>> = {
  'P-256': {
    section: '8.1',
    i: 'c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433',
    r: 'c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53',
    shared: 'd6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de',
  },
  'P-384': {
    section: '8.2',
    i: '099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655e35b538041e649ee3faef896783ab194',
    r: '41cb0779b4bdb85d47846725fbec3c9430fab46cc8dc5060855cc9bda0aa2942e0308312916b8ed2960e4bd55a7448fc',
    shared: '11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4d603135569b9e9d09cf5d4a270f59746',
  },
  'P-521': {
    section: '8.3',
    i:
      '0037ade9319a89f4dabdb3ef411aaccca5123c61acab57b5393dce47608172a095aa85a30fe1c2952c6771d937ba9777f5957b2639bab072462f68c27a57382d4a52',
    r:
      '0145ba99a847af43793fdd0e872e7cdfa16be30fdc780f97bccc3f078380201e9c677d600b343757a3bdbf2a3163e4c2f869cca7458aa4a4effc311f5cb151685eb9',
    shared:
      '01144c7d79ae6956bc8edb8e7c787c4521cb086fa64407f97894e5e6b2d79b04d1427e73ca4baa240a34786859810c06b3c715a3a8cc3151f2bee417996d19f3ddea',
  },
};

/** PKCS#8 and SPKI for the EC private scalar `d` (hex) and its public point. */
function ecKeyPair(curve: EcdhCurve, d: string): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const point = ECDH_NOBLE[curve].getPublicKey(fromHex(d), false);
  return { privateKey: encodeEcPkcs8(curve, fromHex(d), point), publicKey: encodeEcSpki(curve, point) };
}

/** The same EC SPKI with its point compressed (SEC 1 §2.3.3): `02|03 ‖ x` by the parity of y. */
export function compressedEcSpki(curve: EcCurve, spki: Uint8Array): Uint8Array {
  const point = decodeEcSpki(curve, spki);
  return rewrap(spki.subarray(0, spki.length - point.length - 1), compressPoint(point));
}

/** The ML-DSA implementations, to check keys made from a seed independently of the providers. */
const ML_DSA_NOBLE = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 } as const;
/** FIPS 204 Table 2: public key and signature lengths. */
const ML_DSA_LENGTHS: Readonly<Record<MlDsaLevel, { readonly publicKey: number; readonly signature: number }>> = {
  'ML-DSA-44': { publicKey: 1312, signature: 2420 },
  'ML-DSA-65': { publicKey: 1952, signature: 3309 },
  'ML-DSA-87': { publicKey: 2592, signature: 4627 },
};

/**
 * RFC 9881's example keys (lamps-wg/dilithium-certificates, examples/): the seed 00 01 … 1f, the
 * PKCS#8 header of its seed form and the SPKI header, as the RFC spells them out, and SHA-256 of the
 * example public key, taken from the RFC's own hex. (The copies of ACVP-Server's ML-DSA keyGen
 * sample files we could find did not reproduce, where these do, so no ACVP vector is used.)
 */
const ML_DSA_RFC9881_EXAMPLES: Readonly<Record<MlDsaLevel, { readonly pkcs8Header: string; readonly spkiHeader: string; readonly publicKeySha256: string }>> = {
  'ML-DSA-44': {
    pkcs8Header: '3034020100300b060960864801650304031104228020',
    spkiHeader: '30820532300b06096086480165030403110382052100',
    publicKeySha256: '9f107644c1084526af3bc8098680b05499a2325a644e388fb4f970e058d19d46',
  },
  'ML-DSA-65': {
    pkcs8Header: '3034020100300b060960864801650304031204228020',
    spkiHeader: '308207b2300b0609608648016503040312038207a100',
    publicKeySha256: 'd666806e11cee19a7c989f7445f90dd419cf4d2d51db8c0fdb4c0f0a542238c9',
  },
  'ML-DSA-87': {
    pkcs8Header: '3034020100300b060960864801650304031304228020',
    spkiHeader: '30820a32300b060960864801650304031303820a2100',
    publicKeySha256: '91dc389cfaa01470b7f66eee45a4ae9026d154817c754dfe22298b3fa241ffcd',
  },
};
const RFC9881_SEED = Uint8Array.from({ length: 32 }, (_, i) => i);

/** μ = H(H(pk, 64) ‖ M′, 64) with M′ = 0x00 ‖ 0x00 ‖ M (pure ML-DSA, empty context): FIPS 204 Algorithm 7 lines 6-7 and Algorithm 2 line 10. */
function externalMu(publicKey: Uint8Array, message: Uint8Array): Uint8Array {
  const tr = shake256(publicKey, { dkLen: 64 });
  return shake256(concat(tr, concat(Uint8Array.of(0x00, 0x00), message)), { dkLen: 64 });
}

/** The group order of each ECDSA curve (to make the high-S twin of a signature). */
const EC_ORDERS: Readonly<Record<EcCurve, bigint>> = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384': 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  'P-521':
    0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
  secp256k1: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
};

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  return n;
}

function fromBigInt(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

/** The same ECDSA signature with `s` replaced by `n - s` (valid too: low S is not required). */
export function otherS(curve: EcCurve, der: Uint8Array): Uint8Array {
  const length = ecScalarLength(curve);
  const raw = decodeEcdsaSignature(curve, der);
  const s = toBigInt(raw.subarray(length));
  raw.set(fromBigInt(EC_ORDERS[curve] - s, length), length);
  return encodeEcdsaSignature(curve, raw);
}

/** Checks that a key pair is in the one encoding every provider produces and accepts. */
export function expectStrictKeyPair(curve: SigningCurve, pair: { privateKey: Uint8Array; publicKey: Uint8Array }): void {
  if (isEdwards(curve)) {
    expect(decodeEd25519Pkcs8(pair.privateKey)).toHaveLength(32);
    expect(decodeEd25519Spki(pair.publicKey)).toHaveLength(32);
  } else {
    expect(decodeEcPkcs8(curve, pair.privateKey)).toHaveLength(ecScalarLength(curve));
    expect(decodeEcSpki(curve, pair.publicKey)).toHaveLength(1 + 2 * ecScalarLength(curve));
  }
}

/** Byte-level corruptions of a DER structure that a strict parser must refuse. */
function malformedDer(der: Uint8Array): Array<[string, Uint8Array]> {
  const longLength =
    der[1]! < 0x80 ? concat(Uint8Array.of(der[0]!, 0x81, der[1]!), der.subarray(2)) : concat(Uint8Array.of(der[0]!, 0x82, 0x00), der.subarray(2));
  return [
    ['empty', new Uint8Array()],
    ['truncated by one byte', der.subarray(0, der.length - 1)],
    ['with a trailing byte', concat(der, Uint8Array.of(0))],
    ['with the outer tag changed', concat(Uint8Array.of(0x31), der.subarray(1))],
    ['with a non-minimal outer length', longLength],
    ['with an indefinite outer length', concat(Uint8Array.of(der[0]!, 0x80), concat(der.subarray(der[1]! < 0x80 ? 2 : 2 + (der[1]! & 0x7f)), Uint8Array.of(0, 0)))],
    ['not bytes', 'not bytes' as unknown as Uint8Array],
  ];
}

/** `der` with the first occurrence of `from` replaced by `to` (same length). */
function replaceBytes(der: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  for (let i = 0; i + from.length <= der.length; i++) {
    if (equalBytes(der.subarray(i, i + from.length), from)) {
      const out = der.slice();
      out.set(to, i);
      return out;
    }
  }
  throw new Error('pattern not found');
}

const hex = fromHex;
const repeat = (byte: number, length: number): Uint8Array => new Uint8Array(length).fill(byte);
const range = (from: number, to: number): Uint8Array => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The GCM specification's test cases 13-16 (McGrew & Viega), the ones with a 256-bit key. */
const GCM_VECTORS = (() => {
  const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
  const nonce = hex('cafebabefacedbaddecaf888');
  const plaintext = hex(
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
      '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255',
  );
  const ciphertext = hex(
    '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
      '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad',
  );
  return [
    { name: 'case 13 (empty)', key: repeat(0, 32), nonce: repeat(0, 12), aad: new Uint8Array(), plaintext: new Uint8Array(), sealed: hex('530f8afbc74536b9a963b4f1c4cb738b') },
    { name: 'case 14 (one block)', key: repeat(0, 32), nonce: repeat(0, 12), aad: new Uint8Array(), plaintext: repeat(0, 16), sealed: hex('cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919') },
    { name: 'case 15 (four blocks)', key, nonce, aad: new Uint8Array(), plaintext, sealed: concat(ciphertext, hex('b094dac5d93471bdec1a502270e3cc6c')) },
    {
      name: 'case 16 (partial block, with AAD)',
      key,
      nonce,
      aad: hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'),
      plaintext: plaintext.subarray(0, 60),
      sealed: concat(ciphertext.subarray(0, 60), hex('76fc6ece0f4e1768cddf8853bb2d551b')),
    },
  ];
})();

/** Every HMAC hash, with its output length and block size in bytes. */
const HMAC_HASHES: ReadonlyArray<{ readonly hash: HmacHash; readonly outputLength: number; readonly blockSize: number }> = [
  { hash: 'SHA-224', outputLength: 28, blockSize: 64 },
  { hash: 'SHA-256', outputLength: 32, blockSize: 64 },
  { hash: 'SHA-384', outputLength: 48, blockSize: 128 },
  { hash: 'SHA-512', outputLength: 64, blockSize: 128 },
];

interface HmacVector {
  readonly name: string;
  readonly key: Uint8Array;
  readonly data: Uint8Array;
  /** Expected MAC per hash, hex; for a truncated case only the leading `truncatedTo` bytes. */
  readonly macs: Partial<Record<HmacHash, string>>;
  readonly truncatedTo?: number;
}

/** RFC 4231 §4.2-4.8, test cases 1-7, for all four hashes. */
const RFC4231_VECTORS: readonly HmacVector[] = [
  {
    name: 'RFC 4231 case 1',
    key: repeat(0x0b, 20),
    data: utf8Encode('Hi There'),
    macs: {
      'SHA-224': '896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22',
      'SHA-256': 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
      'SHA-384': 'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6',
      'SHA-512':
        '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde' +
        'daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
    },
  },
  {
    name: 'RFC 4231 case 2 (key shorter than the output)',
    key: utf8Encode('Jefe'),
    data: utf8Encode('what do ya want for nothing?'),
    macs: {
      'SHA-224': 'a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44',
      'SHA-256': '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      'SHA-384': 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
      'SHA-512':
        '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554' +
        '9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    },
  },
  {
    name: 'RFC 4231 case 3 (key and data longer than 64 bytes together)',
    key: repeat(0xaa, 20),
    data: repeat(0xdd, 50),
    macs: {
      'SHA-224': '7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea',
      'SHA-256': '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
      'SHA-384': '88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27',
      'SHA-512':
        'fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39' +
        'bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb',
    },
  },
  {
    name: 'RFC 4231 case 4',
    key: range(0x01, 0x19),
    data: repeat(0xcd, 50),
    macs: {
      'SHA-224': '6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a',
      'SHA-256': '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
      'SHA-384': '3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb',
      'SHA-512':
        'b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db' +
        'a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd',
    },
  },
  {
    name: 'RFC 4231 case 5 (truncated to 128 bits)',
    key: repeat(0x0c, 20),
    data: utf8Encode('Test With Truncation'),
    truncatedTo: 16,
    macs: {
      'SHA-224': '0e2aea68a90c8d37c988bcdb9fca6fa8',
      'SHA-256': 'a3b6167473100ee06e0c796c2955552b',
      'SHA-384': '3abf34c3503b2a23a46efc619baef897',
      'SHA-512': '415fad6271580a531d4179bc891d87a6',
    },
  },
  {
    name: 'RFC 4231 case 6 (131-byte key, longer than every block)',
    key: repeat(0xaa, 131),
    data: utf8Encode('Test Using Larger Than Block-Size Key - Hash Key First'),
    macs: {
      'SHA-224': '95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e',
      'SHA-256': '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      'SHA-384': '4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952',
      'SHA-512':
        '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352' +
        '6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
    },
  },
  {
    name: 'RFC 4231 case 7 (131-byte key, data longer than every block)',
    key: repeat(0xaa, 131),
    data: utf8Encode(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    macs: {
      'SHA-224': '3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1',
      'SHA-256': '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
      'SHA-384': '6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e',
      'SHA-512':
        'e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944' +
        'b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58',
    },
  },
];

const HMAC_VECTORS: readonly HmacVector[] = [
  ...RFC4231_VECTORS,
  // WebCrypto refuses to import an empty HMAC key; RFC 2104 does not. (Published values exist for
  // SHA-256 and SHA-512; the property test below covers the empty key for every hash.)
  {
    name: 'empty key and message',
    key: new Uint8Array(),
    data: new Uint8Array(),
    macs: {
      'SHA-256': 'b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad',
      'SHA-512':
        'b936cee86c9f87aa5d3c6f2e84cb5a4239a5fe50480a6ec66b70ab5b1f4ac673' +
        '0c6c515421b327ec1d69402e53dfb49ad7381eb067b338fd7b0cb22247225d47',
    },
  },
];

/** RFC 5869 test cases 1-3, from the PRK they give to the OKM. */
const HKDF_VECTORS = [
  {
    name: 'RFC 5869 case 1',
    prk: hex('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5'),
    info: range(0xf0, 0xf9),
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  },
  {
    name: 'RFC 5869 case 2 (long info and output)',
    prk: hex('06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244'),
    info: range(0xb0, 0xff),
    okm:
      'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c' +
      '59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71' +
      'cc30c58179ec3e87c14c01d5c1f3434f1d87',
  },
  {
    name: 'RFC 5869 case 3 (empty info)',
    prk: hex('19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04'),
    info: new Uint8Array(),
    okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  },
];

/** FIPS 180-2 examples. */
const SHA256_VECTORS = [
  { name: 'empty', data: new Uint8Array(), digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  { name: '"abc"', data: utf8Encode('abc'), digest: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  {
    name: 'two blocks',
    data: utf8Encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    digest: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  },
];

const MAX_HKDF_LENGTH = 255 * 32;

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const nonce12 = fc.uint8Array({ minLength: 12, maxLength: 12 });
const plaintextArb = fc.uint8Array({ maxLength: 4096 });
const aadArb = fc.uint8Array({ maxLength: 256 });

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The same bytes, seen through a view at an odd offset into a larger buffer with junk around it. */
function offsetView(bytes: Uint8Array): Uint8Array {
  const backing = new Uint8Array(bytes.length + 11).fill(0xa5);
  backing.set(bytes, 5);
  return backing.subarray(5, 5 + bytes.length);
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

/** The error a call fails with, whether it throws synchronously or rejects. */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return expect.fail('expected the call to fail, but it succeeded');
}

/** `run` returns a promise (it does not throw) that rejects with UnsupportedCapabilityError. */
async function expectUnsupported(provider: CryptoProvider, capability: Capability, run: () => Promise<unknown>): Promise<void> {
  let pending: Promise<unknown> | undefined;
  expect(() => (pending = run())).not.toThrow();
  const error = await failure(() => pending);
  expect(error).toBeInstanceOf(UnsupportedCapabilityError);
  expect(error).toMatchObject({ name: 'UnsupportedCapabilityError', provider: provider.name, capability });
}

async function expectAuthFailure(run: () => unknown): Promise<void> {
  expect(await failure(run)).toBeInstanceOf(AuthenticationError);
}

/** Not a Buffer or other subclass, and no other memory reachable through `.buffer`. */
function expectPlainBytes(value: Uint8Array): void {
  expect(Object.getPrototypeOf(value)).toBe(Uint8Array.prototype);
  expect(value.buffer.byteLength).toBe(value.length);
}

/**
 * Registers the conformance tests for one provider. `make` is called lazily, once, inside the tests.
 * The provider must declare every capability except those `expected.lacks` names, and refuse those.
 */
export function providerConformanceSuite(name: string, make: () => CryptoProvider, expected: ConformanceExpectations = {}): void {
  let instance: CryptoProvider | undefined;
  const provider = (): CryptoProvider => (instance ??= make());
  const lacks = new Set(expected.lacks);

  describe(`CryptoProvider conformance: ${name}`, () => {
    describe('identity and capabilities', () => {
      it(`has a name and declares every capability${lacks.size ? ` except ${[...lacks].join(', ')}` : ''}`, () => {
        const p = provider();
        expect(typeof p.name).toBe('string');
        expect(p.name.length).toBeGreaterThan(0);
        for (const capability of ALL_CAPABILITIES) expect(p.capabilities.has(capability), capability).toBe(!lacks.has(capability));
        for (const capability of p.capabilities) expect(ALL_CAPABILITIES, capability).toContain(capability);
        expect(() => requireCapabilities(p, [...p.capabilities])).not.toThrow();
        for (const capability of lacks) {
          expect(() => requireCapabilities(p, [capability])).toThrow(UnsupportedCapabilityError);
        }
      });
    });

    describe('randomBytes', () => {
      it.each([0, 1, 32, 70_000])('returns exactly %i bytes', (length) => {
        const bytes = provider().randomBytes(length);
        expectPlainBytes(bytes);
        expect(bytes.length).toBe(length);
      });

      it('fills past the 65536-byte getRandomValues limit', () => {
        // A chunking bug would leave the tail zero; 4464 zero random bytes has probability 2^-35712.
        const tail = provider().randomBytes(70_000).subarray(65_536);
        expect(tail.some((byte) => byte !== 0)).toBe(true);
      });

      it('never repeats a draw', () => {
        const p = provider();
        expect(p.randomBytes(32)).not.toEqual(p.randomBytes(32));
      });

      it('refuses a negative length', async () => {
        await failure(() => provider().randomBytes(-1));
      });
    });

    describe('AES-256-GCM', () => {
      it.each(GCM_VECTORS)('seals and opens GCM spec $name', async ({ key, nonce, aad, plaintext, sealed }) => {
        const p = provider();
        const out = await p.aesGcmSeal(key, nonce, plaintext, aad);
        expectPlainBytes(out);
        expect(out).toEqual(sealed);
        const opened = await p.aesGcmOpen(key, nonce, sealed, aad);
        expectPlainBytes(opened);
        expect(opened).toEqual(plaintext);
      });

      it('reads inputs given as views at an offset into a larger buffer', async () => {
        const p = provider();
        const { key, nonce, aad, plaintext, sealed } = GCM_VECTORS[3]!;
        expect(await p.aesGcmSeal(offsetView(key), offsetView(nonce), offsetView(plaintext), offsetView(aad))).toEqual(sealed);
        expect(await p.aesGcmOpen(offsetView(key), offsetView(nonce), offsetView(sealed), offsetView(aad))).toEqual(plaintext);
      });

      it('writes into a caller-supplied output, and refuses one of the wrong length', async () => {
        const p = provider();
        const { key, nonce, aad, plaintext, sealed } = GCM_VECTORS[3]!;
        const message = new Uint8Array(5 + sealed.length).fill(0xee);
        const output = message.subarray(5);
        expect(await p.aesGcmSeal(key, nonce, plaintext, aad, output)).toBe(output);
        expect(output).toEqual(sealed);
        expect(message.subarray(0, 5)).toEqual(new Uint8Array(5).fill(0xee));
        await expect(p.aesGcmSeal(key, nonce, plaintext, aad, new Uint8Array(sealed.length - 1))).rejects.toThrow(RangeError);
      });

      it('round-trips any plaintext and AAD, leaving the inputs untouched', async () => {
        const p = provider();
        await fc.assert(
          fc.asyncProperty(key32, nonce12, plaintextArb, aadArb, async (key, nonce, plaintext, aad) => {
            const before = [key, nonce, plaintext, aad].map((bytes) => bytes.slice());
            const sealed = await p.aesGcmSeal(key, nonce, plaintext, aad);
            expect(sealed.length).toBe(plaintext.length + 16);
            expect(await p.aesGcmOpen(key, nonce, sealed, aad)).toEqual(plaintext);
            expect([key, nonce, plaintext, aad]).toEqual(before);
          }),
        );
      });

      it('rejects any single flipped bit in the sealed output', async () => {
        const p = provider();
        await fc.assert(
          fc.asyncProperty(key32, nonce12, fc.uint8Array({ maxLength: 64 }), aadArb, fc.nat(), async (key, nonce, plaintext, aad, n) => {
            const sealed = await p.aesGcmSeal(key, nonce, plaintext, aad);
            await expectAuthFailure(() => p.aesGcmOpen(key, nonce, flipBit(sealed, n % (sealed.length * 8)), aad));
          }),
        );
      });

      it('rejects any single flipped bit in the AAD', async () => {
        const p = provider();
        await fc.assert(
          fc.asyncProperty(key32, nonce12, fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), async (key, nonce, plaintext, aad, n) => {
            const sealed = await p.aesGcmSeal(key, nonce, plaintext, aad);
            await expectAuthFailure(() => p.aesGcmOpen(key, nonce, sealed, flipBit(aad, n % (aad.length * 8))));
          }),
        );
      });

      it('rejects a wrong key or nonce', async () => {
        const p = provider();
        await fc.assert(
          fc.asyncProperty(key32, key32, nonce12, nonce12, plaintextArb, async (key, otherKey, nonce, otherNonce, plaintext) => {
            fc.pre(!equalBytes(key, otherKey) && !equalBytes(nonce, otherNonce));
            const aad = new Uint8Array();
            const sealed = await p.aesGcmSeal(key, nonce, plaintext, aad);
            await expectAuthFailure(() => p.aesGcmOpen(otherKey, nonce, sealed, aad));
            await expectAuthFailure(() => p.aesGcmOpen(key, otherNonce, sealed, aad));
          }),
          { numRuns: 25 },
        );
      });

      it('rejects sealed input that is truncated, extended or shorter than a tag', async () => {
        const p = provider();
        const { key, nonce, aad, sealed } = GCM_VECTORS[3]!;
        await expectAuthFailure(() => p.aesGcmOpen(key, nonce, sealed.subarray(0, sealed.length - 1), aad));
        await expectAuthFailure(() => p.aesGcmOpen(key, nonce, concat(sealed, new Uint8Array(1)), aad));
        await expectAuthFailure(() => p.aesGcmOpen(key, nonce, sealed.subarray(sealed.length - 15), aad));
        await expectAuthFailure(() => p.aesGcmOpen(key, nonce, new Uint8Array(), aad));
      });

      it('keeps many keys apart under concurrent use', async () => {
        const p = provider();
        const keys = Array.from({ length: 16 }, () => p.randomBytes(32));
        const nonce = p.randomBytes(12);
        const aad = new Uint8Array();
        const sealed = await Promise.all(keys.map((key, i) => p.aesGcmSeal(key, nonce, Uint8Array.of(i), aad)));
        const opened = await Promise.all(keys.map((key, i) => p.aesGcmOpen(key, nonce, sealed[i]!, aad)));
        expect(opened).toEqual(keys.map((_, i) => Uint8Array.of(i)));
        await expectAuthFailure(() => p.aesGcmOpen(keys[0]!, nonce, sealed[1]!, aad));
      });
    });

    for (const { hash, outputLength, blockSize } of HMAC_HASHES) {
      const capability = HMAC_CAPABILITY[hash];
      const vectors = HMAC_VECTORS.filter((vector) => vector.macs[hash] !== undefined);

      describe(`HMAC-${hash}`, () => {
        if (lacks.has(capability)) {
          it(`is refused with UnsupportedCapabilityError naming ${capability}`, async () => {
            const p = provider();
            for (const { key, data } of vectors) await expectUnsupported(p, capability, () => p.hmac(hash, key, data));
            await expectUnsupported(p, capability, () => p.hmac(hash, offsetView(repeat(0xaa, 131)), offsetView(repeat(0xdd, 50))));
          });
          return;
        }

        it.each(vectors)('matches $name', async ({ key, data, macs, truncatedTo }) => {
          const out = await provider().hmac(hash, key, data);
          expectPlainBytes(out);
          expect(out.length).toBe(outputLength);
          expect(truncatedTo === undefined ? out : out.subarray(0, truncatedTo)).toEqual(hex(macs[hash]!));
        });

        it('reads inputs given as views at an offset into a larger buffer', async () => {
          const p = provider();
          for (const { key, data, macs, truncatedTo } of vectors) {
            const out = await p.hmac(hash, offsetView(key), offsetView(data));
            expect(truncatedTo === undefined ? out : out.subarray(0, truncatedTo)).toEqual(hex(macs[hash]!));
          }
        });

        it('leaves its inputs untouched and returns a fresh array every time', async () => {
          const p = provider();
          await fc.assert(
            fc.asyncProperty(fc.uint8Array({ maxLength: 2 * blockSize + 3 }), fc.uint8Array({ maxLength: 512 }), async (key, data) => {
              const before = [key.slice(), data.slice()];
              const first = await p.hmac(hash, key, data);
              const second = await p.hmac(hash, key, data);
              expect(first).not.toBe(second);
              expect(second).toEqual(first);
              first.fill(0); // a provider that hands out a cached or shared array would now go wrong
              expect(await p.hmac(hash, key, data)).toEqual(second);
              expect([key, data]).toEqual(before);
            }),
            { numRuns: 30 },
          );
        });

        it('zero-pads keys up to the block and hashes longer ones (RFC 2104)', async () => {
          const p = provider();
          const data = utf8Encode('pocket-kms');
          const empty = await p.hmac(hash, new Uint8Array(), data);
          expect(await p.hmac(hash, new Uint8Array(1), data)).toEqual(empty);
          expect(await p.hmac(hash, new Uint8Array(blockSize), data)).toEqual(empty);
          // Truncating a longer key to the block instead of hashing it would make these equal.
          expect(await p.hmac(hash, new Uint8Array(blockSize + 1), data)).not.toEqual(empty);
        });
      });
    }

    describe('HMAC', () => {
      it('refuses a hash that is not an HmacHash with a RangeError', async () => {
        const p = provider();
        for (const hash of ['SHA-1', 'sha256', 'SHA-512/256', 'toString', '__proto__', '']) {
          expect(await failure(() => p.hmac(hash as HmacHash, new Uint8Array(32), new Uint8Array())), hash).toBeInstanceOf(RangeError);
        }
      });

      it('treats one key array used for AES-GCM and for HMAC independently', async () => {
        // Catches a provider whose per-key cache mixes up what a key was prepared for.
        const p = provider();
        const { key, nonce, aad, plaintext, sealed } = GCM_VECTORS[2]!;
        const shared = key.slice();
        expect(await p.aesGcmSeal(shared, nonce, plaintext, aad)).toEqual(sealed);
        expect(await p.hmac('SHA-256', shared, plaintext)).toEqual(await p.hmac('SHA-256', key.slice(), plaintext));
        expect(await p.aesGcmOpen(shared, nonce, sealed, aad)).toEqual(plaintext);
      });

      it('keeps one key array used with every hash and for HKDF apart, also concurrently', async () => {
        // An HMAC key prepared for one hash (a WebCrypto CryptoKey, say) is wrong for any other.
        const p = provider();
        const { key, data, macs } = RFC4231_VECTORS[5]!;
        const info = utf8Encode('info');
        const expectedOkm = await p.hkdfSha256Expand(key.slice(), info, 100);
        const hashes = HMAC_HASHES.map(({ hash }) => hash).filter((hash) => !lacks.has(HMAC_CAPABILITY[hash]));
        const shared = key.slice();
        for (let round = 0; round < 2; round++) {
          const [okm, ...outs] = await Promise.all([
            p.hkdfSha256Expand(shared, info, 100),
            ...hashes.map((hash) => p.hmac(hash, shared, data)),
            ...hashes.map((hash) => p.hmac(hash, shared, data)),
          ]);
          expect(okm).toEqual(expectedOkm);
          expect(outs).toEqual([...hashes, ...hashes].map((hash) => hex(macs[hash]!)));
        }
      });
    });

    describe('HKDF-SHA-256 Expand', () => {
      it.each(HKDF_VECTORS)('matches $name', async ({ prk, info, okm }) => {
        const expected = hex(okm);
        const out = await provider().hkdfSha256Expand(prk, info, expected.length);
        expectPlainBytes(out);
        expect(out).toEqual(expected);
      });

      it('reads inputs given as views at an offset into a larger buffer', async () => {
        const { prk, info, okm } = HKDF_VECTORS[1]!;
        expect(await provider().hkdfSha256Expand(offsetView(prk), offsetView(info), okm.length / 2)).toEqual(hex(okm));
      });

      it('gives prefixes of the longest output at every block boundary', async () => {
        const p = provider();
        const { prk, info } = HKDF_VECTORS[0]!;
        const full = await p.hkdfSha256Expand(prk, info, MAX_HKDF_LENGTH);
        expect(full.length).toBe(MAX_HKDF_LENGTH);
        for (const length of [1, 31, 32, 33, 64, 65, MAX_HKDF_LENGTH - 1]) {
          expect(await p.hkdfSha256Expand(prk, info, length), `length ${length}`).toEqual(full.subarray(0, length));
        }
      });

      it.each([0, MAX_HKDF_LENGTH + 1, -1, 1.5])('refuses length %d with a RangeError', async (length) => {
        const { prk, info } = HKDF_VECTORS[0]!;
        expect(await failure(() => provider().hkdfSha256Expand(prk, info, length))).toBeInstanceOf(RangeError);
      });

      it('refuses a PRK shorter than the hash', async () => {
        await failure(() => provider().hkdfSha256Expand(new Uint8Array(31), new Uint8Array(), 32));
      });
    });

    describe('signatures: common checks', () => {
      it('refuses an unknown curve or hash with a RangeError', async () => {
        const p = provider();
        const message = { message: new Uint8Array(1) };
        for (const curve of ['P-224', 'p256', 'X25519', 'toString', '__proto__', '']) {
          expect(await failure(() => p.generateSigningKeyPair(curve as SigningCurve)), curve).toBeInstanceOf(RangeError);
          expect(await failure(() => p.sign(curve as SigningCurve, 'SHA-256', new Uint8Array(), message)), curve).toBeInstanceOf(RangeError);
          expect(await failure(() => p.verify(curve as SigningCurve, 'SHA-256', new Uint8Array(), message, new Uint8Array())), curve).toBeInstanceOf(RangeError);
        }
        const curve = SIGNING_CURVES.find((c) => !isEdwards(c) && !lacks.has(SIGNING_CAPABILITY[c]));
        if (curve === undefined) return;
        const { privateKey, publicKey } = await p.generateSigningKeyPair(curve);
        for (const hash of ['SHA-1', 'SHA-224', 'sha256', 'toString', '']) {
          expect(await failure(() => p.sign(curve, hash as DigestHash, privateKey, message)), hash).toBeInstanceOf(RangeError);
          expect(await failure(() => p.verify(curve, hash as DigestHash, publicKey, message, new Uint8Array(8))), hash).toBeInstanceOf(RangeError);
        }
        for (const input of [{}, { message: new Uint8Array(), digest: new Uint8Array(32) }, { message: 'text' }, null]) {
          expect(await failure(() => p.sign(curve, 'SHA-256', privateKey, input as SignatureInput)), JSON.stringify(input)).toBeInstanceOf(RangeError);
        }
      });
    });

    for (const curve of SIGNING_CURVES) {
      const capability = SIGNING_CAPABILITY[curve];
      if (lacks.has(capability)) {
        describe(`signatures on ${curve} (lacked)`, () => {
          it(`refuses every ${curve} operation with UnsupportedCapabilityError`, async () => {
            const p = provider();
            const message = { message: new Uint8Array(1) };
            await expectUnsupported(p, capability, () => p.generateSigningKeyPair(curve));
            await expectUnsupported(p, capability, () => p.sign(curve, NATURAL_HASH[curve], new Uint8Array(), message));
            await expectUnsupported(p, capability, () => p.verify(curve, NATURAL_HASH[curve], new Uint8Array(), message, new Uint8Array()));
          });
        });
        continue;
      }

      describe(`signatures on ${curve}`, () => {
        let pair: Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> | undefined;
        const keys = () => (pair ??= provider().generateSigningKeyPair(curve));
        const message = utf8Encode(`pocket-kms signs on ${curve}`);

        it('generates fresh keys in the strict PKCS#8 / SPKI encoding', async () => {
          const p = provider();
          const [a, b] = await Promise.all([p.generateSigningKeyPair(curve), keys()]);
          for (const k of [a, b]) {
            expectPlainBytes(k.privateKey);
            expectPlainBytes(k.publicKey);
            expectStrictKeyPair(curve, k);
          }
          expect(a.privateKey).not.toEqual(b.privateKey);
          expect(a.publicKey).not.toEqual(b.publicKey);
        });

        it.each(hashesFor(curve))('signs and verifies with %s; a changed message, signature or key fails', async (hash) => {
          const p = provider();
          const { privateKey, publicKey } = await keys();
          const signature = await p.sign(curve, hash, privateKey, { message });
          expectPlainBytes(signature);
          if (isEdwards(curve)) expect(signature).toHaveLength(64);
          else decodeEcdsaSignature(curve, signature); // strict DER
          expect(await p.verify(curve, hash, publicKey, { message }, signature)).toBe(true);
          expect(await p.verify(curve, hash, offsetView(publicKey), { message: offsetView(message) }, offsetView(signature))).toBe(true);
          expect(await p.sign(curve, hash, offsetView(privateKey), { message: offsetView(message) }).then((s) => p.verify(curve, hash, publicKey, { message }, s))).toBe(true);
          expect(await p.verify(curve, hash, publicKey, { message: flipBit(message, 3) }, signature)).toBe(false);
          expect(await p.verify(curve, hash, publicKey, { message: message.subarray(1) }, signature)).toBe(false);
          const other = await p.generateSigningKeyPair(curve);
          expect(await p.verify(curve, hash, other.publicKey, { message }, signature)).toBe(false);
          if (!isEdwards(curve)) {
            const otherHash = hash === 'SHA-256' ? 'SHA-384' : 'SHA-256';
            expect(await p.verify(curve, otherHash, publicKey, { message }, signature)).toBe(false);
          }
        });

        it('returns false, never throws, for any changed or malformed signature', async () => {
          const p = provider();
          const { privateKey, publicKey } = await keys();
          const hash = NATURAL_HASH[curve];
          const signature = await p.sign(curve, hash, privateKey, { message });
          await fc.assert(
            fc.asyncProperty(fc.nat(), async (n) => {
              expect(await p.verify(curve, hash, publicKey, { message }, flipBit(signature, n % (signature.length * 8)))).toBe(false);
            }),
            { numRuns: 25 },
          );
          const garbage: Uint8Array[] = [
            new Uint8Array(),
            signature.subarray(0, signature.length - 1),
            concat(signature, Uint8Array.of(0)),
            new Uint8Array(signature.length),
            new Uint8Array(signature.length).fill(0xff),
            new Uint8Array(64),
            Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01), // r = 0
            Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01),
            'not bytes' as unknown as Uint8Array,
          ];
          if (!isEdwards(curve)) {
            const [r, s] = splitRaw(curve, decodeEcdsaSignature(curve, signature));
            garbage.push(decodeEcdsaSignature(curve, signature)); // raw r ‖ s is not DER
            garbage.push(derSignature(Uint8Array.of(...(r[0]! >= 0x80 ? [0, 0] : [0]), ...r), s)); // non-minimal r (one zero byte too many)
            garbage.push(derSignature(r, fromBigInt(EC_ORDERS[curve] + toBigInt(s), ecScalarLength(curve) + 1))); // s + n
          }
          for (const [i, bad] of garbage.entries()) {
            expect(await p.verify(curve, hash, publicKey, { message }, bad), `garbage ${i}`).toBe(false);
          }
        });

        if (curve === 'Ed25519') {
          it('matches RFC 8032 §7.1 TEST 1, byte for byte', async () => {
            const p = provider();
            const signature = await p.sign(curve, 'SHA-512', ED25519_VECTOR.pkcs8, { message: new Uint8Array() });
            expect(signature).toEqual(ED25519_VECTOR.signature);
            expect(await p.verify(curve, 'SHA-512', ED25519_VECTOR.spki, { message: new Uint8Array() }, ED25519_VECTOR.signature)).toBe(true);
          });
        }

        if (curve === 'Ed25519ph') {
          it('matches RFC 8032 §7.3 (Ed25519ph, "abc"), byte for byte', async () => {
            const p = provider();
            const { pkcs8, spki, message: abc, signature } = ED25519PH_VECTOR;
            expect(await p.sign(curve, 'SHA-512', pkcs8, { message: abc })).toEqual(signature);
            expect(await p.verify(curve, 'SHA-512', spki, { message: abc }, signature)).toBe(true);
            expect(await p.verify(curve, 'SHA-512', spki, { message: utf8Encode('abd') }, signature)).toBe(false);
          });

          it('keeps Ed25519ph and pure Ed25519 apart: neither verifies as the other (RFC 8032 domain separation)', async () => {
            const p = provider();
            const { privateKey, publicKey } = await keys();
            const prehashed = await p.sign('Ed25519ph', 'SHA-512', privateKey, { message });
            expect(await p.verify('Ed25519ph', 'SHA-512', publicKey, { message }, prehashed)).toBe(true);
            if (lacks.has(SIGNING_CAPABILITY.Ed25519)) return;
            const pure = await p.sign('Ed25519', 'SHA-512', privateKey, { message });
            expect(pure).not.toEqual(prehashed);
            expect(await p.verify('Ed25519', 'SHA-512', publicKey, { message }, prehashed)).toBe(false);
            expect(await p.verify('Ed25519ph', 'SHA-512', publicKey, { message }, pure)).toBe(false);
            // Nor is Ed25519ph pure Ed25519 over SHA-512(message): the dom2 prefix tells them apart.
            expect(await p.verify('Ed25519', 'SHA-512', publicKey, { message: digestOf('SHA-512', message) }, prehashed)).toBe(false);
          });
        }

        if (isEdwards(curve)) {
          it('refuses any hash but SHA-512, and { digest } input, with a RangeError', async () => {
            const p = provider();
            const { privateKey, publicKey } = await keys();
            for (const hash of ['SHA-256', 'SHA-384'] as const) {
              expect(await failure(() => p.sign(curve, hash, privateKey, { message }))).toBeInstanceOf(RangeError);
              expect(await failure(() => p.verify(curve, hash, publicKey, { message }, new Uint8Array(64)))).toBeInstanceOf(RangeError);
            }
            const digest = { digest: digestOf('SHA-512', message) };
            expect(await failure(() => p.sign(curve, 'SHA-512', privateKey, digest))).toBeInstanceOf(RangeError);
            expect(await failure(() => p.verify(curve, 'SHA-512', publicKey, digest, new Uint8Array(64)))).toBeInstanceOf(RangeError);
          });
        } else {
          const ec: EcCurve = curve;
          it('verifies the high-S twin of a signature (low S is not required)', async () => {
            const p = provider();
            const { privateKey, publicKey } = await keys();
            const signature = await p.sign(ec, NATURAL_HASH[ec], privateKey, { message });
            expect(await p.verify(ec, NATURAL_HASH[ec], publicKey, { message }, otherS(ec, signature))).toBe(true);
          });

          if (prehashes(expected)) {
            it.each(DIGEST_HASHES)('signs and verifies a %s digest exactly as the message it is the hash of', async (hash) => {
              const p = provider();
              const { privateKey, publicKey } = await keys();
              const digest = digestOf(hash, message);
              const overDigest = await p.sign(ec, hash, privateKey, { digest });
              const overMessage = await p.sign(ec, hash, privateKey, { message });
              expectPlainBytes(overDigest);
              for (const signature of [overDigest, overMessage]) {
                expect(await p.verify(ec, hash, publicKey, { digest }, signature)).toBe(true);
                expect(await p.verify(ec, hash, publicKey, { message }, signature)).toBe(true);
                expect(await p.verify(ec, hash, publicKey, { digest: flipBit(digest, 0) }, signature)).toBe(false);
              }
            });
          } else {
            it('refuses { digest } input with UnsupportedCapabilityError (message input only)', async () => {
              const p = provider();
              const { privateKey, publicKey } = await keys();
              const digest = { digest: digestOf(NATURAL_HASH[ec], message) };
              await expectUnsupported(p, 'ecdsa-digest', () => p.sign(ec, NATURAL_HASH[ec], privateKey, digest));
              await expectUnsupported(p, 'ecdsa-digest', () => p.verify(ec, NATURAL_HASH[ec], publicKey, digest, new Uint8Array(8)));
            });
          }

          it('refuses a digest of the wrong length with a RangeError', async () => {
            const p = provider();
            const { privateKey, publicKey } = await keys();
            for (const [hash, length] of [['SHA-256', 48], ['SHA-384', 32], ['SHA-512', 0], ['SHA-256', 33]] as const) {
              expect(await failure(() => p.sign(ec, hash, privateKey, { digest: new Uint8Array(length) }))).toBeInstanceOf(RangeError);
              expect(await failure(() => p.verify(ec, hash, publicKey, { digest: new Uint8Array(length) }, new Uint8Array(8)))).toBeInstanceOf(RangeError);
            }
          });

          it('refuses a public point that is not on the curve with a RangeError', async () => {
            const { publicKey } = await keys();
            const bad = publicKey.slice();
            bad[bad.length - 1]! ^= 1;
            expect(await failure(() => provider().verify(ec, NATURAL_HASH[ec], bad, { message }, new Uint8Array(8)))).toBeInstanceOf(RangeError);
          });
        }

        it('refuses malformed or wrong-curve PKCS#8 and SPKI with a RangeError', async () => {
          const p = provider();
          const { privateKey, publicKey } = await keys();
          const hash = NATURAL_HASH[curve];
          const badPrivate = malformedDer(privateKey);
          const badPublic = malformedDer(publicKey);
          // The other key type, and keys of another curve.
          badPrivate.push(['an SPKI', publicKey]);
          badPublic.push(['a PKCS#8 key', privateKey]);
          // Ed25519 and Ed25519ph share their keys: neither is another curve for the other, and the
          // ECDSA curves need only one Edwards key to refuse.
          for (const other of SIGNING_CURVES) {
            if (other === curve || (isEdwards(other) && isEdwards(curve)) || other === 'Ed25519ph') continue;
            badPrivate.push([`a ${other} key`, isEdwards(other) ? ED25519_VECTOR.pkcs8 : await sampleEcKey(other, 'private')]);
            badPublic.push([`a ${other} key`, isEdwards(other) ? ED25519_VECTOR.spki : await sampleEcKey(other, 'public')]);
          }
          if (isEdwards(curve)) {
            badPrivate.push(['version 1', replaceBytes(privateKey, Uint8Array.of(0x02, 0x01, 0x00), Uint8Array.of(0x02, 0x01, 0x01))]);
            badPublic.push(['with a nonzero unused-bits count', replaceBytes(publicKey, Uint8Array.of(0x03, 0x21, 0x00), Uint8Array.of(0x03, 0x21, 0x01))]);
          } else {
            const point = decodeEcSpki(curve, publicKey);
            badPublic.push(['with a compressed point', compressedEcSpki(curve, publicKey)]);
            badPublic.push(['with point type 0x06 (hybrid)', replaceBytes(publicKey, point.subarray(0, 2), Uint8Array.of(0x06, point[1]!))]);
            badPrivate.push(['PKCS#8 version 1', replaceBytes(privateKey, Uint8Array.of(0x02, 0x01, 0x00), Uint8Array.of(0x02, 0x01, 0x01))]);
            badPrivate.push(['ECPrivateKey version 2', replaceBytes(privateKey, Uint8Array.of(0x02, 0x01, 0x01, 0x04), Uint8Array.of(0x02, 0x01, 0x02, 0x04))]);
            badPrivate.push(['private key 0', replaceBytes(privateKey, decodeEcPkcs8(curve, privateKey), new Uint8Array(ecScalarLength(curve)))]);
            badPrivate.push(['private key n', replaceBytes(privateKey, decodeEcPkcs8(curve, privateKey), fromBigInt(EC_ORDERS[curve], ecScalarLength(curve)))]);
          }
          for (const [what, der] of badPrivate) {
            expect(await failure(() => p.sign(curve, hash, der, { message })), `private key ${what}`).toBeInstanceOf(RangeError);
          }
          for (const [what, der] of badPublic) {
            expect(await failure(() => p.verify(curve, hash, der, { message }, new Uint8Array(64))), `public key ${what}`).toBeInstanceOf(RangeError);
          }
        });
      });
    }

    describe('ECDH and ML-DSA: common checks', () => {
      it('refuses an unknown ECDH curve or ML-DSA parameter set with a RangeError', async () => {
        const p = provider();
        for (const curve of ['secp256k1', 'Ed25519', 'X25519', 'P-224', 'p256', 'toString', '__proto__', '']) {
          expect(await failure(() => p.ecdh(curve as EcdhCurve, new Uint8Array(), new Uint8Array())), curve).toBeInstanceOf(RangeError);
        }
        for (const level of ['ML-DSA-22', 'ml-dsa-44', 'Dilithium2', 'toString', '__proto__', '']) {
          const input = { message: new Uint8Array(1) };
          expect(await failure(() => p.generateMlDsaKeyPair(level as MlDsaLevel)), level).toBeInstanceOf(RangeError);
          expect(await failure(() => p.mlDsaSign(level as MlDsaLevel, new Uint8Array(), input)), level).toBeInstanceOf(RangeError);
          expect(await failure(() => p.mlDsaVerify(level as MlDsaLevel, new Uint8Array(), input, new Uint8Array())), level).toBeInstanceOf(RangeError);
        }
      });
    });

    for (const curve of ECDH_CURVES) {
      const capability = ECDH_CAPABILITY[curve];
      const vector = ECDH_VECTORS[curve];
      const initiator = ecKeyPair(curve, vector.i);
      const responder = ecKeyPair(curve, vector.r);
      const fieldLength = ecScalarLength(curve);

      if (lacks.has(capability)) {
        describe(`ECDH on ${curve} (lacked)`, () => {
          it(`is refused with UnsupportedCapabilityError naming ${capability}`, async () => {
            const p = provider();
            await expectUnsupported(p, capability, () => p.ecdh(curve, initiator.privateKey, responder.publicKey));
          });
        });
        continue;
      }

      describe(`ECDH on ${curve}`, () => {
        it(`matches RFC 5903 §${vector.section} in both directions`, async () => {
          const p = provider();
          const shared = await p.ecdh(curve, initiator.privateKey, responder.publicKey);
          expectPlainBytes(shared);
          expect(shared).toEqual(hex(vector.shared));
          expect(await p.ecdh(curve, responder.privateKey, initiator.publicKey)).toEqual(hex(vector.shared));
          expect(await p.ecdh(curve, offsetView(initiator.privateKey), offsetView(responder.publicKey))).toEqual(hex(vector.shared));
        });

        it(`agrees in both directions on fresh keys, always ${fieldLength} bytes, uncompressed or compressed`, async () => {
          const p = provider();
          for (let round = 0; round < 4; round++) {
            const [a, b] = await Promise.all([p.generateSigningKeyPair(curve), p.generateSigningKeyPair(curve)]);
            const ab = await p.ecdh(curve, a.privateKey, b.publicKey);
            expect(ab).toHaveLength(fieldLength);
            expect(await p.ecdh(curve, b.privateKey, a.publicKey)).toEqual(ab);
            expect(await p.ecdh(curve, a.privateKey, compressedEcSpki(curve, b.publicKey))).toEqual(ab);
            // The shared secret is x of d_a·Q_b, independently computed.
            const x = ECDH_NOBLE[curve].getSharedSecret(decodeEcPkcs8(curve, a.privateKey), decodeEcSpki(curve, b.publicKey), true).subarray(1);
            expect(ab).toEqual(x);
          }
        });

        it('returns a fresh array every time, leaving the keys untouched', async () => {
          const p = provider();
          const before = [initiator.privateKey.slice(), responder.publicKey.slice()];
          const first = await p.ecdh(curve, initiator.privateKey, responder.publicKey);
          first.fill(0);
          expect(await p.ecdh(curve, initiator.privateKey, responder.publicKey)).toEqual(hex(vector.shared));
          expect([initiator.privateKey, responder.publicKey]).toEqual(before);
        });

        it('refuses malformed, wrong-curve or off-curve peer keys with a RangeError', async () => {
          const p = provider();
          const point = decodeEcSpki(curve, responder.publicKey);
          const header = responder.publicKey.subarray(0, responder.publicKey.length - point.length - 1);
          const withY = point.slice();
          withY[withY.length - 1]! ^= 1;
          // Well-formed DER around points that are not on the curve: the provider has to check.
          const offCurve: Array<[string, Uint8Array]> = [
            ['a point with y changed', rewrap(header, withY)],
            ['the point (0, 0)', rewrap(header, concat(Uint8Array.of(0x04), new Uint8Array(2 * fieldLength)))],
            ['a compressed x with no point on the curve', rewrap(header, concat(Uint8Array.of(0x02), xWithoutPoint(curve)))],
            ['a compressed x of all ones (not a field element)', rewrap(header, concat(Uint8Array.of(0x03), repeat(0xff, fieldLength)))],
          ];
          for (const [what, der] of offCurve) expect(() => decodeEcPeerSpki(curve, der), what).not.toThrow();
          const unusedBits = responder.publicKey.slice();
          unusedBits[unusedBits.length - point.length - 1] = 1;
          const bad = [...offCurve, ...malformedDer(responder.publicKey)];
          bad.push(
            ['a PKCS#8 key', responder.privateKey],
            ['the point at infinity (SEC 1: a single zero byte)', rewrap(header, Uint8Array.of(0x00))],
            ['point type 0x06 (hybrid)', rewrap(header, concat(Uint8Array.of(0x06 + (point[point.length - 1]! & 1)), point.subarray(1)))],
            ['point type 0x05', rewrap(header, concat(Uint8Array.of(0x05), point.subarray(1)))],
            ['a compressed point with a byte too many', rewrap(header, concat(compressPoint(point), Uint8Array.of(0)))],
            ['an uncompressed point without its type byte', rewrap(header, point.subarray(1))],
            ['a nonzero unused-bits count', unusedBits],
            ['an Ed25519 key', ED25519_VECTOR.spki],
            ['a secp256k1 key', await sampleEcKey('secp256k1', 'public')],
          );
          for (const other of ECDH_CURVES) if (other !== curve) bad.push([`a ${other} key`, ecKeyPair(other, ECDH_VECTORS[other].r).publicKey]);
          for (const [what, der] of bad) {
            expect(await failure(() => p.ecdh(curve, initiator.privateKey, der)), `peer key ${what}`).toBeInstanceOf(RangeError);
          }
        });

        it('refuses malformed or wrong-curve private keys with a RangeError', async () => {
          const p = provider();
          const bad = malformedDer(initiator.privateKey);
          bad.push(
            ['an SPKI', initiator.publicKey],
            ['private key 0', replaceBytes(initiator.privateKey, hex(vector.i), new Uint8Array(fieldLength))],
            ['an Ed25519 key', ED25519_VECTOR.pkcs8],
            ['a secp256k1 key', await sampleEcKey('secp256k1', 'private')],
          );
          for (const other of ECDH_CURVES) if (other !== curve) bad.push([`a ${other} key`, ecKeyPair(other, ECDH_VECTORS[other].i).privateKey]);
          for (const [what, der] of bad) {
            expect(await failure(() => p.ecdh(curve, der, responder.publicKey)), `private key ${what}`).toBeInstanceOf(RangeError);
          }
        });
      });
    }

    for (const level of ML_DSA_LEVELS) {
      const capability = ML_DSA_CAPABILITY[level];
      if (lacks.has(capability)) {
        describe(`${level} (lacked)`, () => {
          it(`refuses every ${level} operation with UnsupportedCapabilityError naming ${capability}`, async () => {
            const p = provider();
            const input = { message: new Uint8Array(1) };
            const example = ML_DSA_RFC9881_EXAMPLES[level];
            const pkcs8 = concat(hex(example.pkcs8Header), RFC9881_SEED);
            const spki = concat(hex(example.spkiHeader), new Uint8Array(ML_DSA_LENGTHS[level].publicKey));
            await expectUnsupported(p, capability, () => p.generateMlDsaKeyPair(level));
            await expectUnsupported(p, capability, () => p.mlDsaSign(level, pkcs8, input));
            await expectUnsupported(p, capability, () => p.mlDsaVerify(level, spki, input, new Uint8Array(ML_DSA_LENGTHS[level].signature)));
          });
        });
        continue;
      }

      describe(level, () => {
        let pair: Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> | undefined;
        const keys = () => (pair ??= provider().generateMlDsaKeyPair(level));
        const lengths = ML_DSA_LENGTHS[level];
        const example = ML_DSA_RFC9881_EXAMPLES[level];
        const message = utf8Encode(`pocket-kms signs with ${level}`);

        it('generates fresh keys: PKCS#8 with the seed only, SPKI with the raw public key, the seed making that key', async () => {
          const p = provider();
          const [a, b] = await Promise.all([p.generateMlDsaKeyPair(level), keys()]);
          for (const k of [a, b]) {
            expectPlainBytes(k.privateKey);
            expectPlainBytes(k.publicKey);
            expect(k.privateKey.subarray(0, 22)).toEqual(hex(example.pkcs8Header));
            expect(k.privateKey).toHaveLength(22 + 32);
            expect(k.publicKey.subarray(0, 22)).toEqual(hex(example.spkiHeader));
            expect(k.publicKey).toHaveLength(22 + lengths.publicKey);
            // FIPS 204 ML-DSA.KeyGen_internal(ξ), run independently, gives the very same public key.
            expect(ML_DSA_NOBLE[level].keygen(decodeMlDsaPkcs8(level, k.privateKey)).publicKey).toEqual(decodeMlDsaSpki(level, k.publicKey));
          }
          expect(a.privateKey).not.toEqual(b.privateKey);
          expect(a.publicKey).not.toEqual(b.publicKey);
        });

        it('signs with the key RFC 9881 derives from its example seed', async () => {
          const p = provider();
          const pkcs8 = concat(hex(example.pkcs8Header), RFC9881_SEED);
          expect(encodeMlDsaPkcs8(level, RFC9881_SEED)).toEqual(pkcs8);
          const publicKey = ML_DSA_NOBLE[level].keygen(RFC9881_SEED).publicKey;
          expect(sha256(publicKey)).toEqual(hex(example.publicKeySha256));
          const spki = concat(hex(example.spkiHeader), publicKey);
          expect(encodeMlDsaSpki(level, publicKey)).toEqual(spki);
          const signature = await p.mlDsaSign(level, pkcs8, { message });
          expect(await p.mlDsaVerify(level, spki, { message }, signature)).toBe(true);
          expect(ML_DSA_NOBLE[level].verify(signature, message, publicKey)).toBe(true);
        });

        it('signs and verifies a message, hedged; a changed message or key fails', async () => {
          const p = provider();
          const { privateKey, publicKey } = await keys();
          const signature = await p.mlDsaSign(level, privateKey, { message });
          expectPlainBytes(signature);
          expect(signature).toHaveLength(lengths.signature);
          expect(await p.mlDsaVerify(level, publicKey, { message }, signature)).toBe(true);
          expect(await p.mlDsaVerify(level, offsetView(publicKey), { message: offsetView(message) }, offsetView(signature))).toBe(true);
          const fromView = await p.mlDsaSign(level, offsetView(privateKey), { message: offsetView(message) });
          expect(await p.mlDsaVerify(level, publicKey, { message }, fromView)).toBe(true);
          // Hedged: fresh randomness in every signature (FIPS 204 §3.4), so two never repeat.
          expect(await p.mlDsaSign(level, privateKey, { message })).not.toEqual(signature);
          expect(await p.mlDsaVerify(level, publicKey, { message: flipBit(message, 3) }, signature)).toBe(false);
          expect(await p.mlDsaVerify(level, publicKey, { message: message.subarray(1) }, signature)).toBe(false);
          const other = await p.generateMlDsaKeyPair(level);
          expect(await p.mlDsaVerify(level, other.publicKey, { message }, signature)).toBe(false);
          expect(ML_DSA_NOBLE[level].verify(signature, message, decodeMlDsaSpki(level, publicKey))).toBe(true);
        });

        it('signs an external μ (FIPS 204 §6.2) exactly as the message it stands for, and the other way round', async () => {
          const p = provider();
          const { privateKey, publicKey } = await keys();
          const mu = externalMu(decodeMlDsaSpki(level, publicKey), message);
          const overMu = await p.mlDsaSign(level, privateKey, { mu });
          const overMessage = await p.mlDsaSign(level, privateKey, { message });
          expect(overMu).toHaveLength(lengths.signature);
          for (const signature of [overMu, overMessage]) {
            expect(await p.mlDsaVerify(level, publicKey, { message }, signature)).toBe(true);
            expect(await p.mlDsaVerify(level, publicKey, { mu }, signature)).toBe(true);
            expect(await p.mlDsaVerify(level, publicKey, { mu: flipBit(mu, 0) }, signature)).toBe(false);
          }
          // μ binds the public key: computed for another key, it signs something else.
          const other = await p.generateMlDsaKeyPair(level);
          const otherMu = externalMu(decodeMlDsaSpki(level, other.publicKey), message);
          expect(await p.mlDsaVerify(level, publicKey, { message }, await p.mlDsaSign(level, privateKey, { mu: otherMu }))).toBe(false);
        });

        it('returns false, never throws, for any changed or malformed signature', async () => {
          const p = provider();
          const { privateKey, publicKey } = await keys();
          const signature = await p.mlDsaSign(level, privateKey, { message });
          await fc.assert(
            fc.asyncProperty(fc.nat(), async (n) => {
              expect(await p.mlDsaVerify(level, publicKey, { message }, flipBit(signature, n % (signature.length * 8)))).toBe(false);
            }),
            { numRuns: 10 },
          );
          const garbage: Uint8Array[] = [
            new Uint8Array(),
            signature.subarray(0, signature.length - 1),
            concat(signature, Uint8Array.of(0)),
            new Uint8Array(signature.length),
            new Uint8Array(signature.length).fill(0xff),
            new Uint8Array(64),
            'not bytes' as unknown as Uint8Array,
          ];
          for (const [i, bad] of garbage.entries()) {
            expect(await p.mlDsaVerify(level, publicKey, { message }, bad), `garbage ${i}`).toBe(false);
          }
        });

        it('refuses a μ of the wrong length, and malformed input, with a RangeError', async () => {
          const p = provider();
          const { privateKey, publicKey } = await keys();
          const signature = new Uint8Array(lengths.signature);
          for (const length of [0, 32, 63, 65, 128]) {
            expect(await failure(() => p.mlDsaSign(level, privateKey, { mu: new Uint8Array(length) })), `mu of ${length}`).toBeInstanceOf(RangeError);
            expect(await failure(() => p.mlDsaVerify(level, publicKey, { mu: new Uint8Array(length) }, signature)), `mu of ${length}`).toBeInstanceOf(RangeError);
          }
          for (const input of [{}, { message: new Uint8Array(), mu: new Uint8Array(64) }, { message: 'text' }, { mu: 'x'.repeat(64) }, null]) {
            expect(await failure(() => p.mlDsaSign(level, privateKey, input as MlDsaInput)), JSON.stringify(input)).toBeInstanceOf(RangeError);
            expect(await failure(() => p.mlDsaVerify(level, publicKey, input as MlDsaInput, signature)), JSON.stringify(input)).toBeInstanceOf(RangeError);
          }
        });

        it('refuses malformed or wrong-level PKCS#8 and SPKI with a RangeError', async () => {
          const p = provider();
          const { privateKey, publicKey } = await keys();
          const seed = decodeMlDsaPkcs8(level, privateKey);
          const raw = decodeMlDsaSpki(level, publicKey);
          const expandedKey = ML_DSA_NOBLE[level].keygen(seed).secretKey;
          const algorithm = (of: MlDsaLevel) => tlv(0x30, mlDsaOid(of));
          const withNull = tlv(0x30, concat(mlDsaOid(level), Uint8Array.of(0x05, 0x00)));
          const pkcs8With = (choice: Uint8Array, identifier = algorithm(level)) => tlv(0x30, concat(concat(Uint8Array.of(0x02, 0x01, 0x00), identifier), tlv(0x04, choice)));
          const spkiWith = (bits: Uint8Array, identifier = algorithm(level)) => tlv(0x30, concat(identifier, tlv(0x03, bits)));
          // The builders make the real keys from their parts, so each variant below differs in one thing.
          expect(pkcs8With(tlv(0x80, seed))).toEqual(privateKey);
          expect(spkiWith(concat(Uint8Array.of(0), raw))).toEqual(publicKey);
          const badPrivate = malformedDer(privateKey);
          const badPublic = malformedDer(publicKey);
          badPrivate.push(
            ['an SPKI', publicKey],
            ['an Ed25519 key', ED25519_VECTOR.pkcs8],
            // RFC 9881's other two private-key choices: the expanded key, and the seed and expanded key together.
            ['the expandedKey form', pkcs8With(tlv(0x04, expandedKey))],
            ['the both form', pkcs8With(tlv(0x30, concat(tlv(0x04, seed), tlv(0x04, expandedKey))))],
            ['a seed of 31 bytes', pkcs8With(tlv(0x80, seed.subarray(1)))],
            ['a seed of 33 bytes', pkcs8With(tlv(0x80, concat(seed, Uint8Array.of(0))))],
            ['the seed as an OCTET STRING', pkcs8With(tlv(0x04, seed))],
            ['the seed under a constructed [0]', pkcs8With(tlv(0xa0, tlv(0x04, seed)))],
            ['NULL parameters', pkcs8With(tlv(0x80, seed), withNull)],
            ['version 1', replaceBytes(privateKey, Uint8Array.of(0x02, 0x01, 0x00), Uint8Array.of(0x02, 0x01, 0x01))],
          );
          badPublic.push(
            ['a PKCS#8 key', privateKey],
            ['an Ed25519 key', ED25519_VECTOR.spki],
            ['a public key a byte short', spkiWith(concat(Uint8Array.of(0), raw.subarray(1)))],
            ['a public key a byte long', spkiWith(concat(Uint8Array.of(0), concat(raw, Uint8Array.of(0))))],
            ['a nonzero unused-bits count', spkiWith(concat(Uint8Array.of(1), raw))],
            ['NULL parameters', spkiWith(concat(Uint8Array.of(0), raw), withNull)],
          );
          for (const other of ML_DSA_LEVELS) {
            if (other === level) continue;
            badPrivate.push([`this seed under the ${other} OID`, pkcs8With(tlv(0x80, seed), algorithm(other))]);
            badPublic.push([`this key under the ${other} OID`, spkiWith(concat(Uint8Array.of(0), raw), algorithm(other))]);
            badPublic.push([`an ${other} key`, concat(hex(ML_DSA_RFC9881_EXAMPLES[other].spkiHeader), new Uint8Array(ML_DSA_LENGTHS[other].publicKey))]);
          }
          const signature = await p.mlDsaSign(level, privateKey, { message });
          for (const [what, der] of badPrivate) {
            expect(await failure(() => p.mlDsaSign(level, der, { message })), `private key ${what}`).toBeInstanceOf(RangeError);
          }
          for (const [what, der] of badPublic) {
            expect(await failure(() => p.mlDsaVerify(level, der, { message }, signature)), `public key ${what}`).toBeInstanceOf(RangeError);
          }
        });
      });
    }

    describe('SHA-256', () => {
      it.each(SHA256_VECTORS)('digests $name', async ({ data, digest }) => {
        const out = await provider().sha256(data);
        expectPlainBytes(out);
        expect(out).toEqual(hex(digest));
      });

      it('reads input given as a view at an offset into a larger buffer', async () => {
        const { data, digest } = SHA256_VECTORS[2]!;
        expect(await provider().sha256(offsetView(data))).toEqual(hex(digest));
      });
    });
  });
}

/**
 * Registers agreement tests across providers: for every ordered pair, what one seals the other
 * opens (byte-identical sealing included), and HMAC (over every hash at least two of them declare),
 * HKDF-Expand and SHA-256 agree byte for byte; keys each one makes sign, verify and (ECDH) agree in
 * every other that declares the same capability.
 */
export function crossProviderSuite(
  providers: ReadonlyArray<readonly [name: string, make: () => CryptoProvider, expected?: ConformanceExpectations]>,
): void {
  const instances = new Map<string, CryptoProvider>();
  const get = (name: string, make: () => CryptoProvider): CryptoProvider => {
    let p = instances.get(name);
    if (p === undefined) instances.set(name, (p = make()));
    return p;
  };
  const all = (): CryptoProvider[] => providers.map(([name, make]) => get(name, make));
  const runs = { numRuns: 30 };

  describe(`CryptoProvider agreement: ${providers.map(([name]) => name).join(', ')}`, () => {
    for (const [sealerName, makeSealer] of providers) {
      for (const [openerName, makeOpener] of providers) {
        if (sealerName === openerName) continue;
        it(`${openerName} opens what ${sealerName} seals`, async () => {
          const sealer = get(sealerName, makeSealer);
          const opener = get(openerName, makeOpener);
          await fc.assert(
            fc.asyncProperty(key32, nonce12, plaintextArb, aadArb, async (key, nonce, plaintext, aad) => {
              const sealed = await sealer.aesGcmSeal(key, nonce, plaintext, aad);
              expect(await opener.aesGcmOpen(key, nonce, sealed, aad)).toEqual(plaintext);
              expect(await opener.aesGcmSeal(key, nonce, plaintext, aad)).toEqual(sealed);
            }),
            runs,
          );
        });
      }
    }

    for (const { hash, blockSize } of HMAC_HASHES) {
      const capability = HMAC_CAPABILITY[hash];
      const declaring = providers.filter(([, , expected]) => !expected?.lacks?.includes(capability));
      // Agreement needs two providers; a lone one is held to the RFC 4231 vectors only.
      if (declaring.length < 2) continue;
      it(`computes identical HMAC-${hash} (${declaring.map(([name]) => name).join(', ')}), also from offset views`, async () => {
        const ps = declaring.map(([name, make]) => get(name, make));
        for (const p of ps) expect(p.capabilities.has(capability), p.name).toBe(true);
        await fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 2 * blockSize + 3 }), fc.uint8Array({ maxLength: 1024 }), async (key, data) => {
            const outs = await Promise.all([
              ...ps.map((p) => p.hmac(hash, key, data)),
              ...ps.map((p) => p.hmac(hash, offsetView(key), offsetView(data))),
            ]);
            for (const out of outs) expect(out).toEqual(outs[0]);
          }),
          runs,
        );
      });
    }

    for (const curve of SIGNING_CURVES) {
      const capability = SIGNING_CAPABILITY[curve];
      const declaring = providers.filter(([, , expected]) => !expected?.lacks?.includes(capability));
      if (declaring.length < 2) continue;
      it(`${curve}: keys made by each of ${declaring.map(([name]) => name).join(', ')} sign and verify in every other`, async () => {
        const ps = declaring.map(([name, make, expected]) => ({ p: get(name, make), prehashed: !isEdwards(curve) && prehashes(expected) }));
        for (const { p } of ps) expect(p.capabilities.has(capability), p.name).toBe(true);
        const message = utf8Encode(`interoperable ${curve}`);
        for (const hash of isEdwards(curve) ? hashesFor(curve) : [NATURAL_HASH[curve], 'SHA-512' as const]) {
          const digest = digestOf(hash, message);
          for (const generator of ps) {
            const { privateKey, publicKey } = await generator.p.generateSigningKeyPair(curve);
            expectStrictKeyPair(curve, { privateKey, publicKey });
            const signatures: Array<[string, Uint8Array]> = [];
            for (const signer of ps) {
              signatures.push([`${signer.p.name} over the message`, await signer.p.sign(curve, hash, privateKey, { message })]);
              if (signer.prehashed) signatures.push([`${signer.p.name} over the digest`, await signer.p.sign(curve, hash, privateKey, { digest })]);
            }
            // Ed25519 and Ed25519ph are deterministic: every provider must produce the very same bytes.
            if (isEdwards(curve)) for (const [, signature] of signatures) expect(signature).toEqual(signatures[0]![1]);
            for (const verifier of ps) {
              for (const [what, signature] of signatures) {
                const label = `${generator.p.name} key, ${hash}, ${what}, verified by ${verifier.p.name}`;
                expect(await verifier.p.verify(curve, hash, publicKey, { message }, signature), label).toBe(true);
                expect(await verifier.p.verify(curve, hash, publicKey, { message: message.subarray(1) }, signature), label).toBe(false);
                if (verifier.prehashed) expect(await verifier.p.verify(curve, hash, publicKey, { digest }, signature), label).toBe(true);
              }
            }
          }
        }
      });
    }

    for (const curve of ECDH_CURVES) {
      const capability = ECDH_CAPABILITY[curve];
      const declaring = providers.filter(([, , expected]) => !expected?.lacks?.includes(capability));
      if (declaring.length < 2) continue;
      it(`ECDH ${curve}: ${declaring.map(([name]) => name).join(', ')} derive the same secret from each other's keys`, async () => {
        const ps = declaring.map(([name, make]) => get(name, make));
        const pairs = await Promise.all(ps.map((p) => p.generateSigningKeyPair(curve)));
        for (const [i, a] of pairs.entries()) {
          for (const b of pairs.slice(i + 1)) {
            const outs = await Promise.all(
              ps.flatMap((p) => [p.ecdh(curve, a.privateKey, b.publicKey), p.ecdh(curve, b.privateKey, a.publicKey), p.ecdh(curve, a.privateKey, compressedEcSpki(curve, b.publicKey))]),
            );
            for (const out of outs) expect(out).toEqual(outs[0]);
          }
        }
      });
    }

    for (const level of ML_DSA_LEVELS) {
      const capability = ML_DSA_CAPABILITY[level];
      const declaring = providers.filter(([, , expected]) => !expected?.lacks?.includes(capability));
      if (declaring.length < 2) continue;
      it(`${level}: keys made by each of ${declaring.map(([name]) => name).join(', ')} sign and verify in every other, over a message and over μ`, async () => {
        const ps = declaring.map(([name, make]) => get(name, make));
        const message = utf8Encode(`interoperable ${level}`);
        for (const generator of ps) {
          const { privateKey, publicKey } = await generator.generateMlDsaKeyPair(level);
          const mu = externalMu(decodeMlDsaSpki(level, publicKey), message);
          for (const signer of ps) {
            const signatures = [await signer.mlDsaSign(level, privateKey, { message }), await signer.mlDsaSign(level, privateKey, { mu })];
            for (const verifier of ps) {
              for (const signature of signatures) {
                const label = `${generator.name} key, ${signer.name} signature, verified by ${verifier.name}`;
                expect(await verifier.mlDsaVerify(level, publicKey, { message }, signature), label).toBe(true);
                expect(await verifier.mlDsaVerify(level, publicKey, { mu }, signature), label).toBe(true);
                expect(await verifier.mlDsaVerify(level, publicKey, { message: message.subarray(1) }, signature), label).toBe(false);
              }
            }
          }
        }
      });
    }

    it('computes identical HKDF-SHA-256 Expand', async () => {
      const ps = all();
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ minLength: 32, maxLength: 96 }),
          fc.uint8Array({ maxLength: 300 }),
          fc.integer({ min: 1, max: 1024 }),
          async (prk, info, length) => {
            const outs = await Promise.all(ps.map((p) => p.hkdfSha256Expand(prk, info, length)));
            for (const out of outs) expect(out).toEqual(outs[0]);
          },
        ),
        runs,
      );
    });

    it('computes identical SHA-256', async () => {
      const ps = all();
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (data) => {
          const outs = await Promise.all(ps.map((p) => p.sha256(data)));
          for (const out of outs) expect(out).toEqual(outs[0]);
        }),
        runs,
      );
    });
  });
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function splitRaw(curve: EcCurve, raw: Uint8Array): [Uint8Array, Uint8Array] {
  const length = ecScalarLength(curve);
  return [raw.slice(0, length), raw.slice(length)];
}

/** A DER ECDSA-Sig-Value with `r` and `s` as given, however (mal)formed. */
function derSignature(r: Uint8Array, s: Uint8Array): Uint8Array {
  const ints = concat(concat(Uint8Array.of(0x02, r.length), r), concat(Uint8Array.of(0x02, s.length), s));
  return concat(ints.length < 0x80 ? Uint8Array.of(0x30, ints.length) : Uint8Array.of(0x30, 0x81, ints.length), ints);
}

/** An SPKI with `header` (SEQUENCE, algorithm) re-encoded around `point` as the key. */
function rewrap(header: Uint8Array, point: Uint8Array): Uint8Array {
  // header is `30 len 30 ... 03 len`: take the algorithm from it and rebuild the lengths.
  const algorithmStart = header[1]! < 0x80 ? 2 : 2 + (header[1]! & 0x7f);
  const algorithm = header.subarray(algorithmStart, algorithmStart + 2 + header[algorithmStart + 1]!);
  return tlv(0x30, concat(algorithm, tlv(0x03, concat(Uint8Array.of(0x00), point))));
}

/** A DER element: `tag`, the minimal length (up to 65535), `content`. */
function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return concat(Uint8Array.of(tag, ...length), content);
}

/** The compressed form `02|03 ‖ x` of an uncompressed point `04 ‖ x ‖ y`. */
function compressPoint(point: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(0x02 + (point[point.length - 1]! & 1)), point.subarray(1, 1 + (point.length - 1) / 2));
}

/** The smallest x (as a field element of `curve`) for which x³ − 3x + b has no square root: no point has it. */
function xWithoutPoint(curve: EcdhCurve): Uint8Array {
  const length = ecScalarLength(curve);
  for (let x = 0; ; x++) {
    const candidate = fromBigInt(BigInt(x), length);
    try {
      ECDH_NOBLE[curve].Point.fromBytes(concat(Uint8Array.of(0x02), candidate));
    } catch {
      return candidate;
    }
  }
}

/** The DER OID `id-ml-dsa-NN`, from RFC 9881's example header. */
function mlDsaOid(level: MlDsaLevel): Uint8Array {
  return hex(ML_DSA_RFC9881_EXAMPLES[level].pkcs8Header).subarray(7, 18);
}

const sampleKeys = new Map<string, Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }>>();

/** A valid key on an ECDSA curve, from the noble provider (which has every curve). */
async function sampleEcKey(curve: EcCurve, which: 'private' | 'public'): Promise<Uint8Array> {
  let pending = sampleKeys.get(curve);
  if (pending === undefined) {
    const { nobleProvider } = await import('../../src/crypto/noble.js');
    sampleKeys.set(curve, (pending = nobleProvider().generateSigningKeyPair(curve)));
  }
  const pair = await pending;
  return which === 'private' ? pair.privateKey : pair.publicKey;
}
