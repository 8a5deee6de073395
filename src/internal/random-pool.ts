/**
 * Draws randomness from the CSPRNG in 4 KiB blocks and hands out slices. One CSPRNG call costs
 * about as much as a whole AES-GCM seal of a small message (perf-anchors §2), so pooling is the
 * largest single saving for small operations.
 *
 * Every slice is a copy, and the pool wipes what it hands out, so no caller ever holds a view of
 * bytes that another caller received (a view's `.buffer` would expose the whole pool).
 * @module
 */
export type RandomSource = (length: number) => Uint8Array;

const POOL_SIZE = 4096;

export class RandomPool {
  readonly #source: RandomSource;
  #pool: Uint8Array = new Uint8Array(0);
  #offset = 0;

  constructor(source: RandomSource) {
    this.#source = source;
  }

  /** @throws {RangeError} unless `length` is a non-negative integer: a NaN would poison the pool. */
  take(length: number): Uint8Array {
    if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`cannot draw ${length} random bytes`);
    if (length > POOL_SIZE / 4) return this.#source(length);
    if (this.#offset + length > this.#pool.length) {
      this.#pool = this.#source(POOL_SIZE);
      if (this.#pool.length !== POOL_SIZE) throw new Error('random source returned the wrong number of bytes');
      this.#offset = 0;
    }
    const end = this.#offset + length;
    const out = this.#pool.slice(this.#offset, end);
    this.#pool.fill(0, this.#offset, end);
    this.#offset = end;
    return out;
  }
}
