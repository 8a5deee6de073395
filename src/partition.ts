/**
 * `KmsPartition`: many accounts and Regions in one process, sharing IAM, a clock, randomness and a
 * crypto provider. Keys of one account are reachable from another by ARN, for the operations AWS
 * allows across accounts, and only as the key policy and the caller's identity policies allow.
 * @module
 */
import { rootCaller } from './auth/caller.js';
import type { IdentityPolicies } from './auth/identity-policies.js';
import { Binding } from './internal/binding.js';
import { partitionOf } from './keystore/identifiers.js';
import { InMemoryStateStore } from './keystore/state-store.js';
import { Kms } from './kms.js';
import { operationContext } from './ops/context.js';
import { checkScope, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type KmsOptions, type KmsPartitionOptions } from './options.js';
import { createWorld, World } from './world.js';

export class KmsPartition {
  readonly #world: World;

  constructor(options: KmsPartitionOptions = {}) {
    if (options instanceof World) {
      this.#world = options;
    } else {
      this.#world = createWorld(options, options.store ?? (() => new InMemoryStateStore()));
    }
    this.#world.partitionHandle = this;
  }

  /** IAM identity policies, shared by every account and Region of the partition. */
  get iam(): IdentityPolicies {
    return this.#world.iam;
  }

  /**
   * Wipes all state: every account's keys, aliases and grants, and IAM's identity policies. `Kms`
   * handles taken before keep the old state; take new ones from {@link kms} afterwards. The
   * server's reset control calls this between tests.
   */
  reset(): void {
    this.#world.reset();
  }

  /**
   * The `Kms` of an account in a Region, acting as that account's root; created on first use and
   * the same object every time after.
   * @throws {RangeError} for an account id or Region that AWS could not have
   */
  kms(scope: { readonly accountId?: string; readonly region?: string } = {}): Kms {
    const accountId = scope.accountId ?? DEFAULT_ACCOUNT_ID;
    const region = scope.region ?? DEFAULT_REGION;
    checkScope(accountId, region);
    const key = `${accountId}/${region}`;
    let kms = this.#world.handles.get(key) as Kms | undefined;
    if (!kms) {
      const ctx = operationContext(this.#world, this.#world.account(accountId, region), rootCaller(partitionOf(region), accountId));
      kms = new Kms(new Binding(this.#world, ctx) as KmsOptions);
      this.#world.handles.set(key, kms);
    }
    return kms;
  }
}
