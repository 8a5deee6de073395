import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEncryptionContext } from '../../src/blob/encryption-context.js';
import { KmsError } from '../../src/errors.js';
import { Kms } from '../../src/kms.js';
import { changedContext, context, plaintext, reordered, sameContext } from './arbitraries.js';

const kms = new Kms();
const { KeyMetadata } = await kms.createKey();
const keyId = KeyMetadata!.KeyId!;
const otherKeyId = (await kms.createKey()).KeyMetadata!.KeyId!;

async function rejectionName(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof KmsError ? error.name : `non-KMS error: ${String(error)}`),
  );
}

describe('envelope laws', () => {
  it('round-trips any plaintext of 1..4096 bytes under any context', async () => {
    await fc.assert(
      fc.asyncProperty(plaintext, context, async (data, ctx) => {
        const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: data, EncryptionContext: ctx });
        const { Plaintext } = await kms.decrypt({ CiphertextBlob, EncryptionContext: ctx });
        expect(Plaintext).toEqual(data);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses any change to the context: a pair added, removed or altered, or a case change', async () => {
    await fc.assert(
      fc.asyncProperty(
        context.chain((ctx) => fc.tuple(fc.constant(ctx), changedContext(ctx))),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        async ([ctx, changed], data) => {
          const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: data, EncryptionContext: ctx });
          expect(await rejectionName(kms.decrypt({ CiphertextBlob, EncryptionContext: changed }))).toBe('InvalidCiphertextException');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decrypts under the same context in any order', async () => {
    await fc.assert(
      fc.asyncProperty(context, fc.nat(), async (ctx, seed) => {
        const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([1]), EncryptionContext: ctx });
        const { Plaintext } = await kms.decrypt({ CiphertextBlob, EncryptionContext: reordered(ctx, seed) });
        expect(Plaintext).toEqual(new Uint8Array([1]));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a blob with any single bit flipped, with InvalidCiphertextException', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 128 }), context, fc.nat(), async (data, ctx, bitSeed) => {
        const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: data, EncryptionContext: ctx });
        const bit = bitSeed % (CiphertextBlob!.length * 8);
        const flipped = CiphertextBlob!.slice();
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        expect(await rejectionName(kms.decrypt({ CiphertextBlob: flipped, EncryptionContext: ctx }))).toBe('InvalidCiphertextException');
      }),
      { numRuns: 300 },
    );
  });

  it('every bit of one blob is covered (exhaustive over a short blob)', async () => {
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([42]), EncryptionContext: { a: 'b' } });
    for (let bit = 0; bit < CiphertextBlob!.length * 8; bit++) {
      const flipped = CiphertextBlob!.slice();
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      expect(await rejectionName(kms.decrypt({ CiphertextBlob: flipped, EncryptionContext: { a: 'b' } }))).toBe('InvalidCiphertextException');
    }
  });

  it('decrypts a GenerateDataKey ciphertext to its plaintext', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1024 }), context, async (size, ctx) => {
        const out = await kms.generateDataKey({ KeyId: keyId, NumberOfBytes: size, EncryptionContext: ctx });
        expect(out.Plaintext).toHaveLength(size);
        const { Plaintext } = await kms.decrypt({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: ctx });
        expect(Plaintext).toEqual(out.Plaintext);
      }),
      { numRuns: 100 },
    );
  });

  it('ReEncrypt preserves the plaintext and binds the new context', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        context,
        context.chain((ctx) => fc.tuple(fc.constant(ctx), changedContext(ctx))),
        async (data, source, [destination, other]) => {
          const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: data, EncryptionContext: source });
          const re = await kms.reEncrypt({
            CiphertextBlob,
            SourceEncryptionContext: source,
            DestinationKeyId: otherKeyId,
            DestinationEncryptionContext: destination,
          });
          expect((await kms.decrypt({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: destination })).Plaintext).toEqual(data);
          expect(await rejectionName(kms.decrypt({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: other }))).toBe(
            'InvalidCiphertextException',
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the context encoding', () => {
  it('is injective: equal encodings mean equal contexts', () => {
    fc.assert(
      fc.property(context, context, (a, b) => {
        const same = encodeEncryptionContext(a).join() === encodeEncryptionContext(b).join();
        expect(same).toBe(sameContext(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('is injective on near-collisions: split points and prefixes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 8 }), fc.nat(), (joined, at) => {
        const cut = 1 + (at % (joined.length - 1));
        const a = { [joined.slice(0, cut)]: joined.slice(cut) };
        const b = { [joined]: '' };
        expect(encodeEncryptionContext(a)).not.toEqual(encodeEncryptionContext(b));
      }),
    );
  });

  it('does not depend on insertion order', () => {
    fc.assert(
      fc.property(context, fc.nat(), (ctx, seed) => {
        expect(encodeEncryptionContext(reordered(ctx, seed))).toEqual(encodeEncryptionContext(ctx));
      }),
    );
  });

  it('sorts by UTF-8 bytes, not UTF-16 code units', () => {
    // In UTF-16, U+1F600 (0xD83D 0xDE00) sorts before U+FF61; in UTF-8 (F0… vs EF…) it sorts after.
    const encoded = encodeEncryptionContext({ '\u{1F600}': 'a', '\uFF61': 'b' });
    const firstKeyLength = new DataView(encoded.buffer).getUint32(4);
    expect(firstKeyLength).toBe(3); // U+FF61, 3 bytes in UTF-8
  });
});

describe('contexts that cannot be encoded injectively', () => {
  it('refuses lone surrogates with ValidationException', async () => {
    for (const ctx of [{ '\uD800': 'x' }, { k: 'a\uDC00' }] as Record<string, string>[]) {
      expect(await rejectionName(kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([1]), EncryptionContext: ctx }))).toBe(
        'ValidationException',
      );
    }
  });
});
