/**
 * The conformance suite in Node for every provider that runs here, and their agreement.
 * The browser project runs the same suite in Chromium (test/browser/providers.browser.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { nobleProvider } from '../../src/crypto/noble.js';
import {
  ALL_CAPABILITIES,
  HMAC_CAPABILITY,
  requireCapabilities,
  UnsupportedCapabilityError,
  type Capability,
  type CryptoProvider,
} from '../../src/crypto/provider.js';
import { webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { nodeProvider } from '../../src/node/index.js';
import { crossProviderSuite, providerConformanceSuite, WEBCRYPTO_EXPECTATIONS } from './provider-suite.js';

providerConformanceSuite('noble', nobleProvider);
providerConformanceSuite('webcrypto', webCryptoProvider, WEBCRYPTO_EXPECTATIONS);
providerConformanceSuite('node', nodeProvider);
crossProviderSuite([
  ['noble', nobleProvider],
  ['webcrypto', webCryptoProvider, WEBCRYPTO_EXPECTATIONS],
  ['node', nodeProvider],
]);

describe('requireCapabilities', () => {
  const limited = (capabilities: Capability[]): CryptoProvider =>
    Object.assign(Object.create(nobleProvider()) as CryptoProvider, { name: 'limited', capabilities: new Set(capabilities) });

  it('fails closed, naming the provider and the missing capability', () => {
    const provider = limited(['random', 'sha256']);
    let error: unknown;
    try {
      requireCapabilities(provider, ['random', 'aes-256-gcm', 'sha256']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedCapabilityError);
    expect(error).toMatchObject({ name: 'UnsupportedCapabilityError', provider: 'limited', capability: 'aes-256-gcm' });
    expect((error as Error).message).toContain('"limited"');
    expect((error as Error).message).toContain('"aes-256-gcm"');
  });

  it('passes when every needed capability is declared', () => {
    expect(() => requireCapabilities(limited(['random', 'sha256']), ['sha256', 'random'])).not.toThrow();
    expect(() => requireCapabilities(limited([]), [])).not.toThrow();
  });
});

describe('HMAC_CAPABILITY', () => {
  it('names a known capability for each of the four hashes, and is frozen', () => {
    expect(HMAC_CAPABILITY).toEqual({ 'SHA-224': 'hmac-sha224', 'SHA-256': 'hmac-sha256', 'SHA-384': 'hmac-sha384', 'SHA-512': 'hmac-sha512' });
    for (const capability of Object.values(HMAC_CAPABILITY)) expect(ALL_CAPABILITIES).toContain(capability);
    expect(Object.isFrozen(HMAC_CAPABILITY)).toBe(true);
    expect(Object.isFrozen(ALL_CAPABILITIES)).toBe(true);
  });
});

describe('webCryptoProvider', () => {
  it('uses the SubtleCrypto it is given', async () => {
    const provider = webCryptoProvider(globalThis.crypto.subtle);
    expect(provider.name).toBe('webcrypto');
    expect(await provider.sha256(new Uint8Array())).toHaveLength(32);
  });
});
