/**
 * The crypto provider conformance suite, run inside a real headless Chromium (vitest's `browser`
 * project): the noble provider, the WebCrypto provider on the browser's own `crypto.subtle`, and
 * the cross-provider agreement checks between the two.
 */
import { describe, expect, it } from 'vitest';
import { nobleProvider } from '../../src/crypto/noble.js';
import { detectWebCryptoEd25519, webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { crossProviderSuite, NOBLE_EXPECTATIONS, providerConformanceSuite, WEBCRYPTO_EXPECTATIONS, webCryptoExpectations } from '../conformance/provider-suite.js';

// Chromium has had Ed25519 in WebCrypto since 137 (checked below).
const webCryptoEd25519 = await detectWebCryptoEd25519();
const webCrypto = () => webCryptoProvider(undefined, { ed25519: webCryptoEd25519 });
const WEBCRYPTO = webCryptoExpectations(webCryptoEd25519);

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

  it('has Ed25519 in WebCrypto, and the detection says so', () => {
    expect(webCryptoEd25519).toBe(true);
  });
});

providerConformanceSuite('noble', nobleProvider, NOBLE_EXPECTATIONS);
providerConformanceSuite('webcrypto', webCrypto, WEBCRYPTO);
providerConformanceSuite('webcrypto without Ed25519 (the default)', () => webCryptoProvider(), WEBCRYPTO_EXPECTATIONS);
crossProviderSuite([
  ['noble', nobleProvider, NOBLE_EXPECTATIONS],
  ['webcrypto', webCrypto, WEBCRYPTO],
]);
