/**
 * What every operation handler receives: the scope it acts in and the injected services. Handlers
 * are plain async functions `(ctx, request) → response`; they know nothing of HTTP or JSON.
 * @module
 */
import type { CryptoProvider } from '../crypto/provider.js';
import type { MarkerCodec } from '../internal/markers.js';
import type { RandomPool } from '../internal/random-pool.js';
import type { Scope } from '../keystore/identifiers.js';
import type { StateStore } from '../keystore/state-store.js';

export interface OperationContext extends Scope {
  readonly store: StateStore;
  readonly provider: CryptoProvider;
  readonly now: () => Date;
  readonly random: RandomPool;
  readonly markers: MarkerCodec;
  /** The next creation sequence number for a key (orders ListKeys). */
  nextKeySeq(): number;
}
