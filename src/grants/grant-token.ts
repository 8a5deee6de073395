/**
 * Grant tokens, format v1. `docs/FORMAT.md` ("Grant token, version 1") is the specification.
 *
 * ```
 * offset   size  field
 * 0        2     magic 0x70 0x67 ("pg")
 * 2        1     format version 0x01
 * 3        1     r = length of the Region name (1..255)
 * 4        r     Region name: ASCII a-z, 0-9 and "-"
 * 4+r      12    account id: 12 ASCII digits
 * 16+r     1     k = length of the key id
 * 17+r     k     key id: ASCII, a lowercase UUID or "mrk-" + 32 lowercase hex digits
 * 17+r+k   32    grant id: the 32 bytes whose lowercase hex is the GrantId
 * 49+r+k   16    nonce: random
 * ```
 * The token is the unpadded base64url of those bytes.
 *
 * A token carries where its grant lives (Region, account, key) so that RetireGrant, which may
 * name a grant by token alone, can find a grant on another account's key. It is not a secret and
 * grants nothing by itself: like AWS's, it only names a grant. The nonce makes every CreateGrant
 * answer a different token, even when a retry returns the existing grant, as AWS does.
 * @module
 */
import { fromHex, toHex } from '../crypto/bytes.js';
import { isKeyId } from '../keystore/identifiers.js';
import { decodeBase64, encodeBase64 } from '../internal/base64.js';

const MAGIC_0 = 0x70;
const MAGIC_1 = 0x67;
const FORMAT_VERSION = 0x01;

const ACCOUNT_BYTES = 12;
const GRANT_ID_BYTES = 32;
export const GRANT_TOKEN_NONCE_BYTES = 16;
/** Every byte but the Region name and the key id. */
const FIXED_BYTES = 4 + ACCOUNT_BYTES + 1 + GRANT_ID_BYTES + GRANT_TOKEN_NONCE_BYTES;
/** The longest GrantToken the API accepts, in characters. */
const MAX_TOKEN_LENGTH = 8192;

const REGION = /^[a-z0-9-]{1,255}$/;
const ACCOUNT_ID = /^\d{12}$/;
const GRANT_ID = /^[0-9a-f]{64}$/;

/** What a token names. */
export interface GrantTokenFields {
  readonly region: string;
  readonly accountId: string;
  /** The bare key id. */
  readonly keyId: string;
  /** 64 lowercase hex digits. */
  readonly grantId: string;
}

/**
 * @param nonce {@link GRANT_TOKEN_NONCE_BYTES} fresh random bytes
 * @throws RangeError when a field could not be decoded back (a programmer error, never a request's)
 */
export function encodeGrantToken(fields: GrantTokenFields, nonce: Uint8Array): string {
  const { region, accountId, keyId, grantId } = fields;
  if (!REGION.test(region)) throw new RangeError(`region must be 1..255 of a-z, 0-9 and "-", got "${region}"`);
  if (!ACCOUNT_ID.test(accountId)) throw new RangeError(`accountId must be 12 digits, got "${accountId}"`);
  if (!isKeyId(keyId)) throw new RangeError(`keyId must be a key id, got "${keyId}"`);
  if (!GRANT_ID.test(grantId)) throw new RangeError(`grantId must be 64 lowercase hex digits, got "${grantId}"`);
  if (nonce.length !== GRANT_TOKEN_NONCE_BYTES) throw new RangeError(`nonce must be ${GRANT_TOKEN_NONCE_BYTES} bytes, got ${nonce.length}`);

  const r = region.length;
  const k = keyId.length;
  const out = new Uint8Array(FIXED_BYTES + r + k);
  out[0] = MAGIC_0;
  out[1] = MAGIC_1;
  out[2] = FORMAT_VERSION;
  out[3] = r;
  let offset = writeAscii(out, 4, region);
  offset = writeAscii(out, offset, accountId);
  out[offset++] = k;
  offset = writeAscii(out, offset, keyId);
  out.set(fromHex(grantId), offset);
  out.set(nonce, offset + GRANT_ID_BYTES);
  return encodeBase64(out, 'base64url');
}

/** What `token` names, or `undefined` for anything that is not a v1 token. Never throws. */
export function decodeGrantToken(token: string): GrantTokenFields | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
  const bytes = decodeBase64(token, 'base64url');
  if (bytes === undefined || bytes.length < FIXED_BYTES + 2) return undefined;
  if (bytes[0] !== MAGIC_0 || bytes[1] !== MAGIC_1 || bytes[2] !== FORMAT_VERSION) return undefined;
  const r = bytes[3]!;
  const keyLengthAt = 4 + r + ACCOUNT_BYTES;
  if (keyLengthAt >= bytes.length) return undefined;
  const k = bytes[keyLengthAt]!;
  if (bytes.length !== FIXED_BYTES + r + k) return undefined;

  // Bytes are read as Latin-1; the patterns then admit only the ASCII each field allows.
  const region = latin1(bytes, 4, 4 + r);
  const accountId = latin1(bytes, 4 + r, keyLengthAt);
  const keyId = latin1(bytes, keyLengthAt + 1, keyLengthAt + 1 + k);
  if (!REGION.test(region) || !ACCOUNT_ID.test(accountId) || !isKeyId(keyId)) return undefined;
  const grantIdAt = keyLengthAt + 1 + k;
  const grantId = toHex(bytes.subarray(grantIdAt, grantIdAt + GRANT_ID_BYTES));
  return { region, accountId, keyId, grantId };
}

function writeAscii(out: Uint8Array, offset: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  return offset + text.length;
}

const latin1 = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, end));
