/**
 * RSA inside a real headless Chromium (vitest's `browser` project): the shared RSA suite for the
 * noble provider (on the page's `crypto.subtle`) and the WebCrypto provider, across each other and
 * against the node:crypto-made vectors in the fixtures. BoringSSL here, OpenSSL in Node: the suite
 * passing in both is what shows the providers refuse and accept the same inputs everywhere.
 */
import { describe, expect, it } from 'vitest';
import { nobleProvider } from '../../src/crypto/noble.js';
import { webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { rsaConformanceSuite } from '../conformance/rsa-suite.js';

describe('environment', () => {
  it('is a real Chromium, not Node', () => {
    expect(navigator.userAgent).toContain('Chrome');
    expect((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node).toBeUndefined();
    expect(typeof crypto.subtle).toBe('object');
  });
});

rsaConformanceSuite([
  ['noble', nobleProvider],
  ['webcrypto', () => webCryptoProvider()],
]);
