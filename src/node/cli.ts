#!/usr/bin/env node
/**
 * The `pocket-kms` command: `pocket-kms serve` runs the loopback server in the foreground until
 * SIGINT or SIGTERM. Exit codes: 0 after a clean shutdown (or `--help`/`--version`), 1 when the
 * server cannot start (the port is taken, say), 2 for a usage error.
 * @module
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../options.js';
import type { Credential } from '../protocol/types.js';
import { DEFAULT_HOST, DEFAULT_PORT, RESET_PATH, startServer, type RunningServer } from './server.js';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^([a-z]+-){2,3}\d+$/;

const USAGE = `Usage:
  pocket-kms serve [options]   serve the AWS KMS JSON protocol over HTTP, in the foreground
  pocket-kms --help            this text
  pocket-kms --version         the version

Options of serve:
  --host H               address to bind (default ${DEFAULT_HOST})
  --port N               TCP port (default ${DEFAULT_PORT}; 0 picks a free one, printed on start)
  --account-id ID        account of unsigned requests and unknown access keys (default ${DEFAULT_ACCOUNT_ID})
  --region R             Region of unsigned requests (default ${DEFAULT_REGION})
  --credentials FILE     JSON: { "<access key id>": { "principal"?: "<arn>", "secretAccessKey"?: "..." } }
  --strict               verify SigV4 signatures against --credentials (needs --credentials)
  --no-reset             turn off POST ${RESET_PATH} (which wipes all state)

Stop it with Ctrl-C (SIGINT) or SIGTERM.
`;

class UsageError extends Error {}

/**
 * The version in our package.json: the first one named `pocket-kms` above the running script
 * (dist/node/cli.js, or src/node/cli.ts under tsx). Found from `process.argv[1]` rather than
 * `import.meta.url`, which the CommonJS build of this file cannot contain.
 */
function version(): string {
  let dir: string;
  try {
    dir = dirname(realpathSync(process.argv[1] ?? '.'));
  } catch {
    return 'unknown';
  }
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pocket-kms' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here, or not ours: keep climbing
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

function readCredentials(file: string): Record<string, Credential> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --credentials ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--credentials ${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--credentials ${file} must be a JSON object mapping access key ids to { "principal"?, "secretAccessKey"? }`);
  }
  const credentials: Record<string, Credential> = {};
  for (const [accessKeyId, entry] of Object.entries(parsed)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new UsageError(`--credentials ${file}: "${accessKeyId}" must map to an object`);
    }
    const { principal, secretAccessKey, ...rest } = entry as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0) throw new UsageError(`--credentials ${file}: "${accessKeyId}" has unknown member "${unknown[0]}"`);
    if (principal !== undefined && typeof principal !== 'string') throw new UsageError(`--credentials ${file}: "${accessKeyId}".principal must be a string`);
    if (secretAccessKey !== undefined && typeof secretAccessKey !== 'string') {
      throw new UsageError(`--credentials ${file}: "${accessKeyId}".secretAccessKey must be a string`);
    }
    credentials[accessKeyId] = { ...(principal !== undefined && { principal }), ...(secretAccessKey !== undefined && { secretAccessKey }) };
  }
  return credentials;
}

async function serve(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'account-id': { type: 'string' },
        region: { type: 'string' },
        credentials: { type: 'string' },
        strict: { type: 'boolean' },
        'no-reset': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const host = values.host ?? DEFAULT_HOST;
  if (host === '') throw new UsageError('--host must not be empty');
  const portText = values.port ?? String(DEFAULT_PORT);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) throw new UsageError(`--port must be an integer from 0 to 65535, got "${portText}"`);
  const accountId = values['account-id'] ?? DEFAULT_ACCOUNT_ID;
  if (!ACCOUNT_ID.test(accountId)) throw new UsageError(`--account-id must be 12 digits, got "${accountId}"`);
  const region = values.region ?? DEFAULT_REGION;
  if (!REGION.test(region)) throw new UsageError(`--region must look like "us-east-1", got "${region}"`);
  const strict = values.strict ?? false;
  if (strict && values.credentials === undefined) throw new UsageError('--strict needs --credentials FILE (the secret keys to verify signatures with)');
  const credentials = values.credentials === undefined ? undefined : readCredentials(values.credentials);

  // Handlers first: a supervisor may signal as soon as it reads the listening line, and a signal
  // with no handler yet would kill the process with the default action instead of a clean exit.
  let server: RunningServer | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(0); // a second Ctrl-C: do not wait for slow connections
    stopping = true;
    if (server === undefined) process.exit(0); // not listening yet: nothing to close
    process.stderr.write(`pocket-kms: ${signal}, shutting down\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    server = await startServer({ host, port, accountId, region, strict, reset: !values['no-reset'], ...(credentials && { credentials }) });
  } catch (error) {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    const e = error as NodeJS.ErrnoException;
    // Options the protocol refuses (a credential whose principal is not one) are usage errors too.
    if (typeof e.code !== 'string' || e.code.startsWith('ERR_')) {
      throw new UsageError(values.credentials === undefined ? e.message : `--credentials ${values.credentials}: ${e.message}`);
    }
    const why = e.code === 'EADDRINUSE' ? 'the address is already in use' : e.code === 'EADDRNOTAVAIL' ? 'no such local address' : e.message;
    process.stderr.write(`pocket-kms: cannot listen on ${host}:${port}: ${why}\n`);
    process.exitCode = 1;
    return;
  }
  const mode = [strict && 'strict', values['no-reset'] && 'no reset'].filter(Boolean);
  process.stdout.write(`pocket-kms listening on ${server.url} (account ${accountId}, ${region}${mode.length > 0 ? `, ${mode.join(', ')}` : ''})\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(USAGE);
    process.exitCode = 2;
    return;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`${version()}\n`);
    return;
  }
  if (command === 'serve') {
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(USAGE);
      return;
    }
    await serve(rest);
    return;
  }
  throw new UsageError(command.startsWith('-') ? `unknown option "${command}"` : `unknown command "${command}"`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`pocket-kms: ${error.message}\nRun 'pocket-kms --help' for usage.\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`pocket-kms: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
