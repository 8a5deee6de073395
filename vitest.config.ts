import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import type { Reporter } from 'vitest/node';

/**
 * Two projects:
 * - `unit`: every test/**\/*.test.ts in Node.
 * - `browser`: test/**\/*.browser.test.ts inside a real headless Chromium, driven by Playwright.
 *
 * Playwright cannot download its own browser here, so Chromium comes from the system (Debian's
 * `chromium` package, installed by .ci/run). Set POCKET_KMS_CHROMIUM to use another binary.
 */
const chromium = process.env.POCKET_KMS_CHROMIUM || '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox', // CI runs as root, where Chromium's sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these, Chromium keeps trying to reach Google's services and floods refused connections.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  test: {
    // Property tests (fast-check) and WebCrypto round trips can be slow on a 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', plainSummary()],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts'],
        },
      },
      {
        extends: true,
        // Pre-bundled up front: discovering a dependency mid-run makes Vite reload the page, which
        // can abort a browser test file.
        optimizeDeps: {
          include: [
            '@noble/ciphers/aes.js',
            '@noble/hashes/hmac.js',
            '@noble/hashes/hkdf.js',
            '@noble/hashes/sha2.js',
            '@noble/hashes/sha3.js',
            '@noble/post-quantum/ml-dsa.js',
            '@noble/hashes/utils.js',
            '@noble/curves/abstract/weierstrass.js',
            '@noble/curves/ed25519.js',
            '@noble/curves/nist.js',
            '@noble/curves/secp256k1.js',
            'fast-check',
          ],
        },
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            ui: false,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: chromium,
                headless: true,
                args: chromiumArgs,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});

/**
 * After vitest's own summary, one plain line `vitest: N passed, N failed, N skipped` for tools that
 * read a run's closing line. A test file that failed to load, and an unhandled error, each count as
 * one failure, as they fail the run.
 */
function plainSummary(): Reporter {
  return {
    onTestRunEnd(testModules, unhandledErrors) {
      let passed = 0;
      let failed = unhandledErrors.length;
      let skipped = 0;
      for (const module of testModules) {
        let failedHere = module.errors().length;
        // A hook that throws (beforeAll, say) fails its suite and leaves the tests "skipped".
        for (const suite of module.children.allSuites()) failedHere += suite.errors().length;
        for (const test of module.children.allTests()) {
          const state = test.result().state;
          if (state === 'passed') passed += 1;
          else if (state === 'failed') failedHere += 1;
          else if (state === 'skipped') skipped += 1;
        }
        // Whatever else made vitest fail this file counts once.
        failed += failedHere > 0 || module.ok() ? failedHere : 1;
      }
      process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    },
  };
}
