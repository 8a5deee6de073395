/**
 * Grant tokens in requests. The model constraints (0..10 tokens of 1..8192 characters) are
 * checked with the request shape; here each token must decode (docs/FORMAT.md, "Grant token v1"),
 * and the grant ids they name let a grant act before it has propagated.
 * @module
 */
import { InvalidGrantTokenException } from '../errors.js';
import { decodeGrantToken } from '../grants/grant-token.js';

const NONE: ReadonlySet<string> = new Set();

/** @throws {@link InvalidGrantTokenException} for a token that cannot be parsed */
export function grantIdsOf(tokens: readonly string[] | undefined): ReadonlySet<string> {
  if (!tokens || tokens.length === 0) return NONE;
  const ids = new Set<string>();
  for (const token of tokens) {
    const decoded = decodeGrantToken(token);
    if (!decoded) throw new InvalidGrantTokenException('The grant token is not valid.');
    ids.add(decoded.grantId);
  }
  return ids;
}
