import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/crypto/bytes.js';
import { decodeGrantToken, encodeGrantToken } from '../../src/grants/grant-token.js';
import { specToken, type TokenSpecInput } from './grant-token-v1-spec.js';
import vectorFile from './grant-token-v1.json' with { type: 'json' };

interface PositiveVector extends TokenSpecInput {
  description: string;
  token: string;
}
interface NegativeVector {
  description: string;
  token: string;
}
const vectors = vectorFile as { positive: PositiveVector[]; negative: NegativeVector[] };

const fieldsOf = ({ region, accountId, keyId, grantId }: PositiveVector) => ({ region, accountId, keyId, grantId });

describe('grant token v1 vectors', () => {
  it('follow the written spec (recomputed with Buffer alone)', () => {
    for (const v of vectors.positive) expect(specToken(v), v.description).toBe(v.token);
  });

  it.each(vectors.positive)('encode: $description', (v) => {
    expect(encodeGrantToken(fieldsOf(v), fromHex(v.nonce))).toBe(v.token);
  });

  it.each(vectors.positive)('decode: $description', (v) => {
    expect(decodeGrantToken(v.token)).toEqual(fieldsOf(v));
  });

  it.each(vectors.negative)('refuse: $description', (v) => {
    expect(decodeGrantToken(v.token)).toBeUndefined();
  });
});
