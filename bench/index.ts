/**
 * pocket-kms benchmark: Encrypt, Decrypt and GenerateDataKey through `Kms`, each beside the bare
 * cryptographic steps format v1 prescribes (bench/bare.ts) with the same provider, interleaved in
 * this one process (bench/harness.ts), and the ratio between the two.
 *
 *   tsx bench/index.ts                 full run (~100 s)
 *   tsx bench/index.ts --quick         smoke run (~25 s)
 *   options: --providers noble,webcrypto,node   --rounds N   --sample-ms N   --out FILE   --no-json
 *
 * Results also go to bench/results/latest.json (unless --no-json).
 * @module
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nobleProvider } from '../src/crypto/noble.js';
import type { CryptoProvider } from '../src/crypto/provider.js';
import { buildPairs, CONTEXT, fmtSize, printProvider, type ResultRow, rowsFor } from './cases.js';
import { runPairs } from './harness.js';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  readonly quick: boolean;
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly sampleMs: number;
  readonly providers: readonly string[];
  readonly out: string | undefined;
}

const ALL_PROVIDERS = ['noble', 'webcrypto', 'node'] as const;
const HERE = dirname(fileURLToPath(import.meta.url));

function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (flag: string, fallback: number): number => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, got ${raw}`);
    return n;
  };
  const providers = (value('--providers') ?? ALL_PROVIDERS.join(','))
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of providers) {
    if (!(ALL_PROVIDERS as readonly string[]).includes(p)) throw new Error(`unknown provider ${p}; known: ${ALL_PROVIDERS.join(', ')}`);
  }
  return {
    quick,
    rounds: Math.round(number('--rounds', quick ? 7 : 21)),
    warmupRounds: 1,
    sampleMs: number('--sample-ms', quick ? 60 : 100),
    providers,
    out: argv.includes('--no-json') ? undefined : (value('--out') ?? resolve(HERE, 'results/latest.json')),
  };
}

// ---------------------------------------------------------------------------------------------
// Providers (webcrypto and node are optional: skipped when their module is absent)

type Loaded = { readonly provider: CryptoProvider } | { readonly skipped: string };

const OPTIONAL: Readonly<Record<string, { file: string; exportName: string }>> = {
  webcrypto: { file: '../src/crypto/webcrypto.ts', exportName: 'webCryptoProvider' },
  node: { file: '../src/node/index.ts', exportName: 'nodeProvider' },
};

async function loadProvider(name: string): Promise<Loaded> {
  if (name === 'noble') return { provider: nobleProvider() };
  const entry = OPTIONAL[name];
  if (!entry) return { skipped: 'unknown provider' };
  const path = resolve(HERE, entry.file);
  const shown = relative(process.cwd(), path);
  if (!existsSync(path)) return { skipped: `${shown} is not present` };
  try {
    const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const factory = mod[entry.exportName];
    if (typeof factory !== 'function') return { skipped: `${shown} has no ${entry.exportName}()` };
    return { provider: (factory as () => CryptoProvider)() };
  } catch (error) {
    return { skipped: `${shown} failed to load: ${(error as Error).message}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const options = parseOptions(process.argv.slice(2));
const cpus = os.cpus();
const machine = {
  date: new Date().toISOString(),
  cpu: cpus[0]?.model ?? 'unknown',
  cpus: cpus.length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  v8: process.versions.v8,
  openssl: process.versions.openssl,
};
const started = performance.now();

console.log('# pocket-kms bench: API vs the bare format-v1 steps, same provider, same process');
console.log(`machine: ${machine.cpu}, ${machine.cpus} CPUs, ${machine.memoryGiB} GiB, ${machine.os}`);
console.log(`runtime: Node ${machine.node}, V8 ${machine.v8}, OpenSSL ${machine.openssl}`);
console.log(
  `method: ${options.quick ? 'QUICK, ' : ''}samples of ~${options.sampleMs} ms, ${options.warmupRounds} warm-up + ${options.rounds} rounds, ` +
    'pairs interleaved (ABBA halves, rotating order); ratio = median over rounds of API÷bare from adjacent samples; one op in flight',
);
console.log(`context: ${JSON.stringify(CONTEXT)}; key id form: bare key id (UUID)`);

const results: ResultRow[] = [];
const skipped: { provider: string; reason: string }[] = [];

for (const name of options.providers) {
  const loaded = await loadProvider(name);
  if ('skipped' in loaded) {
    console.log(`\n## provider: ${name}: SKIPPED (${loaded.skipped})`);
    skipped.push({ provider: name, reason: loaded.skipped });
    continue;
  }
  const pairs = await buildPairs(loaded.provider);
  process.stderr.write(`[${name}] calibrating ${pairs.length * 2} cases...`);
  const t0 = performance.now();
  await runPairs(pairs, {
    sampleMs: options.sampleMs,
    rounds: options.rounds,
    warmupRounds: options.warmupRounds,
    onRound: (r, n) => process.stderr.write(r === 1 ? ` rounds ${r}` : r === n ? ` ${r} done\n` : ` ${r}`),
  });
  process.stderr.write(`[${name}] ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const rows = rowsFor(loaded.provider.name, pairs);
  results.push(...rows);
  printProvider(loaded.provider.name, rows);
}

const misses = results.filter((r) => r.pass === false);
const elapsed = (performance.now() - started) / 1000;
console.log(`\n${results.filter((r) => r.pass === true).length} pass, ${misses.length} miss, ${results.filter((r) => r.pass === null).length} without a target; ${skipped.length} provider(s) skipped; ${elapsed.toFixed(0)} s`);
if (misses.length) console.log(`missed: ${misses.map((r) => `${r.provider} ${r.operation} ${fmtSize(r.size)} (${r.ratio.toFixed(2)}× < ${r.target}×)`).join('; ')}`);

if (options.out) {
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(
    options.out,
    `${JSON.stringify({ machine, options: { ...options, out: undefined }, elapsedSeconds: elapsed, skipped, results }, null, 2)}\n`,
  );
  console.log(`results written to ${options.out}`);
}
