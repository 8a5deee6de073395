/**
 * All mutable state of one `Kms` (one account in one Region) sits behind this small interface, so
 * that a persistent store can replace the in-memory one without touching any operation.
 *
 * Operations read freely but write only through {@link StateStore.commit}, once, after every check
 * has passed. A store must apply a commit atomically: all of it or none of it.
 * @module
 */
import type { GrantRecord } from '../grants/grant-record.js';
import { granteeIndexKey } from '../auth/caller.js';
import { parsePrincipal } from '../auth/principal.js';
import type { AliasRecord, KeyRecord } from './key-record.js';

/** Names one grant: grant ids are unique per key, not across keys. */
export interface GrantRef {
  readonly keyId: string;
  readonly grantId: string;
}

export interface StateChange {
  /** Deleting a key deletes its grants too. */
  readonly deleteKeys?: readonly string[];
  readonly putKeys?: readonly KeyRecord[];
  readonly deleteAliases?: readonly string[];
  readonly putAliases?: readonly AliasRecord[];
  readonly deleteGrants?: readonly GrantRef[];
  /** Grants for keys in the store; a grant put under an existing (key, grant id) replaces it. */
  readonly putGrants?: readonly GrantRecord[];
}

export interface StateStore {
  getKey(keyId: string): KeyRecord | undefined;
  /** Every key, in creation order. */
  keys(): Iterable<KeyRecord>;
  getAlias(aliasName: string): AliasRecord | undefined;
  /** Every alias, in no particular order. */
  aliases(): Iterable<AliasRecord>;
  getGrant(keyId: string, grantId: string): GrantRecord | undefined;
  /** The grants on one key, in creation order. */
  grantsForKey(keyId: string): Iterable<GrantRecord>;
  /**
   * The grants on `keyId` whose grantee's index key ({@link granteeKeyOf}) is exactly `grantee`,
   * in creation order. Authorization calls this for each identity a caller may act as, so a store
   * must answer it without scanning the key's other grants.
   */
  grantsForGrantee(keyId: string, grantee: string): readonly GrantRecord[];
  /** Every grant on every key, each key's in creation order. */
  grants(): Iterable<GrantRecord>;
  /** Applies `change` atomically. Deleting a key also deletes every grant on it. */
  commit(change: StateChange): void;
}

/** The grants on one key, by grant id and by grantee; both maps keep creation order. */
interface KeyGrants {
  readonly byId: Map<string, GrantRecord>;
  readonly byGrantee: Map<string, Map<string, GrantRecord>>;
}

/**
 * The key a grant is indexed under: its service principal, or its grantee principal in the form
 * `granteeIndexKey` gives (user and role ARNs without their path, because a role session's ARN
 * carries only the role's name). A store implementation must index by this key.
 */
export function granteeKeyOf(grant: GrantRecord): string {
  if (grant.granteeServicePrincipal !== undefined) return grant.granteeServicePrincipal;
  const principal = grant.granteePrincipal === undefined ? undefined : parsePrincipal(grant.granteePrincipal);
  return principal ? granteeIndexKey(principal) : (grant.granteePrincipal ?? '');
}


export class InMemoryStateStore implements StateStore {
  readonly #keys = new Map<string, KeyRecord>();
  readonly #aliases = new Map<string, AliasRecord>();
  readonly #grants = new Map<string, KeyGrants>();

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

  getGrant(keyId: string, grantId: string): GrantRecord | undefined {
    return this.#grants.get(keyId)?.byId.get(grantId);
  }

  grantsForKey(keyId: string): Iterable<GrantRecord> {
    return this.#grants.get(keyId)?.byId.values() ?? [];
  }

  grantsForGrantee(keyId: string, grantee: string): readonly GrantRecord[] {
    const grants = this.#grants.get(keyId)?.byGrantee.get(grantee);
    return grants ? [...grants.values()] : [];
  }

  *grants(): Iterable<GrantRecord> {
    for (const { byId } of this.#grants.values()) yield* byId.values();
  }

  commit(change: StateChange): void {
    // Map updates cannot fail part-way, so applying in sequence is atomic here. Grants go before
    // keys so that a grant put for a key deleted in the same change is deleted with it.
    for (const ref of change.deleteGrants ?? []) this.#deleteGrant(ref);
    for (const grant of change.putGrants ?? []) this.#putGrant(grant);
    for (const keyId of change.deleteKeys ?? []) {
      this.#keys.delete(keyId);
      this.#grants.delete(keyId);
    }
    for (const record of change.putKeys ?? []) this.#keys.set(record.keyId, record);
    for (const name of change.deleteAliases ?? []) this.#aliases.delete(name);
    for (const alias of change.putAliases ?? []) this.#aliases.set(alias.aliasName, alias);
  }

  #putGrant(grant: GrantRecord): void {
    let keyGrants = this.#grants.get(grant.keyId);
    if (!keyGrants) {
      keyGrants = { byId: new Map(), byGrantee: new Map() };
      this.#grants.set(grant.keyId, keyGrants);
    }
    const grantee = granteeKeyOf(grant);
    const previous = keyGrants.byId.get(grant.grantId);
    // A replaced record keeps its place; Map.set on an existing entry does not move it.
    if (previous && granteeKeyOf(previous) !== grantee) removeFromGrantee(keyGrants, previous);
    keyGrants.byId.set(grant.grantId, grant);
    let forGrantee = keyGrants.byGrantee.get(grantee);
    if (!forGrantee) {
      forGrantee = new Map();
      keyGrants.byGrantee.set(grantee, forGrantee);
    }
    forGrantee.set(grant.grantId, grant);
  }

  #deleteGrant({ keyId, grantId }: GrantRef): void {
    const keyGrants = this.#grants.get(keyId);
    const grant = keyGrants?.byId.get(grantId);
    if (!keyGrants || !grant) return;
    keyGrants.byId.delete(grantId);
    removeFromGrantee(keyGrants, grant);
    // An empty entry would make grants() and the maps grow with every key that ever had a grant.
    if (keyGrants.byId.size === 0) this.#grants.delete(keyId);
  }
}

function removeFromGrantee(keyGrants: KeyGrants, grant: GrantRecord): void {
  const grantee = granteeKeyOf(grant);
  const forGrantee = keyGrants.byGrantee.get(grantee);
  forGrantee?.delete(grant.grantId);
  if (forGrantee?.size === 0) keyGrants.byGrantee.delete(grantee);
}
