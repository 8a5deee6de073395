/**
 * The benchmark cases (API side and bare side for each operation and size), the format
 * cross-checks, the targets and the table output. Used by bench/index.ts.
 * @module
 */
import { encodeEncryptionContext } from '../src/blob/encryption-context.js';
import type { CryptoProvider } from '../src/crypto/provider.js';
import { unsafeMaterialBytes } from '../src/keystore/key-material.js';
import { currentMaterial } from '../src/keystore/key-record.js';
import { InMemoryStateStore } from '../src/keystore/state-store.js';
import { Kms } from '../src/kms.js';
import { bareSteps } from './bare.js';
import { median, type Pair, quantile, side } from './harness.js';

// ---------------------------------------------------------------------------------------------
// Cases

export const SIZES = [32, 1024, 4096] as const;
export const CONTEXT = Object.freeze({ tenant: 't1', purpose: 'bench' });
export type Operation = 'Encrypt' | 'Encrypt+policy' | 'Decrypt' | 'GenerateDataKey';

/**
 * The default key policy plus three conditional statements (issue #3's speed target): the
 * authorizer evaluates all of them on every call, since any could be a Deny.
 */
export function policyWithConditions(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'bench',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Tenant users',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:role/app` },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:EncryptionContext:tenant': 't1', 'kms:CallerAccount': accountId } },
      },
      {
        Sid: 'No plain HTTP',
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'Only the office network',
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] }, Null: { 'aws:SourceIp': 'false' } },
      },
    ],
  });
}

/** Targets from the issues: API ops/s ÷ bare ops/s. WebCrypto Encrypt has none stated. */
export function targetFor(provider: string, op: Operation): number | undefined {
  if (op === 'Encrypt+policy') return provider === 'node' ? 0.6 : undefined;
  if (op === 'Decrypt') return 0.6;
  if (op === 'GenerateDataKey') return 0.5;
  if (provider === 'node') return 0.8;
  if (provider === 'noble') return 0.9;
  return undefined;
}

export interface BenchPair extends Pair {
  readonly op: Operation;
  readonly size: number;
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function fill(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

export async function buildPairs(provider: CryptoProvider): Promise<BenchPair[]> {
  const store = new InMemoryStateStore();
  const kms = new Kms({ provider, store });
  const created = await kms.createKey({ Description: 'bench' });
  const keyId = created.KeyMetadata!.KeyId!;
  const material = currentMaterial(store.getKey(keyId)!);
  const bare = bareSteps(
    provider,
    { accountId: kms.accountId, keyId, materialId: material.id, materialBytes: unsafeMaterialBytes(material) },
    encodeEncryptionContext(CONTEXT),
  );

  // Cross-checks: the bare steps and Kms agree on the format, both ways.
  for (const size of SIZES) {
    const plaintext = fill(size, size);
    const sealed = await bare.encrypt(plaintext);
    const header = bare.lastHeader();
    const blob = new Uint8Array(header.length + sealed.length);
    blob.set(header);
    blob.set(sealed, header.length);
    const viaKms = await kms.decrypt({ CiphertextBlob: blob, EncryptionContext: CONTEXT });
    if (!equalBytes(viaKms.Plaintext!, plaintext)) throw new Error(`cross-check: kms.decrypt of a bare blob (${size} B) differs`);
    const enc = await kms.encrypt({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: CONTEXT });
    if (enc.CiphertextBlob!.length !== blob.length) throw new Error('cross-check: blob lengths differ');
    const opened = await bare.decryptor(enc.CiphertextBlob!)();
    if (!equalBytes(opened, plaintext)) throw new Error(`cross-check: bare decrypt of a kms blob (${size} B) differs`);
  }
  {
    const dk = await kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT });
    const opened = await bare.decryptor(dk.CiphertextBlob!)();
    if (!equalBytes(opened, dk.Plaintext!)) throw new Error('cross-check: bare decrypt of a GenerateDataKey blob differs');
    const { plaintext, sealed } = await bare.generateDataKey();
    const blob = new Uint8Array(bare.headerBytes + sealed.length);
    blob.set(bare.lastHeader());
    blob.set(sealed, bare.headerBytes);
    const viaKms = await kms.decrypt({ CiphertextBlob: blob, EncryptionContext: CONTEXT });
    if (!equalBytes(viaKms.Plaintext!, plaintext)) throw new Error('cross-check: kms.decrypt of a bare data-key blob differs');
  }

  const pairs: BenchPair[] = [];
  const pair = (op: Operation, size: number, api: () => Promise<unknown>, bareFn: () => Promise<unknown>) =>
    pairs.push({ id: `${op} ${size}`, op, size, api: side(api), bare: side(bareFn), ratios: [] });

