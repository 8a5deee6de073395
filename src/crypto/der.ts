/**
 * Strict DER for the key and signature encodings the signing providers exchange. Runtime-agnostic
 * (no dependencies), so every provider accepts and rejects exactly the same bytes.
 *
 * Accepted, and produced:
 * - EC private keys: PKCS#8 v1 (RFC 5208) `{ 0, { id-ecPublicKey, namedCurve }, OCTET STRING
 *   ECPrivateKey }`, the ECPrivateKey (RFC 5915) `{ 1, OCTET STRING d }` with `d` left-padded to the
 *   order's length and in `[1, n-1]`, optionally followed by `[0] namedCurve` (which must be the same
 *   curve) and `[1] publicKey` (an uncompressed point of the right length; it is never used, and not
 *   checked against `d`). No PKCS#8 attributes. What OpenSSL, BoringSSL and this module write.
 * - EC public keys: SubjectPublicKeyInfo (RFC 5480) with id-ecPublicKey, a named curve and an
 *   uncompressed point; an ECDH peer's key may hold a compressed point instead (read only, by
 *   {@link decodeEcPeerSpki}). Whether the point is on the curve is for the provider to check.
 * - Ed25519: PKCS#8 v1 `{ 0, { id-Ed25519 }, OCTET STRING (OCTET STRING seed32) }` and SPKI
 *   `{ { id-Ed25519 }, BIT STRING pub32 }` (RFC 8410), nothing else.
 * - ECDSA-Sig-Value (X9.62 / RFC 3279) `{ INTEGER r, INTEGER s }`, minimal positive integers,
 *   `r` and `s` in `[1, n-1]`.
 *
 * Everything else (BER, non-minimal lengths or integers, trailing bytes, other curves or versions,
 * compressed points outside ECDH, hybrid points) is refused with `RangeError`.
 * @module
 */
import type { SigningCurve } from './provider.js';

/** The ECDSA curves. */
export type EcCurve = Exclude<SigningCurve, 'Ed25519' | 'Ed25519ph'>;

