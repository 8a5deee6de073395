/**
 * Everything one partition shares: the crypto provider, clock and randomness, IAM identity
 * policies, and the state of every account in every Region. `KmsPartition` is its public face;
 * a `Kms` made with `new Kms()` gets a world of its own.
 * @module
 */
import { IdentityPolicies } from './auth/identity-policies.js';
import { defaultKeyPolicy } from './auth/default-policy.js';
import { nobleProvider } from './crypto/noble.js';
import type { CryptoProvider } from './crypto/provider.js';
import { MarkerCodec } from './internal/markers.js';
import { RandomPool, type RandomSource } from './internal/random-pool.js';
import { partitionOf, type Scope } from './keystore/identifiers.js';
import type { StateStore } from './keystore/state-store.js';
import { checkPropagation, type SharedOptions } from './options.js';
import { compilePolicy, type CompiledPolicy } from './policy/index.js';

/** The state of one account in one Region. */
export interface AccountState extends Scope {
  readonly store: StateStore;
  readonly markers: MarkerCodec;
  /** The next creation sequence number for a key (orders ListKeys). */
  nextKeySeq(): number;
  /** AWS's default key policy for this account, compiled once and shared by its keys. */
  defaultPolicy(): CompiledPolicy;
}

export interface WorldOptions {
  readonly provider: CryptoProvider;
  readonly clock: () => Date;
  readonly random: RandomSource;
  readonly grantPropagationMs: number;
  readonly store: (accountId: string, region: string) => StateStore;
}

export class World {
  readonly provider: CryptoProvider;
  readonly random: RandomPool;
  readonly iam = new IdentityPolicies();
  readonly grantPropagationMs: number;
  readonly #clock: () => Date;
  readonly #store: (accountId: string, region: string) => StateStore;
  readonly #accounts = new Map<string, AccountState>();
  /** Each account's root `Kms` by `account/region`, and the `KmsPartition` facade: made once each (typed loosely to avoid an import cycle). */
  readonly handles = new Map<string, object>();
  partitionHandle: object | undefined;

  constructor(options: WorldOptions) {
    this.provider = options.provider;
    this.random = new RandomPool(options.random);
    this.grantPropagationMs = options.grantPropagationMs;
    this.#clock = options.clock;
    this.#store = options.store;
  }

  /** A copy, so neither the clock nor a caller can change a stored date afterwards. */
  readonly now = (): Date => new Date(this.#clock().getTime());

  /** The state of an account in a Region, created on first use. */
  account(accountId: string, region: string): AccountState {
    const existing = this.#accounts.get(`${accountId}/${region}`);
    if (existing) return existing;
    const store = this.#store(accountId, region);
    const scope = { accountId, region, partition: partitionOf(region) };
    let seq = -1;
    let policy: CompiledPolicy | undefined;
    const state: AccountState = Object.freeze({
      ...scope,
      store,
      markers: new MarkerCodec(this.random.take(32)),
      nextKeySeq: () => {
        if (seq < 0) for (const key of store.keys()) seq = Math.max(seq, key.seq);
        return ++seq;
      },
      defaultPolicy: () => (policy ??= compilePolicy(defaultKeyPolicy(scope), 'key')),
    });
    this.#accounts.set(`${accountId}/${region}`, state);
    return state;
  }

  /** An account's state if anything has created it; looking a key up never creates an account. */
  existingAccount(accountId: string, region: string): AccountState | undefined {
    return this.#accounts.get(`${accountId}/${region}`);
  }

  /**
   * Forgets every account, key, alias, grant and identity policy. Stores are dropped, not cleared:
   * the next use of an account asks the store factory again (a factory that hands back a store it
   * kept brings that store's contents back).
   */
  reset(): void {
    this.#accounts.clear();
    this.handles.clear();
    this.iam.clear();
  }

  /** Every account state created so far (ListRetirableGrants searches them all). */
  accounts(): Iterable<AccountState> {
    return this.#accounts.values();
  }
}

/** A world from user options (the checks are synchronous programmer errors). */
export function createWorld(options: SharedOptions, store: (accountId: string, region: string) => StateStore): World {
  const provider = options.provider ?? nobleProvider();
  return new World({
    provider,
    clock: options.clock ?? (() => new Date()),
    random: options.random ?? ((n) => provider.randomBytes(n)),
    grantPropagationMs: checkPropagation(options.grantPropagationMs),
    store,
  });
}
