/**
 * From policy text to parsed JSON: the size quota, the character set, then the JSON parser.
 * Both checks run before parsing, so an oversized or hostile text costs one linear scan.
 * @module
 */
import { LimitExceededException } from '../errors.js';
import { malformed } from './json.js';
import type { PolicyKind } from './types.js';

/** The key policy quota (KMS API reference, PutKeyPolicy `Policy`). */
export const MAX_KEY_POLICY_BYTES = 32_768;

/**
 * What KMS and IAM accept in a policy document (their model's pattern): tab, line feed, carriage
 * return and U+0020 to U+00FF. Anything else, such as a raw U+FFFD or a lone surrogate, is
 * refused. A JSON escape (`\u4e2d`) is plain ASCII here, and is how a policy names a non-Latin-1
 * value; escaped lone surrogates are refused when the strings are read.
 */
const OUTSIDE_CHARSET = /[^\t\n\r\u0020-\u00ff]/;

/** UTF-8 length, counting only until `limit` is passed; a lone surrogate counts as U+FFFD would. */
function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * @throws {@link LimitExceededException} for a key policy over 32,768 UTF-8 bytes
 * @throws {@link MalformedPolicyDocumentException} for text outside the character set, or that is not JSON
 */
export function parseDocument(text: string, kind: PolicyKind): unknown {
  if (typeof text !== 'string') throw malformed('Syntax errors in policy. The policy must be a string of JSON');
  if (kind === 'key' && utf8Length(text, MAX_KEY_POLICY_BYTES) > MAX_KEY_POLICY_BYTES) {
    throw new LimitExceededException(`The key policy is larger than the quota of ${MAX_KEY_POLICY_BYTES} bytes.`);
  }
  const outside = OUTSIDE_CHARSET.exec(text);
  if (outside) {
    const code = outside[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw malformed(
      `Syntax errors in policy. Character U+${code} at offset ${outside.index} is not allowed: use tab, line feed, carriage return and U+0020 to U+00FF, or a JSON \\u escape`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw malformed(`Syntax errors in policy. The policy is not valid JSON: ${(error as Error).message}`);
  }
}
