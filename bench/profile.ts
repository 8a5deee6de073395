/**
 * Where does the API path spend time beyond the bare steps? Two tools:
 *
 * 1. `tsx bench/profile.ts steps [provider]`: times each piece of `kms.encrypt` / `kms.decrypt`
 *    in isolation (validation, key resolution, context encoding, random pool, blob sealing, …)
 *    against the bare steps, each in a tight loop, interleaved over a few rounds (median shown).
 *
 * 2. `node --cpu-prof --cpu-prof-dir=bench/results/prof --import tsx bench/profile.ts loop <provider> <op> <size> [seconds]`
 *    runs one API case in a loop so a CPU profile can be taken; then
 *    `tsx bench/profile.ts summarize <file.cpuprofile>` prints self time by function.
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { headerIsIntact, NONCE_BYTES, openBlob, parseBlob, SALT_BYTES, sealBlob } from '../src/blob/ciphertext-blob.js';
import { encodeEncryptionContext } from '../src/blob/encryption-context.js';
import { fromHex } from '../src/crypto/bytes.js';
import { nobleProvider } from '../src/crypto/noble.js';
import type { CryptoProvider } from '../src/crypto/provider.js';
import { RandomPool } from '../src/internal/random-pool.js';
import { validateRequest } from '../src/internal/validate.js';
import { keyArn, parseKeyIdentifier } from '../src/keystore/identifiers.js';
import { unsafeMaterialBytes } from '../src/keystore/key-material.js';
import { currentMaterial, findMaterial } from '../src/keystore/key-record.js';
import { InMemoryStateStore } from '../src/keystore/state-store.js';
import { Kms } from '../src/kms.js';
import { SHAPES } from '../src/ops/shapes.js';
import { bareSteps } from './bare.js';
import { median } from './harness.js';

const CONTEXT = Object.freeze({ tenant: 't1', purpose: 'bench' });

async function provider(name: string): Promise<CryptoProvider> {
  if (name === 'noble') return nobleProvider();
  if (name === 'webcrypto') return ((await import('../src/crypto/webcrypto.js' as string)) as { webCryptoProvider: () => CryptoProvider }).webCryptoProvider();
  if (name === 'node') return ((await import('../src/node/index.js' as string)) as { nodeProvider: () => CryptoProvider }).nodeProvider();
  // Any other module: `path/to/module.ts#exportName`, the export being a provider factory.
  const [path, exportName] = name.split('#');
  if (path && exportName) {
    const mod = (await import(resolve(path))) as Record<string, () => CryptoProvider>;
    return mod[exportName]!();
  }
  throw new Error(`unknown provider ${name}`);
}

async function setup(name: string) {
  const p = await provider(name);
  const store = new InMemoryStateStore();
  const kms = new Kms({ provider: p, store });
  const keyId = (await kms.createKey({})).KeyMetadata!.KeyId!;
  const record = store.getKey(keyId)!;
  const material = currentMaterial(record);
  const encoded = encodeEncryptionContext(CONTEXT);
  const bare = bareSteps(p, { accountId: kms.accountId, keyId, materialId: material.id, materialBytes: unsafeMaterialBytes(material) }, encoded);
  return { p, kms, keyId, record, material, encoded, bare };
}

async function timeLoop(fn: () => unknown, ms: number): Promise<number> {
  // returns µs per op
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 64; i++) await fn();
    n += 64;
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
}

async function steps(name: string): Promise<void> {
  const { p, kms, keyId, record, material, encoded, bare } = await setup(name);
  const pool = new RandomPool((n) => p.randomBytes(n));
  const scope = { partition: 'aws', region: kms.region, accountId: kms.accountId };
  const sizes = [32, 1024, 4096];
  const cases: [string, () => unknown][] = [];
  for (const size of sizes) {
    const pt = new Uint8Array(size);
    const blob = (await kms.encrypt({ KeyId: keyId, Plaintext: pt, EncryptionContext: CONTEXT })).CiphertextBlob!;
    const dec = bare.decryptor(blob);
    const input = { KeyId: keyId, Plaintext: pt, EncryptionContext: CONTEXT };
    cases.push(
      [`${size} api encrypt`, () => kms.encrypt(input)],
      [`${size} sealBlob (blob layer, pooled random)`, () =>
        sealBlob(p, {
          accountId: kms.accountId,
          keyId,
          materialId: material.idBytes(),
          materialBytes: unsafeMaterialBytes(material),
          randomness: pool.take(SALT_BYTES + NONCE_BYTES),
          plaintext: pt,
          encryptionContext: CONTEXT,
        })],
      [`${size} bare encrypt`, () => bare.encrypt(pt)],
      [`${size} api decrypt`, () => kms.decrypt({ CiphertextBlob: blob, EncryptionContext: CONTEXT })],
      [`${size} parse+check+openBlob (blob layer)`, async () => {
        const parsed = parseBlob(blob)!;
        if (!(await headerIsIntact(p, parsed))) throw new Error('x');
        return openBlob(p, parsed, unsafeMaterialBytes(material), CONTEXT);
      }],
      [`${size} bare decrypt`, dec],
      [`${size} parseBlob only`, () => parseBlob(blob)],
      [`${size} validateRequest(Encrypt)`, () => validateRequest(input, SHAPES.Encrypt)],
      [`${size} validateRequest(Decrypt)`, () => validateRequest({ CiphertextBlob: blob, EncryptionContext: CONTEXT }, SHAPES.Decrypt)],
    );
  }
  const gdkInput = { KeyId: keyId, KeySpec: 'AES_256' as const, EncryptionContext: CONTEXT };
  cases.push(
    ['32 api generateDataKey', () => kms.generateDataKey(gdkInput)],
    ['32 bare generateDataKey', () => bare.generateDataKey()],
    ['provider.randomBytes(28)', () => p.randomBytes(28)],
    ['RandomPool.take(28)', () => pool.take(28)],
    ['sha256(112 B)', () => p.sha256(new Uint8Array(112))],
    ['hkdfSha256Expand', () => p.hkdfSha256Expand(unsafeMaterialBytes(material), new Uint8Array(34), 32)],
    ['aesGcmSeal 32 B (aad 126 B)', () => p.aesGcmSeal(new Uint8Array(32), new Uint8Array(12), new Uint8Array(32), new Uint8Array(126))],
    ['encodeEncryptionContext(2 pairs)', () => encodeEncryptionContext(CONTEXT)],
    ['fromHex(materialId)', () => fromHex(material.id)],
    ['parseKeyIdentifier + keyArn', () => (parseKeyIdentifier(keyId), keyArn(scope, keyId))],
    ['findMaterial', () => findMaterial(record, material.idBytes())],
    ['new Date() x2 (ctx.now)', () => new Date(new Date().getTime())],
    ['await of a resolved value', async () => undefined],
  );
  void encoded;
  const results = new Map<string, number[]>();
  const rounds = 5;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < cases.length; i++) {
      const [label, fn] = cases[(i + r) % cases.length]!;
      const us = await timeLoop(fn, r === 0 ? 60 : 120);
      if (r > 0) results.set(label, [...(results.get(label) ?? []), us]);
    }
  }
  console.log(`provider ${p.name}: µs per op (median of ${rounds - 1} interleaved rounds)`);
  for (const [label] of cases) console.log(`${median(results.get(label)!).toFixed(2).padStart(9)}  ${label}`);
}

async function loop(name: string, op: string, size: number, seconds: number): Promise<void> {
  const { kms, keyId, bare } = await setup(name);
  const pt = new Uint8Array(size);
  const blob = (await kms.encrypt({ KeyId: keyId, Plaintext: pt, EncryptionContext: CONTEXT })).CiphertextBlob!;
  const dec = bare.decryptor(blob);
  const fns: Record<string, () => Promise<unknown>> = {
    encrypt: () => kms.encrypt({ KeyId: keyId, Plaintext: pt, EncryptionContext: CONTEXT }),
    decrypt: () => kms.decrypt({ CiphertextBlob: blob, EncryptionContext: CONTEXT }),
    gdk: () => kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
    'bare-encrypt': () => bare.encrypt(pt),
    'bare-decrypt': dec,
    'bare-gdk': () => bare.generateDataKey(),
  };
  const fn = fns[op];
  if (!fn) throw new Error(`op is one of ${Object.keys(fns).join(', ')}`);
  const us = await timeLoop(fn, seconds * 1000);
  console.log(`${name} ${op} ${size}: ${us.toFixed(2)} µs/op`);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function summarize(file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  const label = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\/\/work\/main\//, '').replace(/.*node_modules\//, '');
    return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
  };
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([l, t]) => `${((100 * t) / all).toFixed(1).padStart(6)}%  ${l}`).join('\n');
  console.log(`self time (top 35):\n${top(self, 35)}\n\ninclusive time (top 45):\n${top(total, 45)}`);
}

const [mode = 'steps', ...rest] = process.argv.slice(2);
if (mode === 'steps') await steps(rest[0] ?? 'noble');
else if (mode === 'loop') await loop(rest[0] ?? 'noble', rest[1] ?? 'encrypt', Number(rest[2] ?? 32), Number(rest[3] ?? 5));
else if (mode === 'summarize') summarize(rest[0]!);
else throw new Error('modes: steps | loop | summarize');
