/**
 * The v1 grant token, written straight from docs/FORMAT.md with Buffer and nothing from src/. It
 * generates the committed vectors and cross-checks them, so the vectors test the spec, not merely
 * agree with the implementation.
 */

export interface TokenSpecInput {
  region: string;
  accountId: string;
  keyId: string;
  grantId: string;
  /** 16 bytes, hex. */
  nonce: string;
}

/** The token's bytes before base64url. */
export function specTokenBytes(input: TokenSpecInput): Buffer {
  return Buffer.concat([
    Buffer.from([0x70, 0x67, 0x01, input.region.length]),
    Buffer.from(input.region, 'ascii'),
    Buffer.from(input.accountId, 'ascii'),
    Buffer.from([input.keyId.length]),
    Buffer.from(input.keyId, 'ascii'),
    Buffer.from(input.grantId, 'hex'),
    Buffer.from(input.nonce, 'hex'),
  ]);
}

/** Node's "base64url" is RFC 4648 §5 without padding. */
export const specToken = (input: TokenSpecInput): string => specTokenBytes(input).toString('base64url');