interface EcCurveInfo {
  /** DER of the namedCurve OID. */
  readonly oid: Uint8Array;
  /** Byte length of the group order, of a scalar and of a field element. */
  readonly length: number;
  /** The group order n. */
  readonly order: bigint;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const OID = 0x06;
const CONTEXT_0 = 0xa0;
const CONTEXT_1 = 0xa1;

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** 1.2.840.10045.2.1 id-ecPublicKey */
const ID_EC_PUBLIC_KEY = bytes(0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
/** 1.3.101.112 id-Ed25519 */
const ID_ED25519 = bytes(0x06, 0x03, 0x2b, 0x65, 0x70);

const EC_CURVES: ReadonlyMap<EcCurve, EcCurveInfo> = new Map<EcCurve, EcCurveInfo>([
  // 1.2.840.10045.3.1.7 prime256v1
  ['P-256', { oid: bytes(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07), length: 32, order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n }],
  // 1.3.132.0.34 secp384r1
  [
    'P-384',
    {
      oid: bytes(0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22),
      length: 48,
      order: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    },
  ],
  // 1.3.132.0.35 secp521r1
  [
    'P-521',
    {
      oid: bytes(0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23),
      length: 66,
      order:
        0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    },
  ],
  // 1.3.132.0.10 secp256k1
  ['secp256k1', { oid: bytes(0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a), length: 32, order: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n }],
]);

function ecCurve(curve: EcCurve): EcCurveInfo {
  const info = EC_CURVES.get(curve);
  if (info === undefined) throw new RangeError(`not an ECDSA curve: ${String(curve)}`);
  return info;
}

/** Byte length of a scalar (and of `r`, `s` and each point coordinate) on `curve`. */
export function ecScalarLength(curve: EcCurve): number {
  return ecCurve(curve).length;
}

/** Byte length of an uncompressed point `04 ‖ x ‖ y` on `curve`. */
export function ecPointLength(curve: EcCurve): number {
  return 1 + 2 * ecCurve(curve).length;
}

// ---------------------------------------------------------------------------------------------
// Writing

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  if (length < 0x100) return [0x81, length];
  return [0x82, length >> 8, length & 0xff];
}

function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const header = [tag, ...encodeLength(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let offset = header.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A non-negative big-endian integer as a minimal DER INTEGER. */
function encodeUnsigned(value: Uint8Array): Uint8Array {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const trimmed = value.subarray(start);
  return trimmed[0]! >= 0x80 ? tlv(INTEGER, bytes(0), trimmed) : tlv(INTEGER, trimmed);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads consecutive DER elements from `input`, refusing anything but minimal definite lengths. */
class Reader {
  #offset = 0;
  constructor(
    private readonly input: Uint8Array,
    private readonly what: string,
  ) {
    if (!(input instanceof Uint8Array)) this.fail('not a Uint8Array');
  }

  fail(reason: string): never {
    throw new RangeError(`malformed ${this.what}: ${reason}`);
  }

  get done(): boolean {
    return this.#offset === this.input.length;
  }

  peekTag(): number | undefined {
    return this.input[this.#offset];
  }

  /** The contents of the next element, which must have tag `tag`. */
  read(tag: number): Uint8Array {
    const input = this.input;
    let offset = this.#offset;
    if (offset + 2 > input.length) this.fail('truncated');
    if (input[offset] !== tag) this.fail(`expected tag 0x${tag.toString(16)}, got 0x${input[offset]!.toString(16)}`);
    const first = input[offset + 1]!;
    offset += 2;
    let length: number;
    if (first < 0x80) {
      length = first;
    } else if (first === 0x81) {
      length = input[offset++] ?? this.fail('truncated');
      if (length < 0x80) this.fail('non-minimal length');
    } else if (first === 0x82) {
      if (offset + 2 > input.length) this.fail('truncated');
      length = (input[offset]! << 8) | input[offset + 1]!;
      offset += 2;
      if (length < 0x100) this.fail('non-minimal length');
    } else {
      this.fail('unsupported length form');
    }
    if (offset + length > input.length) this.fail('truncated');
    this.#offset = offset + length;
    return input.subarray(offset, offset + length);
  }

  /** The next element, which must be exactly `expected` (tag, length and contents). */
  expect(expected: Uint8Array, what: string): void {
    const end = this.#offset + expected.length;
    if (end > this.input.length || !equal(this.input.subarray(this.#offset, end), expected)) this.fail(`unexpected ${what}`);
    this.#offset = end;
  }

  end(): void {
    if (!this.done) this.fail('trailing bytes');
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function toBigInt(value: Uint8Array): bigint {
  let n = 0n;
  for (const byte of value) n = (n << 8n) | BigInt(byte);
  return n;
}

/** The contents of a DER INTEGER that must be positive and minimal, left-padded to `length` bytes. */
function readUnsigned(reader: Reader, length: number, what: string): Uint8Array {
  const content = reader.read(INTEGER);
  if (content.length === 0) reader.fail(`empty ${what}`);
  if (content[0]! >= 0x80) reader.fail(`negative ${what}`);
  if (content[0] === 0 && content.length > 1 && content[1]! < 0x80) reader.fail(`non-minimal ${what}`);
  const magnitude = content[0] === 0 && content.length > 1 ? content.subarray(1) : content;
  if (magnitude.length > length) reader.fail(`${what} too large`);
  const out = new Uint8Array(length);
  out.set(magnitude, length - magnitude.length);
  return out;
}

function checkScalar(reader: Reader, value: Uint8Array, order: bigint, what: string): void {
  const n = toBigInt(value);
  if (n === 0n || n >= order) reader.fail(`${what} out of range`);
}

const VERSION_0 = bytes(INTEGER, 1, 0);
const VERSION_1 = bytes(INTEGER, 1, 1);

export function checkLength(what: string, value: Uint8Array, expected: number): void {
  if (!(value instanceof Uint8Array) || value.length !== expected) {
    throw new RangeError(`${what} must be ${expected} bytes, got ${value instanceof Uint8Array ? value.length : typeof value}`);
  }
}

function checkUncompressedPoint(curve: EcCurve, point: Uint8Array): void {
  checkLength(`${curve} public point`, point, ecPointLength(curve));
  if (point[0] !== 0x04) throw new RangeError(`${curve} public point must be uncompressed (0x04 ‖ x ‖ y)`);
}

// ---------------------------------------------------------------------------------------------
// EC keys

/** PKCS#8 DER for the EC private scalar `d` (left-padded) with its uncompressed public point. */
export function encodeEcPkcs8(curve: EcCurve, d: Uint8Array, publicPoint: Uint8Array): Uint8Array {
  const info = ecCurve(curve);
  checkLength(`${curve} private scalar`, d, info.length);
  checkUncompressedPoint(curve, publicPoint);
  const ecPrivateKey = tlv(SEQUENCE, VERSION_1, tlv(OCTET_STRING, d), tlv(CONTEXT_1, tlv(BIT_STRING, bytes(0), publicPoint)));
  return tlv(SEQUENCE, VERSION_0, tlv(SEQUENCE, ID_EC_PUBLIC_KEY, info.oid), tlv(OCTET_STRING, ecPrivateKey));
}

/** The private scalar `d` (left-padded to the order's length) of an EC PKCS#8 key on `curve`. */
export function decodeEcPkcs8(curve: EcCurve, der: Uint8Array): Uint8Array {
  const info = ecCurve(curve);
  const outer = new Reader(der, `${curve} PKCS#8 private key`);
  const body = new Reader(outer.read(SEQUENCE), `${curve} PKCS#8 private key`);
  outer.end();
  body.expect(VERSION_0, 'PKCS#8 version');
  const algorithm = new Reader(body.read(SEQUENCE), `${curve} PKCS#8 algorithm`);
  algorithm.expect(ID_EC_PUBLIC_KEY, 'key algorithm');
  algorithm.expect(info.oid, 'curve');
  algorithm.end();
  const ecPrivateKey = new Reader(body.read(OCTET_STRING), `${curve} ECPrivateKey`);
  body.end();
  const key = new Reader(ecPrivateKey.read(SEQUENCE), `${curve} ECPrivateKey`);
  ecPrivateKey.end();
  key.expect(VERSION_1, 'ECPrivateKey version');
  const d = key.read(OCTET_STRING);
  if (d.length !== info.length) key.fail(`private key must be ${info.length} bytes, got ${d.length}`);
  checkScalar(key, d, info.order, 'private key');
  if (key.peekTag() === CONTEXT_0) {
    const parameters = new Reader(key.read(CONTEXT_0), `${curve} ECPrivateKey parameters`);
    parameters.expect(info.oid, 'curve');
    parameters.end();
  }
  if (key.peekTag() === CONTEXT_1) {
    const publicKey = new Reader(key.read(CONTEXT_1), `${curve} ECPrivateKey public key`);
    const bits = publicKey.read(BIT_STRING);
    publicKey.end();
    if (bits[0] !== 0 || bits.length !== 1 + ecPointLength(curve) || bits[1] !== 0x04) key.fail('public key is not an uncompressed point');
  }
  key.end();
  return d.slice();
}

/** SubjectPublicKeyInfo DER for an uncompressed EC point. */
export function encodeEcSpki(curve: EcCurve, publicPoint: Uint8Array): Uint8Array {
  const info = ecCurve(curve);
  checkUncompressedPoint(curve, publicPoint);
  return tlv(SEQUENCE, tlv(SEQUENCE, ID_EC_PUBLIC_KEY, info.oid), tlv(BIT_STRING, bytes(0), publicPoint));
}

/** The uncompressed point `04 ‖ x ‖ y` of an EC SubjectPublicKeyInfo on `curve` (not checked to be on the curve). */
export function decodeEcSpki(curve: EcCurve, der: Uint8Array): Uint8Array {
  return readEcSpki(curve, der, false);
}

/**
 * The point of an ECDH peer's SubjectPublicKeyInfo on `curve`: uncompressed `04 ‖ x ‖ y`, or
 * compressed `02|03 ‖ x` (SEC 1 §2.3.3), which key agreement accepts and signature keys do not.
 * Not checked to be on the curve.
 */
export function decodeEcPeerSpki(curve: EcCurve, der: Uint8Array): Uint8Array {
  return readEcSpki(curve, der, true);
}

function readEcSpki(curve: EcCurve, der: Uint8Array, compressed: boolean): Uint8Array {
  const info = ecCurve(curve);
  const outer = new Reader(der, `${curve} SubjectPublicKeyInfo`);
  const body = new Reader(outer.read(SEQUENCE), `${curve} SubjectPublicKeyInfo`);
  outer.end();
  const algorithm = new Reader(body.read(SEQUENCE), `${curve} SubjectPublicKeyInfo algorithm`);
  algorithm.expect(ID_EC_PUBLIC_KEY, 'key algorithm');
  algorithm.expect(info.oid, 'curve');
  algorithm.end();
  const bits = body.read(BIT_STRING);
  body.end();
  if (bits[0] !== 0) body.fail('unused bits in the public key');
  const point = bits.subarray(1);
  const isUncompressed = point.length === ecPointLength(curve) && point[0] === 0x04;
  const isCompressed = compressed && point.length === 1 + info.length && (point[0] === 0x02 || point[0] === 0x03);
  if (!isUncompressed && !isCompressed) body.fail(`public key is not ${compressed ? 'an uncompressed or compressed' : 'an uncompressed'} point`);
  return point.slice();
}

// ---------------------------------------------------------------------------------------------
// Ed25519 keys

const ED25519_PKCS8_PREFIX = bytes(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);
const ED25519_SPKI_PREFIX = bytes(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

/** `prefix ‖ value`: the DER of a fixed-length key whose encoding differs only in its value. */
export function withPrefix(prefix: Uint8Array, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + value.length);
  out.set(prefix);
  out.set(value, prefix.length);
  return out;
}

/** The value after `prefix`, which must be exactly `length` bytes and all that follows. @throws {RangeError} otherwise */
export function afterPrefix(prefix: Uint8Array, der: Uint8Array, length: number, what: string): Uint8Array {
  if (!(der instanceof Uint8Array) || der.length !== prefix.length + length || !equal(der.subarray(0, prefix.length), prefix)) {
    throw new RangeError(`malformed ${what}`);
  }
  return der.slice(prefix.length);
}

/** PKCS#8 DER (RFC 8410, version 0, seed only) for a 32-byte Ed25519 private key. */
export function encodeEd25519Pkcs8(seed: Uint8Array): Uint8Array {
  checkLength('Ed25519 private key', seed, 32);
  return withPrefix(ED25519_PKCS8_PREFIX, seed);
}

/** The 32-byte seed of an Ed25519 PKCS#8 private key. */
export function decodeEd25519Pkcs8(der: Uint8Array): Uint8Array {
  return afterPrefix(ED25519_PKCS8_PREFIX, der, 32, 'Ed25519 PKCS#8 private key');
}

/** SubjectPublicKeyInfo DER for a 32-byte Ed25519 public key. */
export function encodeEd25519Spki(publicKey: Uint8Array): Uint8Array {
  checkLength('Ed25519 public key', publicKey, 32);
  return withPrefix(ED25519_SPKI_PREFIX, publicKey);
}

/** The 32-byte public key of an Ed25519 SubjectPublicKeyInfo (not checked to be a valid point). */
export function decodeEd25519Spki(der: Uint8Array): Uint8Array {
  return afterPrefix(ED25519_SPKI_PREFIX, der, 32, 'Ed25519 SubjectPublicKeyInfo');
}

// ---------------------------------------------------------------------------------------------
// ECDSA signatures

/** DER ECDSA-Sig-Value for a raw `r ‖ s` signature (each half the curve's scalar length). */
export function encodeEcdsaSignature(curve: EcCurve, raw: Uint8Array): Uint8Array {
  const { length } = ecCurve(curve);
  checkLength(`${curve} raw signature`, raw, 2 * length);
  return tlv(SEQUENCE, encodeUnsigned(raw.subarray(0, length)), encodeUnsigned(raw.subarray(length)));
}

/** Raw `r ‖ s` (each left-padded to the scalar length) of a DER ECDSA-Sig-Value on `curve`, `r` and `s` in `[1, n-1]`. */
export function decodeEcdsaSignature(curve: EcCurve, der: Uint8Array): Uint8Array {
  const info = ecCurve(curve);
  const outer = new Reader(der, `${curve} ECDSA signature`);
  const body = new Reader(outer.read(SEQUENCE), `${curve} ECDSA signature`);
  outer.end();
  const r = readUnsigned(body, info.length, 'r');
  const s = readUnsigned(body, info.length, 's');
  body.end();
  checkScalar(body, r, info.order, 'r');
  checkScalar(body, s, info.order, 's');
  const out = new Uint8Array(2 * info.length);
  out.set(r);
  out.set(s, info.length);
  return out;
}
