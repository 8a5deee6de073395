/**
 * The wire protocol's cost, as ratios measured in one process (issue #4's targets):
 *
 * - `KMSClient.send` through `createRequestHandler` vs the same client with a handler that returns
 *   a canned response: pocket-kms's share of a real SDK call (target ≤ 1.15×, stretch 1.10×);
 * - the JSON layer: `protocol.handle` on request bytes vs `Kms.encrypt` direct, 32 B (≥ 0.6×);
 * - the loopback server: requests per CPU-second of the server process, driven with keep-alive by
 *   the JS SDK, and the same for moto's server when `python3 -m moto.server` exists (aim ≥ 10×).
 *
 *   tsx bench/protocol.ts [--quick] [--rounds N] [--sample-ms N] [--no-server] [--provider node]
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { createRequestHandler, type SdkHttpRequest } from '../src/aws-sdk/index.js';
import { Kms } from '../src/index.js';
import { createProtocol } from '../src/protocol/index.js';
import { median, quantile, runPairs, side, type Pair } from './harness.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const flag = (name: string, fallback: number): number => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const rounds = flag('--rounds', quick ? 7 : 21);
const sampleMs = flag('--sample-ms', quick ? 60 : 100);
const CREDENTIALS = { accessKeyId: 'AKIAPOCKETBENCH', secretAccessKey: 'bench' };
const PLAINTEXT = new Uint8Array(32).fill(7);
const CONTEXT = { tenant: 't1', purpose: 'bench' };

// `--provider node` shows how much of an SDK call is the pure-JS crypto of the default provider.
const providerName = argv.includes('--provider') ? argv[argv.indexOf('--provider') + 1] : 'noble';
const kms = new Kms(providerName === 'node' ? { provider: (await import('../src/node/index.js')).nodeProvider() } : {});
const keyArn = (await kms.createKey()).KeyMetadata!.Arn!;
const blob = (await kms.encrypt({ KeyId: keyArn, Plaintext: PLAINTEXT, EncryptionContext: CONTEXT })).CiphertextBlob!;

// ---------------------------------------------------------------------------------------------
// 1. The SDK with our handler vs the SDK with a handler that only returns a canned response.

const ours = new KMSClient({ region: 'us-east-1', credentials: CREDENTIALS, requestHandler: createRequestHandler(kms) });

/** The canned handler answers each operation with the response ours gave, byte for byte. */
async function cannedClientFor(command: () => object): Promise<KMSClient> {
  let captured: { statusCode: number; headers: Record<string, string>; body: Uint8Array } | undefined;
  const recorder = createRequestHandler(kms);
  const recording = new KMSClient({
    region: 'us-east-1',
    credentials: CREDENTIALS,
    requestHandler: {
      ...recorder,
      async handle(request: SdkHttpRequest, options?: { readonly abortSignal?: { readonly aborted: boolean } }) {
        const result = await recorder.handle(request, options);
        captured = result.response;
        return result;
      },
    },
  });
  await recording.send(command() as never);
  const response = captured!;
  return new KMSClient({
    region: 'us-east-1',
    credentials: CREDENTIALS,
    requestHandler: {
      handle: async () => ({ response: { ...response, headers: { ...response.headers }, body: response.body.slice() } }),
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    },
  });
}

const commands: Record<string, () => object> = {
  'Encrypt 32 B': () => new EncryptCommand({ KeyId: keyArn, Plaintext: PLAINTEXT, EncryptionContext: CONTEXT }),
  'Decrypt 32 B': () => new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: CONTEXT }),
  'GenerateDataKey 32 B': () => new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
  DescribeKey: () => new DescribeKeyCommand({ KeyId: keyArn }),
};

const pairs: Pair[] = [];
for (const [id, command] of Object.entries(commands)) {
  const canned = await cannedClientFor(command);
  // "api" = the SDK on pocket-kms, "bare" = the SDK alone: the ratio is our per-call cost over the SDK's.
  pairs.push({ id: `sdk ${id}`, api: side(() => ours.send(command() as never)), bare: side(() => canned.send(command() as never)), ratios: [] });
}

// 2. The JSON layer: request bytes in, response bytes out, vs the direct call.
const protocol = createProtocol(kms);
const encryptBody = new TextEncoder().encode(
  JSON.stringify({ KeyId: keyArn, Plaintext: Buffer.from(PLAINTEXT).toString('base64'), EncryptionContext: CONTEXT }),
);
const wire = { method: 'POST', path: '/', headers: { 'x-amz-target': 'TrentService.Encrypt' }, body: encryptBody };
pairs.push({
  id: 'json Encrypt 32 B',
  api: side(() => protocol.handle(wire)),
  bare: side(() => kms.encrypt({ KeyId: keyArn, Plaintext: PLAINTEXT, EncryptionContext: CONTEXT })),
  ratios: [],
});

