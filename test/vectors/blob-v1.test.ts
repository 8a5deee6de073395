import { describe, expect, it } from 'vitest';
import { headerIsIntact, materialIdOf, openBlob, parseBlob, sealBlob } from '../../src/blob/ciphertext-blob.js';
import { encodeEncryptionContext } from '../../src/blob/encryption-context.js';
import { fromHex, toHex } from '../../src/crypto/bytes.js';
import { nobleProvider } from '../../src/crypto/noble.js';
import type { CryptoProvider } from '../../src/crypto/provider.js';
import { webCryptoProvider } from '../../src/crypto/webcrypto.js';
import { KmsError } from '../../src/errors.js';
import { Kms } from '../../src/kms.js';
import { defaultKeyPolicy } from '../../src/auth/default-policy.js';
import { KeyMaterial } from '../../src/keystore/key-material.js';
import { compilePolicy } from '../../src/policy/index.js';
import { InMemoryStateStore } from '../../src/keystore/state-store.js';
import { nodeProvider } from '../../src/node/index.js';
import vectorFile from './blob-v1.json' with { type: 'json' };
import { specEncodeContext, specSeal, type SpecInput } from './blob-v1-spec.js';

interface PositiveVector extends SpecInput {
  description: string;
  encodedContext: string;
  blob: string;
}
interface NegativeVector {
  description: string;
  blob: string;
  material: string;
  context: Record<string, string>;
}
const vectors = vectorFile as unknown as { positive: PositiveVector[]; negative: NegativeVector[] };

const providers: [string, CryptoProvider][] = [
  ['noble', nobleProvider()],
  ['webcrypto', webCryptoProvider()],
  ['node', nodeProvider()],
];

describe('blob v1 vectors', () => {
  it('follow the written spec (recomputed with node:crypto alone)', () => {
    for (const v of vectors.positive) {
      expect(specSeal(v).toString('hex'), v.description).toBe(v.blob);
      expect(specEncodeContext(v.context).toString('hex'), v.description).toBe(v.encodedContext);
    }
  });

  describe.each(providers)('with the %s provider', (_name, provider) => {
    it.each(vectors.positive)('seals and opens: $description', async (v) => {
      const encodedContext = encodeEncryptionContext(v.context);
      expect(toHex(encodedContext)).toBe(v.encodedContext);
      const blob = await sealBlob(provider, {
        accountId: v.accountId,
        keyId: v.keyId,
        materialId: fromHex(v.materialId),
        materialBytes: fromHex(v.material),
        randomness: fromHex(v.salt + v.nonce),
        plaintext: fromHex(v.plaintext),
        encryptionContext: v.context,
      });
      expect(toHex(blob)).toBe(v.blob);
      const parsed = parseBlob(fromHex(v.blob))!;
      expect(parsed).toMatchObject({ accountId: v.accountId, keyId: v.keyId });
      expect(toHex(materialIdOf(parsed))).toBe(v.materialId);
      expect(await headerIsIntact(provider, parsed)).toBe(true);
      expect(toHex(await openBlob(provider, parsed, fromHex(v.material), v.context))).toBe(v.plaintext);
    });

    it.each(vectors.negative)('refuses: $description', async (v) => {
      const parsed = parseBlob(fromHex(v.blob));
      const refused =
        !parsed ||
        !(await headerIsIntact(provider, parsed)) ||
        (await openBlob(provider, parsed, fromHex(v.material), v.context).then(
          () => false,
          () => true,
        ));
      expect(refused).toBe(true);
    });
  });

  /** A Kms whose store holds a key with the vector's id and material, as if it had created it. */
  function kmsHolding(v: PositiveVector): Kms {
    const store = new InMemoryStateStore();
    const material = new KeyMaterial(v.materialId, fromHex(v.material), new Date(0));
    store.commit({
      putKeys: [
        {
          keyId: v.keyId,
          seq: 0,
          creationDate: new Date(0),
          description: '',
          keySpec: 'SYMMETRIC_DEFAULT',
          keyUsage: 'ENCRYPT_DECRYPT',
          origin: 'AWS_KMS',
          keyManager: 'CUSTOMER',
          keyState: 'Enabled',
          policy: compilePolicy(defaultKeyPolicy({ partition: 'aws', region: 'us-east-1', accountId: v.accountId }), 'key'),
          tags: [],
          materials: [material],
          currentMaterialId: material.id,
        },
      ],
    });
    return new Kms({ accountId: v.accountId, store });
  }

  it.each(vectors.positive)('are decrypted by Kms: $description', async (v) => {
    const out = await kmsHolding(v).decrypt({ CiphertextBlob: fromHex(v.blob), EncryptionContext: v.context });
    expect(toHex(out.Plaintext!)).toBe(v.plaintext);
    expect(out.KeyMaterialId).toBe(v.materialId);
  });

  it.each(vectors.negative)('are refused by Kms with an empty InvalidCiphertextException: $description', async (n) => {
    const kms = kmsHolding(vectors.positive[1]!);
    const error = await kms.decrypt({ CiphertextBlob: fromHex(n.blob), EncryptionContext: n.context }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KmsError);
    expect((error as KmsError).name).toBe('InvalidCiphertextException');
    expect((error as KmsError).message).toBe('');
  });
});
