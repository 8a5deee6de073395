/**
 * What both WebCrypto-backed modules (webcrypto.ts, and rsa-webcrypto.ts for the noble provider too)
 * need to hand keys to `crypto.subtle`: the typing bridge, the error mapping and the import cache.
 * @module
 */

/**
 * The DOM typings want `ArrayBuffer`-backed views, while the provider interface accepts any
 * `Uint8Array`. WebCrypto copies its inputs on every call, so this is only a typing bridge.
 */
export const source = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

/** WebCrypto's own errors for key material it refuses (DataError, say) become RangeError. */
export async function importing(what: string, run: () => Promise<CryptoKey>): Promise<CryptoKey> {
  try {
    return await run();
  } catch (error) {
    throw new RangeError(`${what} was refused by WebCrypto: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The key imported from `key`, imported once: keyed by the identity of the caller's array (never
 * mutated, see provider.ts). A pending import is cached too, so concurrent calls share it.
 */
export function cachedImport(cache: WeakMap<Uint8Array, Promise<CryptoKey>>, key: Uint8Array, importKey: () => Promise<CryptoKey>): Promise<CryptoKey> {
  let pending = cache.get(key);
  if (pending === undefined) {
    pending = importKey();
    cache.set(key, pending);
    // A failed import must not be remembered: the next call should get a fresh attempt and error.
    pending.catch(() => cache.delete(key));
  }
  return pending;
}
