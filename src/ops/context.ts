/**
 * What every operation handler receives: the account and Region it acts in, the caller, and the
 * injected services. Handlers are plain async functions `(ctx, request) → response`; they know
 * nothing of HTTP or JSON.
 * @module
 */
import type { Caller } from '../auth/caller.js';
import type { CryptoProvider } from '../crypto/provider.js';
import type { RandomPool } from '../internal/random-pool.js';
import type { AccountState, World } from '../world.js';

export interface OperationContext extends AccountState {
  readonly world: World;
  readonly provider: CryptoProvider;
  readonly random: RandomPool;
  readonly now: () => Date;
  readonly caller: Caller;
}

/** Made once per `Kms` handle, never per call. */
export function operationContext(world: World, account: AccountState, caller: Caller): OperationContext {
  return Object.freeze({ ...account, world, provider: world.provider, random: world.random, now: world.now, caller });
}
