/**
 * Grant tokens. The model constraints (0..10 tokens of 1..8192 characters) are checked with the
 * request shape; this adds the parse check. Until grants exist, no token can name a grant, so
 * every well-formed token is accepted and ignored.
 * @module
 */
import { InvalidGrantTokenException } from '../errors.js';

/** Tokens are opaque URL-safe base64-like strings in AWS; anything else cannot be a token. */
const TOKEN = /^[A-Za-z0-9+/=_-]+$/;

/** @throws {@link InvalidGrantTokenException} for a token that cannot be parsed */
export function validateGrantTokens(tokens: readonly string[] | undefined): void {
  for (const token of tokens ?? []) {
    if (!TOKEN.test(token)) throw new InvalidGrantTokenException('The grant token is not valid.');
  }
}
