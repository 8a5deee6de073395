import { describe, expect, it } from 'vitest';
import type { GrantRecord } from '../../src/grants/grant-record.js';
import type { KeyRecord } from '../../src/keystore/key-record.js';
import { InMemoryStateStore } from '../../src/keystore/state-store.js';
import { ALICE, BOB, grant, KEY_A, KEY_B, SERVICE } from './fixtures.js';

/** The store reads nothing of a key record but its id, so a stub stays valid as KeyRecord grows. */
const key = (keyId: string, seq: number) => ({ keyId, seq }) as KeyRecord;

function storeWithKeys(): InMemoryStateStore {
  const store = new InMemoryStateStore();
  const alias = { aliasName: 'alias/a', targetKeyId: KEY_A, creationDate: new Date(0), lastUpdatedDate: new Date(0) };
  store.commit({ putKeys: [key(KEY_A, 0), key(KEY_B, 1)], putAliases: [alias] });
  return store;
}

const ids = (grants: Iterable<GrantRecord>) => [...grants].map((g) => Number.parseInt(g.grantId, 16));

describe('grants in InMemoryStateStore', () => {
  it('finds a grant by key and id, and only under its own key', () => {
    const store = storeWithKeys();
    const g = grant(1);
    store.commit({ putGrants: [g] });
    expect(store.getGrant(KEY_A, g.grantId)).toBe(g);
    expect(store.getGrant(KEY_B, g.grantId)).toBeUndefined();
    expect(store.getGrant(KEY_A, grant(2).grantId)).toBeUndefined();
  });

  it('lists a key’s grants in creation order, across commits', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(3), grant(1, KEY_B)] });
    store.commit({ putGrants: [grant(2), grant(5)] });
    expect(ids(store.grantsForKey(KEY_A))).toEqual([3, 2, 5]);
    expect(ids(store.grantsForKey(KEY_B))).toEqual([1]);
    expect(ids(store.grantsForKey('no-such-key'))).toEqual([]);
  });

  it('indexes grants by key and exact grantee string', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(1), grant(2, KEY_A, BOB), grant(3), grant(4, KEY_B), grant(5, KEY_A, SERVICE)] });
    expect(ids(store.grantsForGrantee(KEY_A, ALICE))).toEqual([1, 3]);
    expect(ids(store.grantsForGrantee(KEY_A, BOB))).toEqual([2]);
    expect(ids(store.grantsForGrantee(KEY_B, ALICE))).toEqual([4]);
    expect(ids(store.grantsForGrantee(KEY_A, SERVICE))).toEqual([5]);
    // No normalisation: an account root, another case or a prefix names nobody else's grants.
    expect(store.grantsForGrantee(KEY_A, 'arn:aws:iam::111122223333:root')).toEqual([]);
    expect(store.grantsForGrantee(KEY_A, ALICE.toUpperCase())).toEqual([]);
    expect(store.grantsForGrantee(KEY_A, ALICE.slice(0, -1))).toEqual([]);
    expect(store.grantsForGrantee(KEY_A, '')).toEqual([]);
  });

  it('answers a fresh array the caller cannot use to change the index', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(1)] });
    (store.grantsForGrantee(KEY_A, ALICE) as GrantRecord[]).length = 0;
    expect(ids(store.grantsForGrantee(KEY_A, ALICE))).toEqual([1]);
  });

  it('deletes a grant from every index, and ignores a grant that is not there', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(1), grant(2), grant(3, KEY_B)] });
    store.commit({ deleteGrants: [{ keyId: KEY_A, grantId: grant(1).grantId }, { keyId: KEY_A, grantId: grant(3).grantId }] });
    expect(store.getGrant(KEY_A, grant(1).grantId)).toBeUndefined();
    expect(ids(store.grantsForKey(KEY_A))).toEqual([2]);
    expect(ids(store.grantsForGrantee(KEY_A, ALICE))).toEqual([2]);
    expect(ids(store.grantsForKey(KEY_B))).toEqual([3]);
    store.commit({ deleteGrants: [{ keyId: KEY_A, grantId: grant(2).grantId }] });
    expect(ids(store.grants())).toEqual([3]);
  });

  it('deletes a key’s grants with the key, and nothing else', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(1), grant(2, KEY_A, BOB), grant(3, KEY_B)] });
    store.commit({ deleteKeys: [KEY_A] });
    expect(store.getKey(KEY_A)).toBeUndefined();
    expect(ids(store.grantsForKey(KEY_A))).toEqual([]);
    expect(store.grantsForGrantee(KEY_A, ALICE)).toEqual([]);
    expect(store.getGrant(KEY_A, grant(1).grantId)).toBeUndefined();
    expect(ids(store.grants())).toEqual([3]);
    expect(store.getAlias('alias/a')).toBeDefined(); // aliases stay the caller's to delete, as before
  });

  it('drops a grant put in the same commit that deletes its key', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(1)], deleteKeys: [KEY_A] });
    expect(ids(store.grants())).toEqual([]);
  });

  it('applies a delete and a put of the same grant in one commit as a replacement', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(1)] });
    const again = grant(1, KEY_A, BOB);
    store.commit({ deleteGrants: [{ keyId: KEY_A, grantId: again.grantId }], putGrants: [again] });
    expect(store.getGrant(KEY_A, again.grantId)).toBe(again);
    expect(store.grantsForGrantee(KEY_A, ALICE)).toEqual([]);
    expect(store.grantsForGrantee(KEY_A, BOB)).toEqual([again]);
  });

  it('replaces a grant put again under its id in place, moving it between grantees if need be', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(1), grant(2), grant(3)] });
    const renamed = grant(2, KEY_A, ALICE, { name: 'n' });
    const moved = grant(1, KEY_A, BOB);
    store.commit({ putGrants: [renamed, moved] });
    expect(ids(store.grantsForKey(KEY_A))).toEqual([1, 2, 3]);
    expect(store.grantsForGrantee(KEY_A, ALICE)).toEqual([renamed, grant(3)]);
    expect(store.grantsForGrantee(KEY_A, BOB)).toEqual([moved]);
  });

  it('lists every grant on every key', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(1), grant(2, KEY_B), grant(3)] });
    expect(ids(store.grants()).sort()).toEqual([1, 2, 3]);
  });

  it('leaves keys and aliases as they were', () => {
    const store = storeWithKeys();
    store.commit({ putGrants: [grant(1)] });
    expect([...store.keys()].map((k) => k.keyId)).toEqual([KEY_A, KEY_B]);
    expect([...store.aliases()].map((a) => a.aliasName)).toEqual(['alias/a']);
  });
});
