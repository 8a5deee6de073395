/**
 * The symmetric ciphertext blob returned by Encrypt, GenerateDataKey and ReEncrypt (format v1).
 * `docs/FORMAT.md` is the specification; this file implements it.
 *
 * ```
 * offset  size  field
 * 0       2     magic 0x70 0x6B ("pk")
 * 2       1     format version 0x01
 * 3       1     n = length of the key id (1..64)
 * 4       12    account id, 12 ASCII digits
 * 16      n     key id, ASCII
 * 16+n    32    key material id
 * 48+n    16    salt
 * 64+n    12    nonce
 * 76+n    4     header check: SHA-256(bytes 0 .. 76+n)[0..4]
 * 80+n    m     AES-256-GCM ciphertext (m = plaintext length)
 * 80+n+m  16    AES-256-GCM tag
 * ```
 *
 * The message key is HKDF-SHA256-Expand(PRK = key material, info = "pocket-kms blob v1" ‖ salt, 32):
 * a fresh key per message, so the 96-bit random nonce is never the only thing keeping messages
 * apart, and a key-material version stays safe far beyond 2^48 encryptions. The additional data is
 * `bytes 0 .. 80+n ‖ encoded encryption context`, which binds the account, key id, material version
 * and context.
 *
 * The header check is not a security mechanism (the GCM tag authenticates the header). It lets
 * Decrypt tell a damaged blob (InvalidCiphertextException) from an intact blob whose key is not
 * here (AccessDeniedException, as AWS answers), without a key.
 * @module
 */
import { utf8Encode } from '../crypto/bytes.js';
import type { CryptoProvider } from '../crypto/provider.js';
import { isKeyId } from '../keystore/identifiers.js';
import { scratch } from '../internal/scratch.js';
import { encodeEncryptionContext } from './encryption-context.js';

const MAGIC_0 = 0x70;
const MAGIC_1 = 0x6b;
const FORMAT_VERSION = 0x01;

const ACCOUNT_BYTES = 12;
export const MATERIAL_ID_BYTES = 32;
export const SALT_BYTES = 16;
export const NONCE_BYTES = 12;
const CHECK_BYTES = 4;
const TAG_BYTES = 16;
const FIXED_HEADER = 4 + ACCOUNT_BYTES + MATERIAL_ID_BYTES + SALT_BYTES + NONCE_BYTES + CHECK_BYTES;
const INFO_LABEL = /* @__PURE__ */ utf8Encode('pocket-kms blob v1');

/**
 * A structurally valid blob. Nothing here has been authenticated yet. Fields are read in place,
 * by offset: a typed-array view costs more to create than most of what Decrypt does with it.
 */
export interface ParsedBlob {
  readonly blob: Uint8Array;
  readonly accountId: string;
  readonly keyId: string;
  /** Where the 32-byte key material id starts; its lowercase hex is the AWS `KeyMaterialId`. */
  readonly materialIdAt: number;
  /** Bytes 0 .. headerLength are what the header check and the additional data cover. */
  readonly headerLength: number;
}

/** The ASCII text of `blob[start .. end)`, or `undefined` if any byte is outside `low..high`. */
function asciiRange(blob: Uint8Array, start: number, end: number, low: number, high: number): string | undefined {
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = blob[i]!;
    if (byte < low || byte > high) return undefined;
    text += String.fromCharCode(byte);
  }
  return text;
}

/** Reads the structure of a blob; `undefined` for anything that is not a v1 blob. */
export function parseBlob(blob: Uint8Array): ParsedBlob | undefined {
  if (blob.length < FIXED_HEADER + 1 + TAG_BYTES + 1) return undefined;
  if (blob[0] !== MAGIC_0 || blob[1] !== MAGIC_1 || blob[2] !== FORMAT_VERSION) return undefined;
  const n = blob[3]!;
  const headerLength = FIXED_HEADER + n;
  if (n === 0 || n > 64 || blob.length < headerLength + TAG_BYTES + 1) return undefined;
  const accountId = asciiRange(blob, 4, 16, 0x30, 0x39);
  const keyId = asciiRange(blob, 16, 16 + n, 0x20, 0x7e);
  if (accountId === undefined || keyId === undefined || !isKeyId(keyId)) return undefined;
  return { blob, accountId, keyId, materialIdAt: 16 + n, headerLength };
}

/** The key material id of a parsed blob, as a view into the blob. */
export const materialIdOf = (parsed: ParsedBlob): Uint8Array =>
  parsed.blob.subarray(parsed.materialIdAt, parsed.materialIdAt + MATERIAL_ID_BYTES);

