/**
 * The `pocket-kms` command, as users run it: the built dist/node/cli.js in a child process, and the
 * packed package installed into a scratch project and started with `npx pocket-kms`.
 *
 * These tests need dist/, which `npm test` builds right before vitest (typecheck → build → package
 * checks → vitest). They do not build it themselves: a build takes about 25 s and wipes dist/
 * while other test files may be reading it. Run `npm run build` first when running this file on
 * its own. Without dist/node/cli.js the file is skipped; with a dist/ older than the server's
 * sources it runs but warns.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, http } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/node/cli.js');
const built = existsSync(cli);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const run = promisify(execFile);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (built && statSync(cli).mtimeMs < newestSource(join(root, 'src'))) {
  console.warn('test/server/cli.test.ts: dist/ is older than src/; these tests run the old build (npm run build to refresh it)');
}

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly line: string;
  /** ms from spawn to the listening line. */
  readonly startupMs: number;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();

/** Spawns `command args` and waits for the listening line. */
function start(args: string[], options: { command?: string; cwd?: string } = {}): Promise<Started> {
  const began = performance.now();
  const child = spawn(options.command ?? process.execPath, options.command ? args : [cli, ...args], {
    cwd: options.cwd ?? root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      done({ code, signal });
    });
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line within 15 s; stdout ${stdout}; stderr ${stderr}`)), 15_000);
    const onData = () => {
      const match = /^pocket-kms listening on (http:\/\/[^ ]+:(\d+)) .*$/m.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        child,
        url: match[1]!,
        port: Number(match[2]),
        line: match[0],
        startupMs: performance.now() - began,
        stdout: () => stdout,
        stderr: () => stderr,
        exited,
      });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening; stderr: ${stderr}`));
    });
  });
}

/** Runs the CLI to completion; resolves with its exit code and output. */
async function once(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: root, timeout: 15_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});

