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
import { constantTimeEqual, fromHex, toHex, utf8Encode } from '../crypto/bytes.js';
import type { CryptoProvider } from '../crypto/provider.js';
import { isKeyId } from '../keystore/identifiers.js';

export const MAGIC_0 = 0x70;
export const MAGIC_1 = 0x6b;
export const FORMAT_VERSION = 0x01;

const ACCOUNT_BYTES = 12;
const MATERIAL_ID_BYTES = 32;
export const SALT_BYTES = 16;
export const NONCE_BYTES = 12;
const CHECK_BYTES = 4;
const TAG_BYTES = 16;
const FIXED_HEADER = 4 + ACCOUNT_BYTES + MATERIAL_ID_BYTES + SALT_BYTES + NONCE_BYTES + CHECK_BYTES;
const INFO_LABEL = /* @__PURE__ */ utf8Encode('pocket-kms blob v1');

/** Bytes a blob adds to its plaintext, for a 36-character key id. */
export const BLOB_OVERHEAD = FIXED_HEADER + 36 + TAG_BYTES;

/** The fields of a structurally valid blob. Nothing here has been authenticated yet. */
export interface ParsedBlob {
  readonly accountId: string;
  readonly keyId: string;
  readonly materialId: string;
  /** Bytes 0 .. 80+n: everything the header check and the additional data cover. */
  readonly header: Uint8Array;
  readonly salt: Uint8Array;
  readonly nonce: Uint8Array;
  readonly check: Uint8Array;
  /** ciphertext ‖ tag */
  readonly sealed: Uint8Array;
}

const isAsciiDigits = (bytes: Uint8Array): boolean => bytes.every((b) => b >= 0x30 && b <= 0x39);
const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** Reads the structure of a blob; `undefined` for anything that is not a v1 blob. */
export function parseBlob(blob: Uint8Array): ParsedBlob | undefined {
  if (blob.length < FIXED_HEADER + 1 + TAG_BYTES + 1) return undefined;
  if (blob[0] !== MAGIC_0 || blob[1] !== MAGIC_1 || blob[2] !== FORMAT_VERSION) return undefined;
  const n = blob[3]!;
  const headerEnd = FIXED_HEADER + n;
  if (n === 0 || n > 64 || blob.length < headerEnd + TAG_BYTES + 1) return undefined;
  const account = blob.subarray(4, 16);
  const keyIdBytes = blob.subarray(16, 16 + n);
  if (!isAsciiDigits(account) || keyIdBytes.some((b) => b > 0x7e)) return undefined;
  const keyId = ascii(keyIdBytes);
  if (!isKeyId(keyId)) return undefined;
  let offset = 16 + n;
  const take = (size: number) => blob.subarray(offset, (offset += size));
  const materialId = toHex(take(MATERIAL_ID_BYTES));
  const salt = take(SALT_BYTES);
  const nonce = take(NONCE_BYTES);
  const check = take(CHECK_BYTES);
  return {
    accountId: ascii(account),
    keyId,
    materialId,
    header: blob.subarray(0, headerEnd),
    salt,
    nonce,
    check,
    sealed: blob.subarray(headerEnd),
  };
}

/** True when the header check matches, i.e. the header is as some Encrypt wrote it. */
export async function headerIsIntact(provider: CryptoProvider, parsed: ParsedBlob): Promise<boolean> {
  const digest = await provider.sha256(parsed.header.subarray(0, parsed.header.length - CHECK_BYTES));
  return constantTimeEqual(digest.subarray(0, CHECK_BYTES), parsed.check);
}

export interface SealInput {
  readonly accountId: string;
  readonly keyId: string;
  readonly materialId: string;
  readonly materialBytes: Uint8Array;
  /** SALT_BYTES + NONCE_BYTES fresh random bytes. */
  readonly randomness: Uint8Array;
  readonly plaintext: Uint8Array;
  readonly encodedContext: Uint8Array;
}

export async function sealBlob(provider: CryptoProvider, input: SealInput): Promise<Uint8Array> {
  const n = input.keyId.length;
  const headerEnd = FIXED_HEADER + n;
  const header = new Uint8Array(headerEnd);
  header[0] = MAGIC_0;
  header[1] = MAGIC_1;
  header[2] = FORMAT_VERSION;
  header[3] = n;
  for (let i = 0; i < ACCOUNT_BYTES; i++) header[4 + i] = input.accountId.charCodeAt(i);
  for (let i = 0; i < n; i++) header[16 + i] = input.keyId.charCodeAt(i);
  header.set(fromHex(input.materialId), 16 + n);
  header.set(input.randomness, 48 + n);
  const checkAt = headerEnd - CHECK_BYTES;
  const digest = await provider.sha256(header.subarray(0, checkAt));
  header.set(digest.subarray(0, CHECK_BYTES), checkAt);

  const salt = header.subarray(48 + n, 64 + n);
  const nonce = header.subarray(64 + n, 76 + n);
  const messageKey = await deriveMessageKey(provider, input.materialBytes, salt);
  const sealed = await provider.aesGcmSeal(messageKey, nonce, input.plaintext, additionalData(header, input.encodedContext));
  messageKey.fill(0);
  const blob = new Uint8Array(headerEnd + sealed.length);
  blob.set(header);
  blob.set(sealed, headerEnd);
  return blob;
}

/** Rejects (with the provider's AuthenticationError) unless the blob and context authenticate. */
export async function openBlob(
  provider: CryptoProvider,
  parsed: ParsedBlob,
  materialBytes: Uint8Array,
  encodedContext: Uint8Array,
): Promise<Uint8Array> {
  const messageKey = await deriveMessageKey(provider, materialBytes, parsed.salt);
  try {
    return await provider.aesGcmOpen(messageKey, parsed.nonce, parsed.sealed, additionalData(parsed.header, encodedContext));
  } finally {
    messageKey.fill(0);
  }
}

function deriveMessageKey(provider: CryptoProvider, materialBytes: Uint8Array, salt: Uint8Array): Promise<Uint8Array> {
  const info = new Uint8Array(INFO_LABEL.length + SALT_BYTES);
  info.set(INFO_LABEL);
  info.set(salt, INFO_LABEL.length);
  return provider.hkdfSha256Expand(materialBytes, info, 32);
}

function additionalData(header: Uint8Array, encodedContext: Uint8Array): Uint8Array {
  const aad = new Uint8Array(header.length + encodedContext.length);
  aad.set(header);
  aad.set(encodedContext, header.length);
  return aad;
}
