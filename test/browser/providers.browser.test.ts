/**
 * The crypto provider conformance suite, run inside a real headless Chromium (vitest's `browser`
 * project): the noble provider, the WebCrypto provider on the browser's own `crypto.subtle`, and
 * the cross-provider agreement checks between the two.
 */
import { describe, expect, it } from 'vitest';
import { nobleProvider } from '../../src/crypto/noble.js';
import { webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { crossProviderSuite, providerConformanceSuite, WEBCRYPTO_EXPECTATIONS } from '../conformance/provider-suite.js';

describe('environment', () => {
  it('is a real Chromium, not Node', () => {
    expect(typeof window).toBe('object');
    expect(typeof document).toBe('object');
    expect(navigator.userAgent).toContain('Chrome');
    // No Node globals leak into the page.
    const nodeVersion = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
    expect(nodeVersion).toBeUndefined();
    expect(typeof crypto.subtle).toBe('object');
  });
});

providerConformanceSuite('noble', nobleProvider);
providerConformanceSuite('webcrypto', webCryptoProvider, WEBCRYPTO_EXPECTATIONS);
crossProviderSuite([
  ['noble', nobleProvider],
  ['webcrypto', webCryptoProvider, WEBCRYPTO_EXPECTATIONS],
]);