/** True when the header check matches, i.e. the header is as some Encrypt wrote it. */
export async function headerIsIntact(provider: CryptoProvider, parsed: ParsedBlob): Promise<boolean> {
  const checkAt = parsed.headerLength - CHECK_BYTES;
  const digest = await provider.sha256(parsed.blob.subarray(0, checkAt));
  let diff = 0;
  for (let i = 0; i < CHECK_BYTES; i++) diff |= digest[i]! ^ parsed.blob[checkAt + i]!;
  return diff === 0;
}

export interface SealInput {
  readonly accountId: string;
  readonly keyId: string;
  /** MATERIAL_ID_BYTES bytes. */
  readonly materialId: Uint8Array;
  readonly materialBytes: Uint8Array;
  /** SALT_BYTES + NONCE_BYTES fresh random bytes. */
  readonly randomness: Uint8Array;
  readonly plaintext: Uint8Array;
  readonly encryptionContext: Record<string, string> | undefined;
}

/**
 * Writes bytes 0 .. 48+n (magic, version, key id length, account, key id, material id) into `out`.
 * @returns the offset of the salt, 48+n
 */
export function writeHeaderPrefix(out: Uint8Array, accountId: string, keyId: string, materialId: Uint8Array): number {
  const n = keyId.length;
  out[0] = MAGIC_0;
  out[1] = MAGIC_1;
  out[2] = FORMAT_VERSION;
  out[3] = n;
  for (let i = 0; i < ACCOUNT_BYTES; i++) out[4 + i] = accountId.charCodeAt(i);
  for (let i = 0; i < n; i++) out[16 + i] = keyId.charCodeAt(i);
  out.set(materialId, 16 + n);
  return 16 + n + MATERIAL_ID_BYTES;
}

export async function sealBlob(provider: CryptoProvider, input: SealInput): Promise<Uint8Array> {
  const n = input.keyId.length;
  const headerEnd = FIXED_HEADER + n;
  // The header is written once, at the front of the additional data, and copied into the blob.
  const aad = encodeEncryptionContext(input.encryptionContext, headerEnd, scratch);
  aad.set(input.randomness, writeHeaderPrefix(aad, input.accountId, input.keyId, input.materialId));
  const checkAt = headerEnd - CHECK_BYTES;
  const digest = await provider.sha256(aad.subarray(0, checkAt));
  aad.set(digest.subarray(0, CHECK_BYTES), checkAt);

  const messageKey = await deriveMessageKey(provider, input.materialBytes, aad, 48 + n);
  const blob = new Uint8Array(headerEnd + input.plaintext.length + TAG_BYTES);
  blob.set(aad.subarray(0, headerEnd));
  try {
    await provider.aesGcmSeal(messageKey, blob.subarray(64 + n, 76 + n), input.plaintext, aad, blob.subarray(headerEnd));
  } finally {
    messageKey.fill(0);
  }
  return blob;
}

/** Rejects (with the provider's AuthenticationError) unless the blob and context authenticate. */
export async function openBlob(
  provider: CryptoProvider,
  parsed: ParsedBlob,
  materialBytes: Uint8Array,
  encryptionContext: Record<string, string> | undefined,
): Promise<Uint8Array> {
  const { blob, headerLength, materialIdAt } = parsed;
  const aad = encodeEncryptionContext(encryptionContext, headerLength, scratch);
  for (let i = 0; i < headerLength; i++) aad[i] = blob[i]!;
  const saltAt = materialIdAt + MATERIAL_ID_BYTES;
  const messageKey = await deriveMessageKey(provider, materialBytes, blob, saltAt);
  try {
    const nonce = blob.subarray(saltAt + SALT_BYTES, saltAt + SALT_BYTES + NONCE_BYTES);
    return await provider.aesGcmOpen(messageKey, nonce, blob.subarray(headerLength), aad);
  } finally {
    messageKey.fill(0);
  }
}

/** HKDF-Expand(material, "pocket-kms blob v1" ‖ salt), the salt read from `source` at `saltAt`. */
function deriveMessageKey(provider: CryptoProvider, materialBytes: Uint8Array, source: Uint8Array, saltAt: number): Promise<Uint8Array> {
  const info = new Uint8Array(INFO_LABEL.length + SALT_BYTES);
  info.set(INFO_LABEL);
  for (let i = 0; i < SALT_BYTES; i++) info[INFO_LABEL.length + i] = source[saltAt + i]!;
  return provider.hkdfSha256Expand(materialBytes, info, 32);
}
