import { defineConfig } from 'tsup';

/**
 * One build for both entries, so that code shared by `pocket-kms` and `pocket-kms/node` lands in
 * shared chunks (ESM and CJS alike) instead of being copied into each entry: a class such as
 * `KmsError` then has one identity whichever entry it is reached through.
 *
 * - `platform: 'neutral'`: the core must not assume Node; esbuild injects no Node shims.
 * - `node:*` stays an external import/require with its prefix (tsup strips it by default), and only
 *   src/node/ may use it (tools/check-no-node-imports.mjs enforces that).
 * - `dependencies` (@noble/*) are external, as tsup does by default.
 */
export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts', 'aws-sdk/index': 'src/aws-sdk/index.ts', 'node/cli': 'src/node/cli.ts' },
  format: ['esm', 'cjs'],
  splitting: true,
  dts: {
    // tsconfig.json is the core's (no ambient types); the node entry needs Node's typings.
    // tsup 8 passes `baseUrl` to the compiler, which TypeScript 6 deprecates.
    compilerOptions: { types: ['node'], ignoreDeprecations: '6.0' },
  },
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
  removeNodeProtocol: false,
  sourcemap: false,
  treeshake: false,
});
