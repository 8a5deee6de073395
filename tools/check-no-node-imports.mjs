#!/usr/bin/env node
/**
 * The core of pocket-kms must run in browsers: only src/node/ may use Node's built-in modules.
 *
 * 1. Every source file under src/ outside src/node/ is scanned (with TypeScript's own import
 *    pre-processor, so comments and strings cannot fool it) for imports, re-exports, dynamic
 *    imports and require() calls of `node:*` or of a bare built-in (crypto, fs, buffer, ...,
 *    including subpaths such as fs/promises), and for `/// <reference types="node" />`.
 * 2. If dist/ has been built, the browser entry points (dist/index.js and dist/index.cjs) are
 *    followed through every relative chunk they load, and the same rule is applied to the
 *    bundled output, so a Node import cannot reach the core through a shared chunk either.
 *
 * Prints every file it checked a finding in, and exits 1 if anything was found.
 * Usage: node tools/check-no-node-imports.mjs [--no-dist]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const nodeDir = join(srcDir, 'node');
const distDir = join(root, 'dist');
const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;

const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** Why `specifier` is a Node built-in, or undefined when it is not one. */
function nodeBuiltin(specifier) {
  if (specifier.startsWith('node:')) return 'node: scheme';
  const [head] = specifier.split('/');
  if (builtins.has(specifier) || builtins.has(head)) return 'bare Node built-in';
  return undefined;
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && SOURCE.test(entry.name)) yield path;
  }
}

function lineCol(text, pos) {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return `${line}:${pos - before.lastIndexOf('\n')}`;
}

/** Imports of Node built-ins in one file: [{ where, specifier, why }]. */
function scan(file) {
  const text = readFileSync(file, 'utf8');
  const info = ts.preProcessFile(text, /* readImportFiles */ true, /* detectJavaScriptImports */ true);
  const found = [];
  for (const ref of info.importedFiles) {
    const why = nodeBuiltin(ref.fileName);
    if (why) found.push({ where: `${rel(file)}:${lineCol(text, ref.pos)}`, specifier: ref.fileName, why });
  }
  for (const ref of info.typeReferenceDirectives) {
    if (ref.fileName === 'node' || ref.fileName.startsWith('node/')) {
      found.push({ where: `${rel(file)}:${lineCol(text, ref.pos)}`, specifier: `/// <reference types="${ref.fileName}" />`, why: 'Node typings' });
    }
  }
  return { info, found };
}

const rel = (path) => relative(root, path).split(sep).join('/');

let problems = 0;
const report = (found) => {
  for (const { where, specifier, why } of found) {
    console.log(`  ✗ ${where}  '${specifier}'  (${why})`);
    problems += 1;
  }
};

// 1. Sources.
const sources = [...walk(srcDir)].filter((file) => !(file + sep).startsWith(nodeDir + sep));
console.log(`check-no-node-imports: scanning ${sources.length} source files under src/ (src/node/ excluded)`);
for (const file of sources) report(scan(file).found);

// 2. The built browser entry points and every chunk they reach.
if (!process.argv.includes('--no-dist') && existsSync(join(distDir, 'index.js'))) {
  const queue = ['index.js', 'index.cjs'].map((name) => join(distDir, name)).filter(existsSync);
  const seen = new Set();
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const { info, found } = scan(file);
    report(found);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), ref.fileName);
      if (existsSync(target) && statSync(target).isFile()) queue.push(target);
      else {
        console.log(`  ✗ ${rel(file)}: relative import '${ref.fileName}' does not exist`);
        problems += 1;
      }
    }
  }
  console.log(`check-no-node-imports: followed ${seen.size} bundled files from dist/index.js and dist/index.cjs: ${[...seen].map(rel).join(', ')}`);
} else {
  console.log('check-no-node-imports: dist/ not built (or --no-dist): bundled output not checked');
}

if (problems > 0) {
  console.error(`check-no-node-imports: FAILED: ${problems} Node import(s) in code that must run in browsers (only src/node/ may use Node built-ins)`);
  process.exit(1);
}
console.log('check-no-node-imports: OK: no Node built-in is imported outside src/node/');