describe.skipIf(!built)('pocket-kms (dist/node/cli.js)', () => {
  it('is an executable ESM file with a node shebang', () => {
    expect(readFileSync(cli, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(cli).mode & 0o111).not.toBe(0);
  });

  it('--version prints the package version; --help prints the usage; both exit 0', async () => {
    expect(await once(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = await once(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/pocket-kms serve \[options\]/);
    for (const flag of ['--host', '--port', '--account-id', '--region', '--credentials', '--strict', '--no-reset']) expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain('4599');
    expect((await once(['serve', '--help'])).code).toBe(0);
  });

  it.each([
    [[], /Usage:/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['--frobnicate'], /unknown option "--frobnicate"/],
    [['serve', '--bogus'], /Unknown option '--bogus'/],
    [['serve', 'extra'], /Unexpected argument 'extra'/],
    [['serve', '--port'], /--port/],
    [['serve', '--port', 'abc'], /--port must be an integer from 0 to 65535, got "abc"/],
    [['serve', '--port', '65536'], /--port must be an integer from 0 to 65535/],
    [['serve', '--port', '-1'], /--port/],
    [['serve', '--port=1.5'], /--port must be an integer/],
    [['serve', '--account-id', '1234'], /--account-id must be 12 digits, got "1234"/],
    [['serve', '--region', 'mars'], /--region must look like "us-east-1", got "mars"/],
    [['serve', '--host', ''], /--host must not be empty/],
    [['serve', '--strict'], /--strict needs --credentials FILE/],
    [['serve', '--credentials', '/nonexistent/creds.json'], /cannot read --credentials/],
    [['serve', '--reset'], /Unknown option '--reset'/],
  ])('usage error %j exits 2 with a clear message', async (args, message) => {
    const result = await once(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  describe('--credentials files', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'pocket-kms-cli-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['not JSON', '{nope', /is not JSON/],
      ['an array', '[]', /must be a JSON object/],
      ['a string entry', '{"AKIA":"arn:aws:iam::111122223333:user/a"}', /"AKIA" must map to an object/],
      ['a numeric principal', '{"AKIA":{"principal":5}}', /"AKIA".principal must be a string/],
      ['an unknown member', '{"AKIA":{"secret":"x"}}', /"AKIA" has unknown member "secret"/],
      ['a principal that is not one', '{"AKIA":{"principal":"bob"}}', /"bob" is not a principal/],
    ])('%s is a usage error', async (name, text, message) => {
      const file = join(dir, `${name.replace(/\W/g, '-')}.json`);
      writeFileSync(file, text);
      const result = await once(['serve', '--port', '0', '--credentials', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    });

    it('maps access keys to principals (without --strict the signature is not checked)', async () => {
      const file = join(dir, 'creds.json');
      writeFileSync(file, JSON.stringify({ AKIAALICE: { principal: 'arn:aws:iam::111122223333:user/alice' } }));
      const server = await start(['serve', '--port', '0', '--credentials', file]);
      const signedAs = (key: string, region: string) => ({
        authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261123/${region}/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      });
      // alice has no identity policy: AWS refuses her CreateKey.
      const alice = await call(server.url, 'CreateKey', {}, { headers: signedAs('AKIAALICE', 'eu-west-1') });
      expect(alice.status).toBe(400);
      expect(alice.json.__type).toBe('AccessDeniedException');
      expect(alice.json.message).toContain('arn:aws:iam::111122223333:user/alice');
      // An unknown key is the account root, in the Region it signed for.
      const other = await call(server.url, 'CreateKey', {}, { headers: signedAs('AKIAOTHER', 'eu-west-1') });
      expect(other.json.KeyMetadata.Arn).toMatch(/^arn:aws:kms:eu-west-1:111122223333:key\//);
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    });

    it('--strict verifies signatures: unsigned and forged requests are refused, signed ones served', async () => {
      const file = join(dir, 'strict.json');
      writeFileSync(file, JSON.stringify({ AKIASTRICT: { secretAccessKey: 'real-secret' } }));
      const server = await start(['serve', '--port', '0', '--strict', '--credentials', file]);
      expect(server.line).toContain('strict');
      const unsigned = await call(server.url, 'ListKeys');
      expect(unsigned.status).toBe(400);
      expect(unsigned.json.__type).toBe('MissingAuthenticationTokenException');

      const { KMSClient, ListKeysCommand, CreateKeyCommand } = await import('@aws-sdk/client-kms');
      const client = (secretAccessKey: string) =>
        new KMSClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIASTRICT', secretAccessKey }, maxAttempts: 1 });
      const good = client('real-secret');
      const created = await good.send(new CreateKeyCommand({}));
      expect(created.KeyMetadata?.Arn).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//);
      expect((await good.send(new ListKeysCommand({}))).Keys).toHaveLength(1);
      const forged = client('wrong-secret');
      await expect(forged.send(new ListKeysCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException' });
      good.destroy();
      forged.destroy();
      server.child.kill('SIGINT');
      expect((await server.exited).code).toBe(0);
    });
  });

  it('serve --port 0 prints the real URL, starts well under a second, and a fresh server has no keys', async () => {
    const timings: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const server = await start(['serve', '--port', '0']);
      timings.push(server.startupMs);
      expect(server.line).toBe(`pocket-kms listening on http://127.0.0.1:${server.port} (account 111122223333, us-east-1)`);
      expect(server.port).toBeGreaterThan(0);
      if (i === 0) {
        expect((await call(server.url, 'ListKeys')).json).toEqual({ Keys: [], Truncated: false });
        expect((await call(server.url, 'ListAliases')).json.Aliases.filter((a: { TargetKeyId?: string }) => a.TargetKeyId)).toEqual([]);
      }
      server.child.kill('SIGTERM');
      // Signalled the moment the line appears: the handlers must already be in place.
      expect(await server.exited).toEqual({ code: 0, signal: null });
    }
    console.log(`pocket-kms serve: spawn to listening ${timings.map((t) => t.toFixed(0)).join(', ')} ms`);
    // A cold Node process on the 2-core CI machine: the best of three, while other test files run.
    expect(Math.min(...timings)).toBeLessThan(1_000);
  });

  it('--account-id and --region set the default scope; --host is honoured', async () => {
    const server = await start(['serve', '--port=0', '--host', '127.0.0.1', '--account-id', '444455556666', '--region', 'eu-central-1']);
    expect(server.line).toMatch(/\(account 444455556666, eu-central-1\)$/);
    const created = await call(server.url, 'CreateKey');
    expect(created.json.KeyMetadata.Arn).toMatch(/^arn:aws:kms:eu-central-1:444455556666:key\//);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('the reset control is on by default and off with --no-reset', async () => {
    const on = await start(['serve', '--port', '0']);
    await call(on.url, 'CreateKey');
    expect((await http(on.url, { path: '/_pocket-kms/reset' })).status).toBe(200);
    expect((await call(on.url, 'ListKeys')).json.Keys).toEqual([]);
    on.child.kill('SIGTERM');

    const off = await start(['serve', '--port', '0', '--no-reset']);
    expect(off.line).toContain('no reset');
    await call(off.url, 'CreateKey');
    const refused = await http(off.url, { path: '/_pocket-kms/reset' });
    expect(refused.status).toBe(404);
    expect(refused.json.__type).toEqual(expect.any(String));
    expect((await call(off.url, 'ListKeys')).json.Keys).toHaveLength(1);
    off.child.kill('SIGTERM');
    expect((await on.exited).code).toBe(0);
    expect((await off.exited).code).toBe(0);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s shuts down cleanly (exit 0) at once, even with idle keep-alive clients', async (signal) => {
    const server = await start(['serve', '--port', '0']);
    const agent = new Agent({ keepAlive: true });
    try {
      expect((await call(server.url, 'CreateKey', {}, { agent })).status).toBe(200);
      const sent = performance.now();
      server.child.kill(signal);
      const { code, signal: killedBy } = await server.exited;
      expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
      expect(performance.now() - sent).toBeLessThan(1_000);
      expect(server.stderr()).toContain(`${signal}, shutting down`);
      await expect(call(server.url, 'ListKeys')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      agent.destroy();
    }
  });

  it('a taken port is an error (exit 1) with a message, not a stack trace', async () => {
    const first = await start(['serve', '--port', '0']);
    const second = await once(['serve', '--port', String(first.port)]);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`pocket-kms: cannot listen on 127.0.0.1:${first.port}: the address is already in use\n`);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  });
});

describe.skipIf(!built)('npx pocket-kms from the packed package', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pocket-kms-pack-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('installs from the tarball (offline, from the npm cache) and runs --version and serve', async () => {
    const npmEnv = { ...process.env, NODE_OPTIONS: '', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, env: npmEnv, timeout: 60_000 });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    // The only dependencies are @noble/*, which `npm ci` put in the cache: no network needed.
    await run('npm', ['install', '--offline', '--no-package-lock', join(dir, filename)], { cwd: app, env: npmEnv, timeout: 60_000 });

    const printed = await run('npx', ['--offline', 'pocket-kms', '--version'], { cwd: app, env: npmEnv, timeout: 30_000 });
    expect(printed.stdout).toBe(`${version}\n`);

    const server = await start(['--offline', 'pocket-kms', 'serve', '--port', '0'], { command: 'npx', cwd: app });
    expect((await call(server.url, 'CreateKey')).status).toBe(200);
    // npx passes the signal on to the server and exits as it does.
    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
  }, 90_000);
});
