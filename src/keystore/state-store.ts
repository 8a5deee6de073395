/**
 * All mutable state of one `Kms` (one account in one Region) sits behind this small interface, so
 * that a persistent store can replace the in-memory one without touching any operation.
 *
 * Operations read freely but write only through {@link StateStore.commit}, once, after every check
 * has passed. A store must apply a commit atomically: all of it or none of it.
 * @module
 */
import type { AliasRecord, KeyRecord } from './key-record.js';

export interface StateChange {
  readonly putKeys?: readonly KeyRecord[];
  readonly deleteKeys?: readonly string[];
  readonly putAliases?: readonly AliasRecord[];
  readonly deleteAliases?: readonly string[];
}

export interface StateStore {
  getKey(keyId: string): KeyRecord | undefined;
  /** Every key, in creation order. */
  keys(): Iterable<KeyRecord>;
  getAlias(aliasName: string): AliasRecord | undefined;
  /** Every alias, in no particular order. */
  aliases(): Iterable<AliasRecord>;
  commit(change: StateChange): void;
}

export class InMemoryStateStore implements StateStore {
  readonly #keys = new Map<string, KeyRecord>();
  readonly #aliases = new Map<string, AliasRecord>();

  getKey(keyId: string): KeyRecord | undefined {
    return this.#keys.get(keyId);
  }

  keys(): Iterable<KeyRecord> {
    return this.#keys.values();
  }

  getAlias(aliasName: string): AliasRecord | undefined {
    return this.#aliases.get(aliasName);
  }

  aliases(): Iterable<AliasRecord> {
    return this.#aliases.values();
  }

  commit(change: StateChange): void {
    // Map updates cannot fail part-way, so applying in sequence is atomic here.
    for (const keyId of change.deleteKeys ?? []) this.#keys.delete(keyId);
    for (const record of change.putKeys ?? []) this.#keys.set(record.keyId, record);
    for (const name of change.deleteAliases ?? []) this.#aliases.delete(name);
    for (const alias of change.putAliases ?? []) this.#aliases.set(alias.aliasName, alias);
  }
}
