import fc from 'fast-check';
import type { EncryptionContext } from '../../src/types.js';

/** Well-formed Unicode strings, including the empty string and astral characters. */
export const text = fc.string({ unit: 'binary', maxLength: 12 });

/** Any valid encryption context, including the empty one. */
export const context: fc.Arbitrary<EncryptionContext> = fc
  .uniqueArray(fc.tuple(text, text), { maxLength: 6, selector: ([key]) => key })
  .map((pairs) => Object.fromEntries(pairs));

export const plaintext = fc.uint8Array({ minLength: 1, maxLength: 4096 });

/** The same pairs in another insertion order. */
export const reordered = (ctx: EncryptionContext, seed: number): EncryptionContext => {
  const entries = Object.entries(ctx);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = (seed + i * 7919) % (i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries);
};

/** A context that differs from `ctx`: a pair added, removed or altered, or a case changed. */
export const changedContext = (ctx: EncryptionContext): fc.Arbitrary<EncryptionContext> => {
  const keys = Object.keys(ctx);
  const options: fc.Arbitrary<EncryptionContext>[] = [
    fc
      .tuple(text, text)
      .filter(([key]) => !Object.hasOwn(ctx, key))
      .map(([key, value]) => ({ ...ctx, [key]: value })),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    options.push(key.map((k) => Object.fromEntries(Object.entries(ctx).filter(([other]) => other !== k))));
    options.push(fc.tuple(key, text).filter(([k, v]) => ctx[k] !== v).map(([k, v]) => ({ ...ctx, [k]: v })));
    const caseChangeable = keys.filter((k) => k.toUpperCase() !== k || ctx[k]!.toUpperCase() !== ctx[k]);
    if (caseChangeable.length > 0) {
      options.push(
        fc.tuple(fc.constantFrom(...caseChangeable), fc.boolean()).map(([k, inKey]) => {
          const rest = Object.fromEntries(Object.entries(ctx).filter(([other]) => other !== k));
          const upperKey = k.toUpperCase();
          return inKey && upperKey !== k && !Object.hasOwn(ctx, upperKey)
            ? { ...rest, [upperKey]: ctx[k]! }
            : { ...ctx, [k]: ctx[k]!.toUpperCase() === ctx[k] ? ctx[k]!.toLowerCase() : ctx[k]!.toUpperCase() };
        }),
      );
    }
  }
  return fc.oneof(...options).filter((changed) => !sameContext(changed, ctx));
};

export function sameContext(a: EncryptionContext, b: EncryptionContext): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && b[k] === a[k]);
}