process.stderr.write(`calibrating ${pairs.length * 2} cases...`);
await runPairs(pairs, {
  sampleMs,
  rounds,
  warmupRounds: 1,
  onRound: (r, n) => process.stderr.write(r === 1 ? ` rounds ${r}` : r === n ? ` ${r} done\n` : ` ${r}`),
});

const opsPerSec = (s: { samples: number[] }) => median(s.samples);
console.log(`# pocket-kms bench: the wire protocol (${kms.providerName} provider)`);
console.log(`method: samples of ~${sampleMs} ms, ${rounds} rounds, pairs interleaved; ratio = median over rounds\n`);
console.log('case                       ours µs/call  reference µs/call  ratio   IQR          target');
for (const pair of pairs) {
  const sdk = pair.id.startsWith('sdk');
  // For the SDK rows the ratio is time ÷ time (cost), for the JSON row ops/s ÷ ops/s (speed).
  const ratios = sdk ? pair.ratios.map((r) => 1 / r) : pair.ratios;
  const ratio = median(ratios);
  const target = sdk ? '≤ 1.15×' : '≥ 0.60×';
  const pass = sdk ? ratio <= 1.15 : ratio >= 0.6;
  console.log(
    `${pair.id.padEnd(26)} ${(1e6 / opsPerSec(pair.api)).toFixed(1).padStart(12)}  ${(1e6 / opsPerSec(pair.bare)).toFixed(1).padStart(17)}  ` +
      `${ratio.toFixed(2)}×  ${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}    ${target} ${pass ? 'pass' : 'MISS'}`,
  );
}

// ---------------------------------------------------------------------------------------------
// 3. Servers: requests per CPU-second of the server process.

if (!argv.includes('--no-server')) {
  console.log('\nserver                     requests  server CPU s  requests per CPU-second');
  const cpuSeconds = (pid: number): number => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  };
  async function drive(name: string, child: ChildProcess, endpoint: string, account: string): Promise<void> {
    const client = new KMSClient({ region: 'us-east-1', credentials: CREDENTIALS, endpoint, maxAttempts: 1 });
    const key = (await client.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const ct = (await client.send(new EncryptCommand({ KeyId: key, Plaintext: PLAINTEXT, EncryptionContext: CONTEXT }))).CiphertextBlob!;
    const ops = [
      () => client.send(new EncryptCommand({ KeyId: key, Plaintext: PLAINTEXT, EncryptionContext: CONTEXT })),
      () => client.send(new GenerateDataKeyCommand({ KeyId: key, KeySpec: 'AES_256', EncryptionContext: CONTEXT })),
      () => client.send(new DecryptCommand({ CiphertextBlob: ct, EncryptionContext: CONTEXT })),
    ];
    const total = quick ? 1500 : 6000;
    const before = cpuSeconds(child.pid!);
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) await ops[next++ % ops.length]!();
      }),
    );
    const used = cpuSeconds(child.pid!) - before;
    console.log(`${name.padEnd(26)} ${String(total).padStart(8)}  ${used.toFixed(2).padStart(12)}  ${(total / used).toFixed(0).padStart(23)}   (${account})`);
    client.destroy();
  }
  async function started(command: string, args: string[], ready: RegExp): Promise<ChildProcess> {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} did not start`)), 20_000);
      const watch = (chunk: Buffer) => {
        if (ready.test(chunk.toString())) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      child.stdout!.on('data', watch);
      child.stderr!.on('data', watch);
      child.on('exit', () => reject(new Error(`${command} exited`)));
    });
    return child;
  }
  const pocket = await started(process.execPath, ['dist/node/cli.js', 'serve', '--port', '4610'], /listening/);
  try {
    await drive('pocket-kms serve', pocket, 'http://127.0.0.1:4610', 'Encrypt, GenerateDataKey, Decrypt; 16 in flight');
  } finally {
    pocket.kill('SIGTERM');
  }
  let moto: ChildProcess | undefined;
  try {
    moto = await started('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '4611'], /Running on|Serving/);
    await drive('moto.server', moto, 'http://127.0.0.1:4611', 'the same workload');
  } catch (error) {
    console.log(`moto.server                skipped: ${(error as Error).message}`);
  } finally {
    moto?.kill('SIGTERM');
  }
}
