/**
 * The Kms itself in a real headless Chromium: the public entry point, with the noble and the
 * WebCrypto providers, and ciphertexts that move between the two.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InMemoryStateStore,
  InvalidCiphertextException,
  Kms,
  nobleProvider,
  webCryptoProvider,
  type CryptoProvider,
} from '../../src/index.js';
import { detectWebCryptoEd25519 } from '../../src/crypto/webcrypto.js';
import { keySpecMatrixSuite } from '../kms/provider-matrix.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe.each<[string, () => CryptoProvider]>([
  ['noble', nobleProvider],
  ['webcrypto', webCryptoProvider],
])('Kms on the %s provider in Chromium', (_name, provider) => {
  it('encrypts and decrypts under an alias, binding the context', async () => {
    const kms = new Kms({ provider: provider() });
    const { KeyMetadata } = await kms.createKey();
    await kms.createAlias({ AliasName: 'alias/browser', TargetKeyId: KeyMetadata!.KeyId });
    const enc = await kms.encrypt({ KeyId: 'alias/browser', Plaintext: utf8('from the browser'), EncryptionContext: { page: 'test' } });
    expect(enc.KeyId).toBe(KeyMetadata!.Arn);
    const dec = await kms.decrypt({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { page: 'test' } });
    expect(new TextDecoder().decode(dec.Plaintext)).toBe('from the browser');
    await expect(kms.decrypt({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { page: 'Test' } })).rejects.toBeInstanceOf(
      InvalidCiphertextException,
    );
  });

  it('generates data keys that decrypt to themselves', async () => {
    const kms = new Kms({ provider: provider() });
    const { KeyMetadata } = await kms.createKey();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('AES_256' as const, 'AES_128' as const), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), async (spec, ctx) => {
        const dataKey = await kms.generateDataKey({ KeyId: KeyMetadata!.KeyId, KeySpec: spec, EncryptionContext: ctx });
        expect(dataKey.Plaintext).toHaveLength(spec === 'AES_256' ? 32 : 16);
        const { Plaintext } = await kms.decrypt({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: ctx });
        expect(Plaintext).toEqual(dataKey.Plaintext);
      }),
      { numRuns: 25 },
    );
  });
});

it('a blob sealed on one provider opens on the other, over a shared store', async () => {
  // The store is the state; sharing it is how two runtimes would share a persisted keyring.
  const shared = new InMemoryStateStore();
  const sealer = new Kms({ provider: nobleProvider(), store: shared });
  const opener = new Kms({ provider: webCryptoProvider(), store: shared });
  const keyId = (await sealer.createKey()).KeyMetadata!.KeyId!;
  const { CiphertextBlob } = await sealer.encrypt({ KeyId: keyId, Plaintext: utf8('portable') });
  expect(new TextDecoder().decode((await opener.decrypt({ CiphertextBlob })).Plaintext)).toBe('portable');
});

// Every key spec, usage and algorithm on both browser providers, as test/kms/providers.test.ts does in Node.
const webCryptoEd25519 = await detectWebCryptoEd25519();
keySpecMatrixSuite('noble', nobleProvider);
keySpecMatrixSuite('webcrypto', () => webCryptoProvider(undefined, { ed25519: webCryptoEd25519 }));
