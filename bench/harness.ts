/**
 * A small interleaving harness, as `perf-anchors.md` describes the method:
 *
 * - calibration: each case gets an iteration count so that one sample takes about `sampleMs`;
 * - rounds: in every round each pair (API case, bare case) runs one sample of each side, back to
 *   back, as two halves in ABBA order; the order of pairs rotates from round to round and which
 *   side is outside alternates, so drift on the (shared, 2-vCPU) machine hits both sides alike;
 * - a ratio is computed per round from the two adjacent samples of one pair, and the reported
 *   ratio is the median over rounds. Ops/s are the median over rounds of each side.
 *
 * Every operation is awaited before the next starts (one operation in flight), for both sides.
 * @module
 */

export type Op = () => Promise<unknown>;

export interface Side {
  readonly fn: Op;
  iterations: number;
  readonly samples: number[];
}

export interface Pair {
  readonly id: string;
  readonly api: Side;
  readonly bare: Side;
  /** API ops/s ÷ bare ops/s, one value per round, from adjacent samples. */
  readonly ratios: number[];
}

export interface HarnessOptions {
  readonly sampleMs: number;
  readonly rounds: number;
  /** Rounds run (and thrown away) after calibration, to settle the JIT and the heap. */
  readonly warmupRounds: number;
  readonly onRound?: (round: number, rounds: number) => void;
}

export const side = (fn: Op): Side => ({ fn, iterations: 1, samples: [] });

async function runOps(fn: Op, iterations: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return performance.now() - start;
}

/** Doubles the iteration count until a run takes ≥ a quarter of the target, then scales to it. */
async function calibrate(s: Side, sampleMs: number): Promise<void> {
  let iterations = 1;
  for (;;) {
    const elapsed = await runOps(s.fn, iterations);
    if (elapsed >= sampleMs / 4 || iterations >= 1 << 24) {
      // A second measurement at the scaled count, so the JIT's first-run costs do not dominate.
      let scaled = Math.max(1, Math.round((iterations * sampleMs) / Math.max(elapsed, 1e-3)));
      const check = await runOps(s.fn, scaled);
      scaled = Math.max(1, Math.round((scaled * sampleMs) / Math.max(check, 1e-3)));
      s.iterations = scaled;
      return;
    }
    iterations *= 2;
  }
}

export async function runPairs(pairs: readonly Pair[], options: HarnessOptions): Promise<void> {
  for (const pair of pairs) {
    await calibrate(pair.api, options.sampleMs);
    await calibrate(pair.bare, options.sampleMs);
  }
  const total = options.warmupRounds + options.rounds;
  for (let round = 0; round < total; round++) {
    const keep = round >= options.warmupRounds;
    for (let k = 0; k < pairs.length; k++) {
      const index = (k + round) % pairs.length;
      const pair = pairs[index]!;
      // ABBA: each side's sample is two halves, placed symmetrically around the other side's, so a
      // linear drift during the pair's ~2 samples biases neither side. Which side is outside alternates.
      const [outer, inner] = (round + index) % 2 === 0 ? [pair.api, pair.bare] : [pair.bare, pair.api];
      const a1 = await runHalf(outer);
      const b1 = await runHalf(inner);
      const b2 = await runHalf(inner);
      const a2 = await runHalf(outer);
      if (keep) {
        const outerOps = (2 * half(outer) * 1000) / (a1 + a2);
        const innerOps = (2 * half(inner) * 1000) / (b1 + b2);
        const [api, bare] = outer === pair.api ? [outerOps, innerOps] : [innerOps, outerOps];
        pair.api.samples.push(api);
        pair.bare.samples.push(bare);
        pair.ratios.push(api / bare);
      }
    }
    if (keep) options.onRound?.(round - options.warmupRounds + 1, options.rounds);
  }
}

const half = (s: Side): number => Math.max(1, Math.round(s.iterations / 2));
const runHalf = (s: Side): Promise<number> => runOps(s.fn, half(s));

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th quantile (0..1) by linear interpolation. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
