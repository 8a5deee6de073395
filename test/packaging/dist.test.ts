/**
 * Smoke tests of the built package, as a consumer loads it: `import` and `require` of
 * `pocket-kms` and `pocket-kms/node`, resolved through the package's own `exports` map (Node lets a
 * package import itself by name). They need dist/, which `npm test` builds first; without it they
 * are skipped (`npm run build` to run them on their own).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const built = existsSync(resolve(root, 'dist/index.js')) && existsSync(resolve(root, 'dist/node/index.js'));

/** Runs `code` in a fresh Node process inside the package and returns what it printed, parsed. */
function run(code: string, type: 'module' | 'commonjs'): unknown {
  const out = execFileSync(process.execPath, [`--input-type=${type}`, '-e', code], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out);
}

const roundTrip = `
  const kms = new Kms();
  const { KeyMetadata } = await kms.createKey();
  const plaintext = new TextEncoder().encode('pocket-kms');
  const { CiphertextBlob } = await kms.encrypt({ KeyId: KeyMetadata.KeyId, Plaintext: plaintext });
  const { Plaintext } = await kms.decrypt({ CiphertextBlob });
  let notFound;
  try { await kms.describeKey({ KeyId: 'alias/missing' }); } catch (e) { notFound = e instanceof KmsError ? e.name : String(e); }
  result.roundTrip = new TextDecoder().decode(Plaintext);
  result.notFound = notFound;
`;

describe.skipIf(!built)('the built package', () => {
  it('works through import (ESM)', () => {
    const result = run(
      `import * as core from 'pocket-kms'; import * as node from 'pocket-kms/node';
       const { Kms, KmsError } = core; const result = { core: Object.keys(core).sort(), node: Object.keys(node).sort() };
       ${roundTrip}
       console.log(JSON.stringify(result));`,
      'module',
    ) as Record<string, unknown>;
    expect(result.roundTrip).toBe('pocket-kms');
    expect(result.notFound).toBe('NotFoundException');
    expect(result.core).toContain('Kms');
    expect((result.node as string[]).length).toBeGreaterThan(0);
  });

  it('works through require (CJS), with the same exports as ESM', async () => {
    const result = run(
      `const core = require('pocket-kms'); const node = require('pocket-kms/node');
       const { Kms, KmsError } = core; const result = { core: Object.keys(core).sort(), node: Object.keys(node).sort() };
       (async () => { ${roundTrip} console.log(JSON.stringify(result)); })().catch((e) => { console.error(e); process.exit(1); });`,
      'commonjs',
    ) as Record<string, unknown>;
    expect(result.roundTrip).toBe('pocket-kms');
    expect(result.notFound).toBe('NotFoundException');
    const esm = run(
      `import * as core from 'pocket-kms'; import * as node from 'pocket-kms/node';
       console.log(JSON.stringify({ core: Object.keys(core).sort(), node: Object.keys(node).sort() }));`,
      'module',
    ) as Record<string, unknown>;
    expect(result.core).toEqual(esm.core);
    expect(result.node).toEqual(esm.node);
  });

  it('shares one copy of the core between pocket-kms and pocket-kms/node', () => {
    // Code that both entries use lives in shared chunks, so that a class such as KmsError has one
    // identity whichever entry it is reached through: no class may be declared in two files.
    for (const extension of ['.js', '.cjs']) {
      const declared = new Map<string, string[]>();
      for (const file of listFiles(resolve(root, 'dist')).filter((f) => f.endsWith(extension))) {
        // esbuild writes `var KmsError = class extends Error` as well as `class KmsError`.
        const pattern = /\b(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*class\b|\bclass\s+(?!extends\b)([A-Za-z_$][\w$]*)/g;
        const names = new Set([...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => (m[1] ?? m[2])!));
        for (const name of names) declared.set(name, [...(declared.get(name) ?? []), file]);
      }
      const twice = [...declared].filter(([, files]) => files.length > 1);
      expect(twice, `classes declared more than once in dist/**/*${extension}`).toEqual([]);
    }
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(resolve(dir, entry.name)) : [resolve(dir, entry.name)],
  );
}
