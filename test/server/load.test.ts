/**
 * Load: 50 concurrent keep-alive clients send 10,000 mixed requests (a few CreateKey, mostly
 * Encrypt, Decrypt, GenerateDataKey, DescribeKey and ListKeys) to a server in this process. Every
 * answer must be right, and the heap must be flat: the whole load runs twice, and the heap after
 * the second run (after a full GC) may exceed the heap after the first by only a small bound.
 */
import { Agent } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/node/index.js';
import { call } from './helpers.js';

const CLIENTS = 50;
const REQUESTS = 10_000;
const NEW_KEYS_PER_RUN = 10;

/**
 * A full GC: `--expose-gc` when the worker has it, else V8's flag set at run time (then `gc` is
 * reachable from a new context). Undefined if neither works; the test then compares RSS.
 */
function findGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

const gc = findGc();

function memory(): number {
  if (!gc) return process.memoryUsage().rss;
  for (let i = 0; i < 3; i += 1) gc();
  return process.memoryUsage().heapUsed;
}

interface RunResult {
  readonly byOperation: Record<string, number>;
  readonly errors: string[];
  readonly ms: number;
}

describe('load', () => {
  let server: RunningServer;
  let agent: Agent;
  let keys: string[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0 });
    agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  });
  afterAll(async () => {
    agent.destroy();
    await server.close();
  });

  async function run(): Promise<RunResult> {
    const byOperation: Record<string, number> = {};
    const errors: string[] = [];
    const started = performance.now();
    let issued = 0;
    let created = 0;

    async function client(id: number): Promise<void> {
      let ciphertext: { blob: string; plaintext: string; context: Record<string, string> } | undefined;
      while (issued < REQUESTS) {
        const n = issued++;
        const roll = (n * 7919 + id) % 100;
        let operation: string;
        let input: Record<string, unknown>;
        let check: (json: any) => void;
        const keyId = keys[n % keys.length]!;
        if (created < NEW_KEYS_PER_RUN && n % 97 === 0) {
          created += 1;
          operation = 'CreateKey';
          input = { Description: `load ${n}`, Tags: [{ TagKey: 'n', TagValue: String(n) }] };
          check = (json) => {
            expect(json.KeyMetadata.KeyState).toBe('Enabled');
            keys.push(json.KeyMetadata.KeyId);
          };
        } else if (roll < 30 || (roll < 55 && !ciphertext)) {
          operation = 'Encrypt';
          const plaintext = Buffer.from(`message ${n} from ${id}`).toString('base64');
          const context = { client: String(id), n: String(n) };
          input = { KeyId: keyId, Plaintext: plaintext, EncryptionContext: context };
          check = (json) => {
            expect(json.KeyId).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//);
            ciphertext = { blob: json.CiphertextBlob, plaintext, context };
          };
        } else if (roll < 55) {
          operation = 'Decrypt';
          const expected = ciphertext!;
          input = { CiphertextBlob: expected.blob, EncryptionContext: expected.context };
          check = (json) => expect(json.Plaintext).toBe(expected.plaintext);
        } else if (roll < 75) {
          operation = 'GenerateDataKey';
          input = { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { n: String(n) } };
          check = (json) => expect(Buffer.from(json.Plaintext, 'base64')).toHaveLength(32);
        } else if (roll < 90) {
          operation = 'DescribeKey';
          input = { KeyId: keyId };
          check = (json) => expect(json.KeyMetadata.KeyId).toBe(keyId);
        } else {
          operation = 'ListKeys';
          input = { Limit: 5 };
          check = (json) => expect(json.Keys.length).toBeGreaterThan(0);
        }
        try {
          const reply = await call(server.url, operation, input, { agent });
          if (reply.status !== 200) throw new Error(`${reply.status} ${reply.text}`);
          check(reply.json);
          byOperation[operation] = (byOperation[operation] ?? 0) + 1;
        } catch (error) {
          errors.push(`${operation}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }

    await Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id)));
    return { byOperation, errors, ms: performance.now() - started };
  }

  it(`serves ${REQUESTS} mixed requests from ${CLIENTS} keep-alive clients without an error, twice, with a flat heap`, async () => {
    keys = [(await call(server.url, 'CreateKey')).json.KeyMetadata.KeyId];

    const first = await run();
    expect(first.errors.slice(0, 5)).toEqual([]);
    const afterFirst = memory();

    const second = await run();
    expect(second.errors.slice(0, 5)).toEqual([]);
    const afterSecond = memory();

    for (const result of [first, second]) {
      const total = Object.values(result.byOperation).reduce((a, b) => a + b, 0);
      expect(total).toBe(REQUESTS);
      expect(result.byOperation.CreateKey).toBe(NEW_KEYS_PER_RUN);
      for (const op of ['Encrypt', 'Decrypt', 'GenerateDataKey', 'DescribeKey', 'ListKeys']) expect(result.byOperation[op], op).toBeGreaterThan(500);
    }
    // All 50 sockets stayed open and were reused: never more than CLIENTS connections.
    const sockets = Object.values(agent.freeSockets).reduce((n, list) => n + (list?.length ?? 0), 0);
    expect(sockets).toBeGreaterThan(0);
    expect(sockets).toBeLessThanOrEqual(CLIENTS);

    // The bound. What legitimately grows between the runs is the state of the 10 keys the second
    // run creates (a few KB each) plus V8's own noise after a full GC (well under 1 MB). A leak of
    // even 100 bytes per request would add 1 MB over 10,000 requests; 2 MB catches anything
    // retained per request beyond that. RSS (without a usable gc) is noisier: 16 MB.
    const growth = afterSecond - afterFirst;
    const bound = gc ? 2 * 1024 * 1024 : 16 * 1024 * 1024;
    console.log(
      `load: run 1 ${first.ms.toFixed(0)} ms, run 2 ${second.ms.toFixed(0)} ms (${((REQUESTS / second.ms) * 1000).toFixed(0)} req/s); ` +
        `${gc ? 'heapUsed after GC' : 'rss'} ${(afterFirst / 2 ** 20).toFixed(1)} MB -> ${(afterSecond / 2 ** 20).toFixed(1)} MB (${(growth / 1024).toFixed(0)} KB)`,
    );
    expect(growth).toBeLessThan(bound);
  }, 60_000);
});
