/**
 * Regenerates test/vectors/blob-v1.json from the node:crypto rendering of docs/FORMAT.md.
 * Run: npx tsx tools/make-blob-vectors.ts. The vectors of a shipped format version never change;
 * this exists so that the next version's vectors are made the same way.
 */
import { writeFileSync } from 'node:fs';
import { specEncodeContext, specSeal, type SpecInput } from '../test/vectors/blob-v1-spec.js';

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
const fill = (byte: number, n: number) => Buffer.alloc(n, byte).toString('hex');

const base = {
  accountId: '111122223333',
  keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  materialId: fill(0xa5, 32),
  material: Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex'),
  salt: Buffer.from(Array.from({ length: 16 }, (_, i) => 0xf0 + i)).toString('hex'),
  nonce: Buffer.from(Array.from({ length: 12 }, (_, i) => 0x10 + i)).toString('hex'),
};

const cases: { description: string; input: SpecInput }[] = [
  { description: 'one byte, no encryption context', input: { ...base, plaintext: '00', context: {} } },
  { description: 'text with a two-pair context given out of order', input: { ...base, plaintext: hex('hello, pocket-kms'), context: { purpose: 'test', Department: 'IT' } } },
  { description: 'context keys that sort differently in UTF-8 and UTF-16', input: { ...base, plaintext: hex('ü'), context: { '\u{1F600}': 'emoji', '\uFF61': 'halfwidth', '': 'empty key' } } },
  { description: 'a 32-byte data key under a multi-Region key id', input: { ...base, keyId: 'mrk-1234abcd12ab34cd56ef1234567890ab', plaintext: fill(0x42, 32), context: { tenant: 't1' } } },
  { description: '4096 bytes, the largest plaintext', input: { ...base, accountId: '999988887777', plaintext: fill(0x7e, 4096), context: { a: 'b' } } },
];

const positive = cases.map(({ description, input }) => ({
  description,
  ...input,
  encodedContext: specEncodeContext(input.context).toString('hex'),
  blob: specSeal(input).toString('hex'),
}));

const good = positive[1]!;
const flip = (blobHex: string, byteIndex: number) => {
  const b = Buffer.from(blobHex, 'hex');
  b[byteIndex]! ^= 0x01;
  return b.toString('hex');
};
const negative = [
  { description: 'wrong magic', blob: flip(good.blob, 0) },
  { description: 'unknown format version', blob: flip(good.blob, 2) },
  { description: 'key id length changed', blob: flip(good.blob, 3) },
  { description: 'account id altered (header check fails)', blob: flip(good.blob, 15) },
  { description: 'key id altered (header check fails)', blob: flip(good.blob, 16) },
  { description: 'salt altered (header check fails)', blob: flip(good.blob, 16 + 36 + 32) },
  { description: 'header check altered', blob: flip(good.blob, 16 + 36 + 32 + 16 + 12) },
  { description: 'ciphertext altered', blob: flip(good.blob, 116) },
  { description: 'tag altered', blob: flip(good.blob, good.blob.length / 2 - 1) },
  { description: 'truncated by one byte', blob: good.blob.slice(0, -2) },
  { description: 'empty plaintext (never produced)', blob: good.blob.slice(0, 116 * 2) + good.blob.slice(-32) },
  { description: 'wrong encryption context', blob: good.blob, context: { purpose: 'Test', Department: 'IT' } },
].map((v) => ({ material: good.material, context: good.context, ...v }));

writeFileSync(
  new URL('../test/vectors/blob-v1.json', import.meta.url),
  JSON.stringify({ format: 'pocket-kms ciphertext blob', version: 1, spec: 'docs/FORMAT.md', positive, negative }, null, 2) + '\n',
);
console.log(`wrote ${positive.length} positive and ${negative.length} negative vectors`);
