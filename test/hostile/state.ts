/**
 * A seeded `Kms` over an explicit store, for hostile-input tests: keys in every state the core
 * implements, aliases, tags and ciphertexts, plus a secret-free snapshot of everything stored.
 *
 * Records are immutable (frozen, replaced on every commit), so a seeded world is built once and
 * cloned cheaply: a clone is a new `InMemoryStateStore` holding the same record objects, under a
 * new `Kms`. Any in-place mutation of shared key material would still show, in
 * {@link materialFingerprint}.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { Kms } from '../../src/kms.js';
import { unsafeMaterialBytes } from '../../src/keystore/key-material.js';
import { InMemoryStateStore, type StateStore } from '../../src/keystore/state-store.js';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
/** Fixed, so that no deletion window ever passes (and no lazy expiry fires) mid-test. */
export const NOW = new Date('2026-01-01T00:00:00.000Z');
export const clock = (): Date => new Date(NOW.getTime());

export const keyArnOf = (id: string): string => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;
export const aliasArnOf = (name: string): string => `arn:aws:kms:${REGION}:${ACCOUNT}:${name}`;

export const CONTEXT = Object.freeze({ purpose: 'hostile-test', tenant: 'a' });
export const PLAINTEXT = new TextEncoder().encode('hostile plaintext');

export interface SeededKey {
  readonly id: string;
  readonly arn: string;
}

export interface World {
  readonly kms: Kms;
  readonly store: InMemoryStateStore;
  /** Enabled; tags Project=hostile and Env=test; aliases alias/enabled and alias/enabled-2. */
  readonly enabled: SeededKey;
  /** Enabled, no tags; alias alias/other. */
  readonly other: SeededKey;
  /** Disabled; alias alias/disabled. */
  readonly disabled: SeededKey;
  /** PendingDeletion (7-day window from NOW); alias alias/pending. */
  readonly pending: SeededKey;
  /** Ciphertexts of PLAINTEXT under CONTEXT, made before the keys changed state. */
  readonly blobs: { readonly enabled: Uint8Array; readonly disabled: Uint8Array; readonly pending: Uint8Array };
  /** An intact ciphertext from the same account, under a key this store does not hold. */
  readonly foreignBlob: Uint8Array;
  /** An intact ciphertext from another account. */
  readonly otherAccountBlob: Uint8Array;
}

export const SEEDED_ALIASES = ['alias/enabled', 'alias/enabled-2', 'alias/other', 'alias/disabled', 'alias/pending'] as const;

let template: Promise<World> | undefined;

async function build(): Promise<World> {
  const store = new InMemoryStateStore();
  const kms = new Kms({ store, clock });
  const create = async (Description: string, Tags?: { TagKey: string; TagValue: string }[]): Promise<SeededKey> => {
    const { KeyMetadata } = await kms.createKey({ Description, ...(Tags && { Tags }) });
    return { id: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
  };
  const enabled = await create('enabled key', [
    { TagKey: 'Project', TagValue: 'hostile' },
    { TagKey: 'Env', TagValue: 'test' },
  ]);
  const other = await create('other key');
  const disabled = await create('disabled key');
  const pending = await create('pending key');
  const seal = async (id: string) =>
    (await kms.encrypt({ KeyId: id, Plaintext: PLAINTEXT, EncryptionContext: { ...CONTEXT } })).CiphertextBlob!;
  const blobs = { enabled: await seal(enabled.id), disabled: await seal(disabled.id), pending: await seal(pending.id) };
  await kms.createAlias({ AliasName: 'alias/enabled', TargetKeyId: enabled.id });
  await kms.createAlias({ AliasName: 'alias/enabled-2', TargetKeyId: enabled.id });
  await kms.createAlias({ AliasName: 'alias/other', TargetKeyId: other.id });
  await kms.createAlias({ AliasName: 'alias/disabled', TargetKeyId: disabled.id });
  await kms.createAlias({ AliasName: 'alias/pending', TargetKeyId: pending.id });
  await kms.disableKey({ KeyId: disabled.id });
  await kms.scheduleKeyDeletion({ KeyId: pending.id, PendingWindowInDays: 7 });

  const elsewhere = new Kms({ clock });
  const { KeyMetadata: f } = await elsewhere.createKey();
  const foreignBlob = (await elsewhere.encrypt({ KeyId: f!.KeyId!, Plaintext: PLAINTEXT })).CiphertextBlob!;
  const otherAccount = new Kms({ clock, accountId: '444455556666' });
  const { KeyMetadata: o } = await otherAccount.createKey();
  const otherAccountBlob = (await otherAccount.encrypt({ KeyId: o!.KeyId!, Plaintext: PLAINTEXT })).CiphertextBlob!;

  return { kms, store, enabled, other, disabled, pending, blobs, foreignBlob, otherAccountBlob };
}

/** A new copy of the seeded world: its own store and `Kms`, sharing the immutable records. */
export async function seededWorld(): Promise<World> {
  template ??= build();
  return cloneWorld(await template);
}

export function cloneWorld(world: World): World {
  const store = new InMemoryStateStore();
  store.commit({ putKeys: [...world.store.keys()], putAliases: [...world.store.aliases()] });
  const copy = (b: Uint8Array) => b.slice();
  return {
    ...world,
    store,
    kms: new Kms({ store, clock }),
    blobs: { enabled: copy(world.blobs.enabled), disabled: copy(world.blobs.disabled), pending: copy(world.blobs.pending) },
    foreignBlob: copy(world.foreignBlob),
    otherAccountBlob: copy(world.otherAccountBlob),
  };
}

/**
 * Every key record and alias as JSON, in a fixed order. `KeyMaterial` serialises as its id and
 * date only, so this is deterministic and holds no secret.
 */
export function snapshot(store: StateStore): string {
  const keys = [...store.keys()].sort((a, b) => a.seq - b.seq);
  const aliases = [...store.aliases()].sort((a, b) => (a.aliasName < b.aliasName ? -1 : a.aliasName > b.aliasName ? 1 : 0));
  return JSON.stringify({ keys, aliases });
}

/** SHA-256 over every key's material bytes: catches in-place mutation that `snapshot` cannot see. */
export function materialFingerprint(store: StateStore): string {
  const h = sha256.create();
  for (const key of [...store.keys()].sort((a, b) => a.seq - b.seq)) {
    for (const material of key.materials) h.update(unsafeMaterialBytes(material));
  }
  return Buffer.from(h.digest()).toString('hex');
}

/** Both views of the state at once, for before/after comparison. */
export const stateOf = (store: StateStore): { snapshot: string; material: string } => ({
  snapshot: snapshot(store),
  material: materialFingerprint(store),
});
