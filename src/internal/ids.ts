/** Identifiers drawn from the injected randomness, so seeded tests get repeatable ids. @module */
import { toHex } from '../crypto/bytes.js';
import type { RandomPool } from './random-pool.js';

/** A random (version 4) UUID in lowercase, the form of single-Region KMS key ids. */
export function newKeyId(random: RandomPool): string {
  const b = random.take(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