  for (const size of SIZES) {
    const plaintext = fill(size, 7);
    pair(
      'Encrypt',
      size,
      () => kms.encrypt({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: CONTEXT }),
      () => bare.encrypt(plaintext),
    );
  }
  {
    // A second key under a policy with conditions; its bare side runs the same steps.
    const policyKey = (await kms.createKey({ Policy: policyWithConditions(kms.accountId) })).KeyMetadata!.KeyId!;
    const policyMaterial = currentMaterial(store.getKey(policyKey)!);
    const policyBare = bareSteps(
      provider,
      { accountId: kms.accountId, keyId: policyKey, materialId: policyMaterial.id, materialBytes: unsafeMaterialBytes(policyMaterial) },
      encodeEncryptionContext(CONTEXT),
    );
    const plaintext = fill(32, 7);
    pair(
      'Encrypt+policy',
      32,
      () => kms.encrypt({ KeyId: policyKey, Plaintext: plaintext, EncryptionContext: CONTEXT }),
      () => policyBare.encrypt(plaintext),
    );
  }
  for (const size of SIZES) {
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: fill(size, 9), EncryptionContext: CONTEXT });
    const blob = CiphertextBlob!;
    pair('Decrypt', size, () => kms.decrypt({ CiphertextBlob: blob, EncryptionContext: CONTEXT }), bare.decryptor(blob));
  }
  pair(
    'GenerateDataKey',
    32,
    () => kms.generateDataKey({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
    () => bare.generateDataKey(),
  );
  // AWS caps NumberOfBytes at 1024, so there is no 4 KiB data key to measure.
  pair(
    'GenerateDataKey',
    1024,
    () => kms.generateDataKey({ KeyId: keyId, NumberOfBytes: 1024, EncryptionContext: CONTEXT }),
    () => bare.generateDataKey(1024),
  );
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Output

const fmtOps = (n: number): string => (n >= 100_000 ? `${(n / 1000).toFixed(0)}k` : n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0));
export const fmtSize = (n: number): string => (n >= 1024 ? `${n / 1024} KiB` : `${n} B`);
const fmtUs = (opsPerSec: number): string => `${(1e6 / opsPerSec).toFixed(1)} µs`;

function table(headers: readonly string[], rows: readonly (readonly string[])[], rightAlign: readonly boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface ResultRow {
  provider: string;
  operation: Operation;
  size: number;
  apiOpsPerSec: number;
  bareOpsPerSec: number;
  apiMicros: number;
  bareMicros: number;
  /** median over rounds of (API ops/s ÷ bare ops/s) from adjacent samples */
  ratio: number;
  ratioP25: number;
  ratioP75: number;
  ratioMin: number;
  ratioMax: number;
  target: number | null;
  pass: boolean | null;
  rounds: number;
  iterationsPerSample: { api: number; bare: number };
  samples: { api: number[]; bare: number[]; ratios: number[] };
}

export function rowsFor(providerName: string, pairs: readonly BenchPair[]): ResultRow[] {
  return pairs.map((p) => {
    const api = median(p.api.samples);
    const bare = median(p.bare.samples);
    const ratio = median(p.ratios);
    const target = targetFor(providerName, p.op);
    return {
      provider: providerName,
      operation: p.op,
      size: p.size,
      apiOpsPerSec: api,
      bareOpsPerSec: bare,
      apiMicros: 1e6 / api,
      bareMicros: 1e6 / bare,
      ratio,
      ratioP25: quantile(p.ratios, 0.25),
      ratioP75: quantile(p.ratios, 0.75),
      ratioMin: Math.min(...p.ratios),
      ratioMax: Math.max(...p.ratios),
      target: target ?? null,
      pass: target === undefined ? null : ratio >= target,
      rounds: p.ratios.length,
      iterationsPerSample: { api: p.api.iterations, bare: p.bare.iterations },
      samples: { api: p.api.samples, bare: p.bare.samples, ratios: p.ratios },
    };
  });
}

export function printProvider(name: string, rows: readonly ResultRow[]): void {
  console.log(`\n## provider: ${name}\n`);
  console.log(
    table(
      ['operation', 'size', 'API ops/s', '(per op)', 'bare ops/s', '(per op)', 'ratio', 'IQR of ratio', 'target', 'result'],
      rows.map((r) => [
        r.operation,
        fmtSize(r.size),
        fmtOps(r.apiOpsPerSec),
        fmtUs(r.apiOpsPerSec),
        fmtOps(r.bareOpsPerSec),
        fmtUs(r.bareOpsPerSec),
        `${r.ratio.toFixed(2)}×`,
        `${r.ratioP25.toFixed(2)}–${r.ratioP75.toFixed(2)}`,
        r.target === null ? '–' : `≥ ${r.target.toFixed(2)}×`,
        r.pass === null ? 'n/a' : r.pass ? 'pass' : 'MISS',
      ]),
      [false, true, true, true, true, true, true, true, true, false],
    ),
  );
}

