/**
 * AWS Signature Version 4, as KMS checks it: header-based (`Authorization: AWS4-HMAC-SHA256 ...`)
 * requests to the `kms` service. Query-string (presigned) signatures and SigV4a are not accepted.
 *
 * The checks run in the order AWS JSON services were recorded running them (dynalite, kinesalite),
 * and fail with AWS's exception names and messages:
 *
 * 1. no `Authorization` header → `MissingAuthenticationTokenException`
 * 2. `Credential`, `Signature` or `SignedHeaders` missing, or neither `X-Amz-Date` nor `Date`
 *    → `IncompleteSignatureException` (one sentence for each, then `Authorization=<header>`)
 * 3. a date not in ISO 8601 basic format → `IncompleteSignatureException`
 * 4. a date more than 5 minutes before or after `now` → `InvalidSignatureException`
 * 5. `host` not among the signed headers → `InvalidSignatureException`
 * 6. an algorithm other than `AWS4-HMAC-SHA256` → `IncompleteSignatureException`
 * 7. a credential that is not `keyid/date/region/service/aws4_request` → `IncompleteSignatureException`
 * 8. a scope with a bad Region, a service other than `kms`, a bad terminator or a date other than
 *    the request's → `InvalidSignatureException` (every problem found, in one message)
 * 9. an access key id without a secret → `UnrecognizedClientException`
 * 10. any other difference → `InvalidSignatureException` ("The request signature we calculated ...")
 *
 * No `node:*` imports: this runs in browsers too.
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { constantTimeEqual, toHex, utf8Encode } from '../crypto/bytes.js';
import {
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
  UnrecognizedClientException,
} from '../errors.js';
import type { WireRequest } from './types.js';

/** Who signed a request, and for which Region: from the credential scope. */
export interface SigV4Scope {
  readonly accessKeyId: string;
  readonly region: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 'kms';
const TERMINATOR = 'aws4_request';
/** How far the request's date may be from the server's clock, either way. KMS allows 5 minutes. */
const MAX_SKEW_MS = 5 * 60 * 1000;
const SKEW_TEXT = '5 min.';
/** The longest `Authorization` value echoed back in an error message. */
const MAX_ECHO = 1024;

const MSG_MISSING_TOKEN = 'Missing Authentication Token';
const MSG_UNKNOWN_KEY = 'The security token included in the request is invalid.';
const MSG_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const MSG_HOST_UNSIGNED = "'Host' must be a 'SignedHeader' in the AWS Authorization.";

/** As `checkScope` in options.ts: `us-east-1`, `us-gov-west-1`, `us-iso-east-1`, `eusc-de-east-1`. */
const REGION = /^(?:[a-z]+-){2,3}\d+$/;
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const PARAM_SEPARATOR = /[\s,]+/;

/**
 * Lenient: the access key id and Region from an `Authorization: AWS4-HMAC-SHA256
 * Credential=AKID/20261123/us-east-1/kms/aws4_request, ...` header, or undefined when it is absent
 * or has no five-part credential. Checks nothing else (not the Region's spelling either). Used to
 * route requests when signatures are not checked.
 */
export function credentialScope(authorization: string | undefined): SigV4Scope | undefined {
  if (authorization === undefined) return undefined;
  const start = authorization.indexOf('Credential=');
  if (start < 0) return undefined;
  const from = start + 'Credential='.length;
  let end = from;
  while (end < authorization.length && !isSeparator(authorization.charCodeAt(end))) end++;
  const parts = authorization.slice(from, end).split('/');
  if (parts.length !== 5 || parts[0] === '' || parts[2] === '') return undefined;
  return { accessKeyId: parts[0]!, region: parts[2]! };
}

/**
 * Strict mode: verifies the request's SigV4 signature (header-based, service `kms`).
 * `secretFor(accessKeyId)` returns the secret access key, or undefined for an unknown key.
 * @returns the access key id and Region of the credential scope
 * @throws {@link MissingAuthenticationTokenException} without an `Authorization` header
 * @throws {@link IncompleteSignatureException} for a malformed `Authorization` header or date
 * @throws {@link InvalidSignatureException} for an expired, future or wrongly scoped signature, and
 *   for any signature that does not match the request
 * @throws {@link UnrecognizedClientException} for an access key id `secretFor` does not know
 */
export function verifySigV4(
  request: WireRequest,
  secretFor: (accessKeyId: string) => string | undefined,
  now: Date,
): SigV4Scope {
  const raw = request.headers['authorization'];
  const header = typeof raw === 'string' ? raw.trim() : '';
  if (header === '') throw new MissingAuthenticationTokenException(MSG_MISSING_TOKEN);

  // 2. The three parameters and a date must all be there.
  const space = firstWhitespace(header);
  const algorithm = space < 0 ? header : header.slice(0, space);
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  if (space >= 0) {
    for (const param of header.slice(space + 1).split(PARAM_SEPARATOR)) {
      const eq = param.indexOf('=');
      if (eq <= 0) continue;
      const value = param.slice(eq + 1);
      switch (param.slice(0, eq)) {
        case 'Credential':
          credential = value;
          break;
        case 'SignedHeaders':
          signedHeaders = value;
          break;
        case 'Signature':
          signature = value;
          break;
      }
    }
  }
  const amzDate = request.headers['x-amz-date'] ?? request.headers['date'];
  if (!credential || !signedHeaders || !signature || amzDate === undefined) {
    let message = '';
    if (!credential) message += "Authorization header requires 'Credential' parameter. ";
    if (!signature) message += "Authorization header requires 'Signature' parameter. ";
    if (!signedHeaders) message += "Authorization header requires 'SignedHeaders' parameter. ";
    if (amzDate === undefined) message += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    throw new IncompleteSignatureException(`${message}Authorization=${echo(header)}`);
  }

  // 3, 4. The date, and the clock skew.
  const requestMs = parseIsoBasic(amzDate);
  if (requestMs === undefined) {
    throw new IncompleteSignatureException(
      `Date must be in ISO-8601 'basic format'. Got '${echo(amzDate)}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  if (!Number.isFinite(nowMs)) throw new RangeError('verifySigV4: now is not a valid Date');
  if (requestMs < nowMs - MAX_SKEW_MS) {
    throw new InvalidSignatureException(
      `Signature expired: ${amzDate} is now earlier than ${isoBasic(nowMs - MAX_SKEW_MS)} (${isoBasic(nowMs)} - ${SKEW_TEXT})`,
    );
  }
  if (requestMs > nowMs + MAX_SKEW_MS) {
    throw new InvalidSignatureException(
      `Signature not yet current: ${amzDate} is still later than ${isoBasic(nowMs + MAX_SKEW_MS)} (${isoBasic(nowMs)} + ${SKEW_TEXT})`,
    );
  }

  // 5. Host must be signed.
  const names = signedHeaders.split(';');
  let hostSigned = false;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!.toLowerCase();
    names[i] = name;
    if (name === 'host') hostSigned = true;
  }
  if (!hostSigned) throw new InvalidSignatureException(MSG_HOST_UNSIGNED);

  // 6. The algorithm.
  if (algorithm !== ALGORITHM) {
    throw new IncompleteSignatureException(`Unsupported AWS 'algorithm': '${echo(algorithm)}' (only ${ALGORITHM} for now).`);
  }

  // 7, 8. The credential scope.
  const parts = credential.split('/');
  if (parts.length !== 5) {
    throw new IncompleteSignatureException(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${echo(credential)}'`,
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];
  const requestDay = amzDate.slice(0, 8);
  const scopeErrors: string[] = [];
  if (!REGION.test(region)) scopeErrors.push(`Credential should be scoped to a valid region, not '${echo(region)}'.`);
  if (service !== SERVICE) scopeErrors.push(`Credential should be scoped to correct service: '${SERVICE}'.`);
  if (terminator !== TERMINATOR) {
    scopeErrors.push(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${echo(terminator)}'.`);
  }
  if (scopeDate !== requestDay) {
    scopeErrors.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${echo(scopeDate)}' != '${requestDay}', from '${amzDate}'.`,
    );
  }
  if (scopeErrors.length > 0) throw new InvalidSignatureException(scopeErrors.join(' '));

  // 9. The access key.
  const secret = secretFor(accessKeyId);
  if (secret === undefined) throw new UnrecognizedClientException(MSG_UNKNOWN_KEY);

  // 10. The signature itself.
  if (!HEX_SIGNATURE.test(signature)) throw new InvalidSignatureException(MSG_MISMATCH);
  const bodyHash = toHex(sha256(request.body));
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== bodyHash) throw new InvalidSignatureException(MSG_MISMATCH);

  let canonical = `${request.method}\n${canonicalUri(request.path)}\n${canonicalQuery(request.query)}\n`;
  for (const name of names) {
    const value = request.headers[name];
    // typeof, not `=== undefined`: a signed "constructor" or "__proto__" must not reach Object.prototype.
    if (typeof value !== 'string') throw new InvalidSignatureException(MSG_MISMATCH);
    canonical += `${name}:${canonicalHeaderValue(value)}\n`;
  }
  canonical += `\n${names.join(';')}\n${bodyHash}`;

  const scope = credential.slice(accessKeyId.length + 1);
  const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${toHex(sha256(encodeScratch(canonical)))}`;
  const expected = signingHmac(secret, scopeDate, region).clone().update(encodeScratch(stringToSign)).digest();
  if (!constantTimeEqual(expected, hexToBytes32(signature))) throw new InvalidSignatureException(MSG_MISMATCH);
  return { accessKeyId, region };
}

// ---------------------------------------------------------------------------------------------
// Signing keys: HMAC chain `AWS4<secret>` → date → region → service → `aws4_request`, cached.

const MAX_CACHED_KEYS = 256;
type KeyedHmac = ReturnType<typeof hmac.create>;
const keyCache = new Map<string, KeyedHmac>();

/** HMAC-SHA256 keyed with the signing key, ready to `clone()`: the key's pad blocks are hashed once. */
function signingHmac(secret: string, date: string, region: string): KeyedHmac {
  const cacheKey = `${date}/${region}/${secret}`;
  const cached = keyCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const kDate = hmac(sha256, utf8Encode(`AWS4${secret}`), utf8Encode(date));
  const kRegion = hmac(sha256, kDate, utf8Encode(region));
  const kService = hmac(sha256, kRegion, utf8Encode(SERVICE));
  const kSigning = hmac(sha256, kService, utf8Encode(TERMINATOR));
  const keyed = hmac.create(sha256, kSigning);
  kDate.fill(0);
  kRegion.fill(0);
  kService.fill(0);
  kSigning.fill(0);
  // Dates roll over daily and keys are few: a full cache is simply started again.
  if (keyCache.size >= MAX_CACHED_KEYS) keyCache.clear();
  keyCache.set(cacheKey, keyed);
  return keyed;
}

const encoder = new TextEncoder();
/** Reused for the canonical request and string to sign; only ever read before the next call. */
let scratch = new Uint8Array(4096);
const MAX_SCRATCH = 64 * 1024;

/** UTF-8 of `text` in a shared buffer (a fresh one for the rare huge text), valid until the next call. */
function encodeScratch(text: string): Uint8Array {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const worst = text.length * 3;
  if (worst > scratch.length) {
    if (worst > MAX_SCRATCH) return utf8Encode(text);
    scratch = new Uint8Array(MAX_SCRATCH);
  }
  return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
}

// ---------------------------------------------------------------------------------------------
// Canonical request parts.

/**
 * The path with dot segments and empty segments removed, then URI-encoded once more (the path on
 * the wire is already encoded: AWS, botocore and the JS SDK all encode it twice for non-S3).
 */
function canonicalUri(path: string): string {
  if (path === '/' || path === '') return '/';
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(uriEncode(segment));
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = kept.length > 0 && path.endsWith('/') ? '/' : '';
  return lead + kept.join('/') + trail;
}

/** Each name and value decoded and re-encoded per SigV4, sorted by name, then value. */
function canonicalQuery(query: string | undefined): string {
  if (query === undefined || query === '') return '';
  const pairs: [string, string][] = [];
  for (const item of query.split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const value = eq < 0 ? '' : item.slice(eq + 1);
    pairs.push([uriEncode(uriDecode(name)), uriEncode(uriDecode(value))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (let i = 0; i < pairs.length; i++) out += `${i === 0 ? '' : '&'}${pairs[i]![0]}=${pairs[i]![1]}`;
  return out;
}

const NEEDS_COLLAPSE = /\s\s|[^\S ]/;
const WHITESPACE_RUN = /\s+/g;

/** Trimmed, with every run of whitespace inside collapsed to one space (as botocore and the JS SDK do). */
function canonicalHeaderValue(value: string): string {
  const trimmed = value.trim();
  return NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(WHITESPACE_RUN, ' ') : trimmed;
}

const HEX_UPPER = '0123456789ABCDEF';

/** RFC 3986 encoding of everything but unreserved characters, over UTF-8, upper-case hex. Never throws. */
function uriEncode(text: string): string {
  if (UNRESERVED.test(text)) return text;
  const bytes = utf8Encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const unreserved =
      (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e;
    out += unreserved ? String.fromCharCode(b) : `%${HEX_UPPER[b >> 4]}${HEX_UPPER[b & 15]}`;
  }
  return out;
}

/** Percent-decoding that leaves malformed input as it is rather than throwing. */
function uriDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function isSeparator(code: number): boolean {
  return code === 0x2c /* , */ || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function firstWhitespace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c) return i;
  }
  return -1;
}

/** Milliseconds since the epoch of a valid `YYYYMMDDTHHMMSSZ`, or undefined. */
function parseIsoBasic(text: string): number | undefined {
  if (text.length !== 16 || text.charCodeAt(8) !== 0x54 /* T */ || text.charCodeAt(15) !== 0x5a /* Z */) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 4, 2);
  const day = digits(text, 6, 2);
  const hour = digits(text, 9, 2);
  const minute = digits(text, 11, 2);
  const second = digits(text, 13, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > monthDays) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The decimal number in `text[from, from + count)`, or -1 if any of it is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function isoBasic(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Echoes caller input into a message, bounded so a huge header cannot make a huge error. */
function echo(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}...` : text;
}

/** The 32 bytes of a signature already checked against {@link HEX_SIGNATURE}. */
function hexToBytes32(hex: string): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = (hexDigit(hex.charCodeAt(2 * i)) << 4) | hexDigit(hex.charCodeAt(2 * i + 1));
  return out;
}

function hexDigit(code: number): number {
  return code <= 0x39 ? code - 0x30 : code - 0x57;
}
