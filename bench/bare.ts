/**
 * The bare cryptographic steps that format v1 (src/blob/ciphertext-blob.ts, docs/FORMAT.md)
 * prescribes, done directly with one provider's primitives and nothing else: no `Kms`, no request
 * validation, no key lookup, no blob parsing, no per-call allocation beyond what the primitives
 * return. Everything that does not depend on fresh randomness (the header template, the encoded
 * encryption context, the additional-data buffer, the HKDF info buffer) is precomputed once.
 *
 * Encrypt of n bytes:
 *   1. one draw of SALT_BYTES + NONCE_BYTES (28) random bytes, written into the header in place;
 *   2. SHA-256 of the 76+k header prefix (k = key id length), first 4 bytes written as the check;
 *   3. HKDF-SHA256-Expand(material, "pocket-kms blob v1" ‖ salt, 32);
 *   4. AES-256-GCM seal of the n bytes under that key and the nonce, AAD = header ‖ encoded context.
 * Decrypt: SHA-256 of the header prefix and the 4-byte compare, HKDF expand, AES-256-GCM open.
 * GenerateDataKey of n bytes: one draw of n random bytes, then Encrypt of those n bytes.
 *
 * The bench checks, before it measures anything, that a blob assembled from these steps opens with
 * `kms.decrypt` and that these steps open a blob from `kms.encrypt`: the bare path is the format,
 * not an approximation of it.
 * @module
 */
import { MATERIAL_ID_BYTES, NONCE_BYTES, SALT_BYTES, writeHeaderPrefix } from '../src/blob/ciphertext-blob.js';
import type { CryptoProvider } from '../src/crypto/provider.js';

/** The HKDF info label of format v1. Not exported by src/blob; the cross-checks prove it matches. */
const INFO_LABEL = new TextEncoder().encode('pocket-kms blob v1');
const CHECK_BYTES = 4;

export interface BareKey {
  readonly accountId: string;
  readonly keyId: string;
  /** 64 hex digits */
  readonly materialId: string;
  /** The very array the `Kms` hands to its provider (same identity, so same provider caching). */
  readonly materialBytes: Uint8Array;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const equal4 = (a: Uint8Array, b: Uint8Array): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

export interface BareSteps {
  /** Header length (80 + key id length). */
  readonly headerBytes: number;
  /** Runs the Encrypt steps; returns ciphertext ‖ tag (the header lives in `lastHeader()`). */
  encrypt(plaintext: Uint8Array): Promise<Uint8Array>;
  /** A copy of the header the last `encrypt` wrote (for assembling a blob in the cross-checks). */
  lastHeader(): Uint8Array;
  /** Runs GenerateDataKey's steps for a key of `size` bytes; returns the key and ciphertext ‖ tag. */
  generateDataKey(size?: number): Promise<{ plaintext: Uint8Array; sealed: Uint8Array }>;
  /** Precomputes what a fixed blob's Decrypt needs; the returned function runs the Decrypt steps. */
  decryptor(blob: Uint8Array): () => Promise<Uint8Array>;
}

export function bareSteps(provider: CryptoProvider, key: BareKey, encodedContext: Uint8Array): BareSteps {
  const k = key.keyId.length;
  const saltAt = 16 + k + MATERIAL_ID_BYTES;
  const nonceAt = saltAt + SALT_BYTES;
  const checkAt = nonceAt + NONCE_BYTES;
  const headerBytes = checkAt + CHECK_BYTES;

  // header ‖ encoded context in one buffer: the header is a view of the additional data.
  const aad = new Uint8Array(headerBytes + encodedContext.length);
  writeHeaderPrefix(aad, key.accountId, key.keyId, hexToBytes(key.materialId));
  aad.set(encodedContext, headerBytes);
  const prefix = aad.subarray(0, checkAt);
  const header = aad.subarray(0, headerBytes);
  const nonce = aad.subarray(nonceAt, checkAt);

  const info = new Uint8Array(INFO_LABEL.length + SALT_BYTES);
  info.set(INFO_LABEL);

  const material = key.materialBytes;

  async function encrypt(plaintext: Uint8Array): Promise<Uint8Array> {
    const random = provider.randomBytes(SALT_BYTES + NONCE_BYTES);
    aad.set(random, saltAt); // salt ‖ nonce
    info.set(random.subarray(0, SALT_BYTES), INFO_LABEL.length);
    const digest = await provider.sha256(prefix);
    aad.set(digest.subarray(0, CHECK_BYTES), checkAt);
    const messageKey = await provider.hkdfSha256Expand(material, info, 32);
    return provider.aesGcmSeal(messageKey, nonce, plaintext, aad);
  }

  return {
    headerBytes,
    encrypt,
    lastHeader: () => header.slice(),
    async generateDataKey(size = 32) {
      const plaintext = provider.randomBytes(size);
      const sealed = await encrypt(plaintext);
      return { plaintext, sealed };
    },
    decryptor(blob: Uint8Array) {
      if (blob.length < headerBytes) throw new Error('blob shorter than the header');
      const blobHeader = blob.subarray(0, headerBytes);
      const blobPrefix = blob.subarray(0, checkAt);
      const check = blob.subarray(checkAt, headerBytes);
      const blobNonce = blob.subarray(nonceAt, checkAt);
      const sealed = blob.subarray(headerBytes);
      const blobAad = new Uint8Array(headerBytes + encodedContext.length);
      blobAad.set(blobHeader);
      blobAad.set(encodedContext, headerBytes);
      const blobInfo = new Uint8Array(INFO_LABEL.length + SALT_BYTES);
      blobInfo.set(INFO_LABEL);
      blobInfo.set(blob.subarray(saltAt, nonceAt), INFO_LABEL.length);
      return async () => {
        const digest = await provider.sha256(blobPrefix);
        if (!equal4(digest, check)) throw new Error('header check failed');
        const messageKey = await provider.hkdfSha256Expand(material, blobInfo, 32);
        return provider.aesGcmOpen(messageKey, blobNonce, sealed, blobAad);
      };
    },
  };
}
