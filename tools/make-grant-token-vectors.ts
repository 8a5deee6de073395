/**
 * Regenerates test/vectors/grant-token-v1.json from the Buffer rendering of docs/FORMAT.md.
 * Run: npx tsx tools/make-grant-token-vectors.ts. The vectors of a shipped format version never
 * change; this exists so that the next version's vectors are made the same way.
 */
import { writeFileSync } from 'node:fs';
import { specToken, specTokenBytes, type TokenSpecInput } from '../test/vectors/grant-token-v1-spec.js';

const counting = (start: number) => Buffer.from(Array.from({ length: 16 }, (_, i) => start + i)).toString('hex');

const base: TokenSpecInput = {
  region: 'us-east-1',
  accountId: '111122223333',
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  grantId: '0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60',
  nonce: counting(0),
};

const cases: { description: string; input: TokenSpecInput }[] = [
  { description: 'a grant on a single-Region key', input: base },
  { description: 'the same grant with another nonce (a retried CreateGrant)', input: { ...base, nonce: counting(0xf0) } },
  {
    description: 'a multi-Region key in another account',
    input: { ...base, region: 'eu-west-1', accountId: '999988887777', keyId: 'mrk-1234abcd12ab34cd56ef1234567890ab' },
  },
  { description: 'a GovCloud Region', input: { ...base, region: 'us-gov-west-1', grantId: 'ff'.repeat(32), nonce: '00'.repeat(16) } },
];

const positive = cases.map(({ description, input }) => ({ description, ...input, token: specToken(input) }));

const good = specTokenBytes(base);
const r = base.region.length;
const k = base.keyId.length;
const b64 = (bytes: Buffer) => bytes.toString('base64url');
const edit = (at: number, value: number) => {
  const bytes = Buffer.from(good);
  bytes[at] = value;
  return b64(bytes);
};
const goodToken = b64(good);
/** A valid token that uses the two characters where base64url and base64 differ. */
const urlSafe = positive.find((v) => /-/.test(v.token) && /_/.test(v.token))!;

const negative = [
  { description: 'empty', token: '' },
  { description: 'padded with "="', token: `${goodToken}=` },
  { description: 'standard base64 alphabet ("+" and "/")', token: urlSafe.token.replace(/-/g, '+').replace(/_/g, '/') },
  { description: 'a space inside', token: `${goodToken.slice(0, 10)} ${goodToken.slice(10)}` },
  { description: 'impossible length (4n+1 characters)', token: `${goodToken}A` },
  { description: 'non-zero unused bits in the last character', token: nonCanonical(goodToken) },
  { description: 'wrong magic', token: edit(1, 0x6b) },
  { description: 'unknown format version', token: edit(2, 0x02) },
  { description: 'Region length 0', token: edit(3, 0) },
  { description: 'Region length past the end', token: edit(3, 0xff) },
  { description: 'uppercase in the Region', token: edit(4, 0x55) },
  { description: 'non-ASCII byte in the Region', token: edit(4, 0xe9) },
  { description: 'non-digit in the account id', token: edit(4 + r + 5, 0x61) },
  { description: 'key id length one short', token: edit(16 + r, k - 1) },
  { description: 'key id not lowercase', token: edit(17 + r, 0x41) },
  { description: 'truncated by one byte', token: b64(good.subarray(0, good.length - 1)) },
  { description: 'one trailing byte', token: b64(Buffer.concat([good, Buffer.from([0])])) },
  { description: 'a blob, not a token', token: b64(Buffer.concat([Buffer.from([0x70, 0x6b, 0x01]), good.subarray(3)])) },
];

/** Sets an unused low bit of the last character; the token's byte length must not be a multiple of 3. */
function nonCanonical(token: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(token.at(-1)!);
  return token.slice(0, -1) + alphabet[last | 1];
}

if (good.length % 3 === 0 || !urlSafe) throw new Error('the negative vectors need other inputs');

writeFileSync(
  new URL('../test/vectors/grant-token-v1.json', import.meta.url),
  JSON.stringify({ format: 'pocket-kms grant token', version: 1, spec: 'docs/FORMAT.md', positive, negative }, null, 2) + '\n',
);
console.log(`wrote ${positive.length} positive and ${negative.length} negative vectors`);
