/**
 * A seeded `Kms` over explicit stores, for hostile-input tests: keys in every state the core
 * implements, aliases, tags, grants and ciphertexts, HMAC keys (with a MAC of a fixed message),
 * ECC_NIST_P256 signing keys (with a signature of a fixed message), RSA encryption keys of every
 * size (with OAEP ciphertexts), an RSA signing key, ECC_NIST_P256 key agreement keys (and a peer's
 * public key), an ML_DSA_44 and an Ed25519 signing key, a second account in the same partition
 * (with a key and a grant of its own), plus a secret-free snapshot of everything stored.
 *
 * RSA keys come from the test-only fixture path (withFixtureRsaKeys): generating them would
 * dominate the suite's run time. Every partition here, the clones' included, uses it.
 *
 * Records are immutable (frozen, replaced on every commit), so a seeded world is built once and
 * cloned cheaply: a clone is a new `InMemoryStateStore` per account holding the same key, alias
 * and grant record objects, under a new `KmsPartition`. Any in-place mutation of shared key
 * material would still show, in {@link materialFingerprint}.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { generateKeyPairSync } from 'node:crypto';
import { nobleProvider } from '../../src/crypto/noble.js';
import type { CryptoProvider } from '../../src/crypto/provider.js';
import { Kms } from '../../src/kms.js';
import { KmsPartition } from '../../src/partition.js';
import { unsafeMaterialBytes } from '../../src/keystore/key-material.js';
import { granteeKeyOf, InMemoryStateStore, type StateStore } from '../../src/keystore/state-store.js';
import { withFixtureRsaKeys } from '../fixtures/fixture-rsa-provider.js';

/** The provider of every partition here: noble, with RSA key pairs from the fixtures. */
export const PROVIDER: CryptoProvider = withFixtureRsaKeys(nobleProvider());

export const ACCOUNT = '111122223333';
/** A second account of the same partition and Region, which owns {@link World.foreign}. */
export const OTHER_ACCOUNT = '444455556666';
export const REGION = 'us-east-1';
/** Fixed, so that no deletion window ever passes (and no lazy expiry fires) mid-test. */
export const NOW = new Date('2026-01-01T00:00:00.000Z');
export const clock = (): Date => new Date(NOW.getTime());

export const keyArnOf = (id: string, account = ACCOUNT): string => `arn:aws:kms:${REGION}:${account}:key/${id}`;
export const aliasArnOf = (name: string): string => `arn:aws:kms:${REGION}:${ACCOUNT}:${name}`;
export const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;

export const CONTEXT = Object.freeze({ purpose: 'hostile-test', tenant: 'a' });
export const PLAINTEXT = new TextEncoder().encode('hostile plaintext');
/** The message of {@link World.mac}. */
export const MAC_MESSAGE = new TextEncoder().encode('hostile mac message');
/** The message of {@link World.signature}. */
export const SIGN_MESSAGE = new TextEncoder().encode('hostile signed message');

/** The grantee of {@link World.grant}. */
export const GRANTEE = `arn:aws:iam::${ACCOUNT}:role/hostile-grantee`;
/** The grantee of {@link World.describeGrant}. */
export const AUDITOR = `arn:aws:iam::${ACCOUNT}:user/hostile-auditor`;
/** The retiring principal of both grants on the enabled key. */
export const RETIRER = `arn:aws:iam::${ACCOUNT}:user/hostile-retirer`;
export const GRANT_NAME = 'hostile-grant';

export interface SeededKey {
  readonly id: string;
  readonly arn: string;
}

export interface SeededGrant {
  readonly id: string;
  /** A token CreateGrant issued for the grant: it decodes in every clone. */
  readonly token: string;
}

export interface World {
  readonly partition: KmsPartition;
  /** The root of {@link ACCOUNT}. */
  readonly kms: Kms;
  readonly store: InMemoryStateStore;
  /** The root of {@link OTHER_ACCOUNT}, in the same partition. */
  readonly otherKms: Kms;
  readonly otherStore: InMemoryStateStore;
  /** Enabled; tags Project=hostile and Env=test; aliases alias/enabled and alias/enabled-2; grants `grant` and `describeGrant`. */
  readonly enabled: SeededKey;
  /** Enabled, no tags; alias alias/other. */
  readonly other: SeededKey;
  /** Disabled; alias alias/disabled. */
  readonly disabled: SeededKey;
  /** PendingDeletion (7-day window from NOW); alias alias/pending. */
  readonly pending: SeededKey;
  /** Enabled, in {@link OTHER_ACCOUNT}, under that account's default key policy (which names only that account). */
  readonly foreign: SeededKey;
  /** HMAC_256 for GENERATE_VERIFY_MAC, enabled; alias alias/hmac. */
  readonly hmac: SeededKey;
  /** HMAC_256, disabled; alias alias/hmac-disabled. */
  readonly hmacDisabled: SeededKey;
  /** HMAC_256, PendingDeletion (7-day window from NOW); no alias. */
  readonly hmacPending: SeededKey;
  /** ECC_NIST_P256 for SIGN_VERIFY, enabled; alias alias/signing. */
  readonly signing: SeededKey;
  /** ECC_NIST_P256 for SIGN_VERIFY, disabled; alias alias/signing-disabled. */
  readonly signingDisabled: SeededKey;
  /** ECC_NIST_P256 for SIGN_VERIFY, PendingDeletion (7-day window from NOW); no alias. */
  readonly signingPending: SeededKey;
  /**
   * On `enabled`: Name {@link GRANT_NAME}, grantee {@link GRANTEE}, retiring principal
   * {@link RETIRER}, Encrypt, Decrypt, GenerateDataKey and RetireGrant, under
   * EncryptionContextSubset {purpose: CONTEXT.purpose}.
   */
  readonly grant: SeededGrant;
  /** On `enabled`: grantee {@link AUDITOR}, retiring principal {@link RETIRER}, DescribeKey, EncryptionContextEquals CONTEXT. */
  readonly describeGrant: SeededGrant;
  /** On `foreign`, made by its own root: grantee and retiring principal of {@link OTHER_ACCOUNT}. */
  readonly foreignGrant: SeededGrant;
  /** Ciphertexts of PLAINTEXT under CONTEXT, made before the keys changed state. */
  readonly blobs: { readonly enabled: Uint8Array; readonly disabled: Uint8Array; readonly pending: Uint8Array; readonly foreign: Uint8Array };
  /** An intact ciphertext from the same account, under a key this store does not hold. */
  readonly foreignBlob: Uint8Array;
  /** An intact ciphertext from another account (made outside this partition: its key is nowhere here). */
  readonly otherAccountBlob: Uint8Array;
  /** The HMAC_SHA_256 MAC of {@link MAC_MESSAGE} under `hmac`. */
  readonly mac: Uint8Array;
  /** The HMAC_SHA_256 MAC of {@link MAC_MESSAGE} under `hmacDisabled` (made before it was disabled). */
  readonly otherKeyMac: Uint8Array;
  /** The ECDSA_SHA_256 signature (DER) of {@link SIGN_MESSAGE} under `signing`. */
  readonly signature: Uint8Array;
  /** The ECDSA_SHA_256 signature of {@link SIGN_MESSAGE} under `signingDisabled` (made before it was disabled). */
  readonly otherKeySignature: Uint8Array;
  /** RSA_2048 for ENCRYPT_DECRYPT, enabled; alias alias/rsa. */
  readonly rsa: SeededKey;
  /** RSA_3072 and RSA_4096 for ENCRYPT_DECRYPT, enabled; no aliases. */
  readonly rsa3072: SeededKey;
  readonly rsa4096: SeededKey;
  /** RSA_2048 for ENCRYPT_DECRYPT, disabled; no alias. */
  readonly rsaDisabled: SeededKey;
  /** RSA_2048 for SIGN_VERIFY, enabled; alias alias/rsa-signing. */
  readonly rsaSigning: SeededKey;
  /** ECC_NIST_P256 for KEY_AGREEMENT, enabled; alias alias/agreement. */
  readonly agreement: SeededKey;
  /** ECC_NIST_P256 for KEY_AGREEMENT, disabled; no alias. */
  readonly agreementDisabled: SeededKey;
  /** ML_DSA_44 for SIGN_VERIFY, enabled; alias alias/ml-dsa. */
  readonly mlDsa: SeededKey;
  /** ECC_NIST_EDWARDS25519 for SIGN_VERIFY, enabled; no alias. */
  readonly ed25519: SeededKey;
  /** OAEP ciphertexts of PLAINTEXT under `rsa` (SHA-256 and SHA-1), and under `rsaDisabled` (SHA-256, made before it was disabled). */
  readonly rsaBlobs: { readonly sha256: Uint8Array; readonly sha1: Uint8Array; readonly disabled: Uint8Array };
  /** The RSASSA_PSS_SHA_256 signature of {@link SIGN_MESSAGE} under `rsaSigning`. */
  readonly rsaSignature: Uint8Array;
  /** The ML_DSA_SHAKE_256 signature (RAW) of {@link SIGN_MESSAGE} under `mlDsa`. */
  readonly mlDsaSignature: Uint8Array;
  /** A peer's ECC_NIST_P256 public key (SPKI DER), made outside KMS, and its private key (PKCS#8 DER). */
  readonly peer: { readonly publicKey: Uint8Array; readonly privateKey: Uint8Array };
}

export const SEEDED_ALIASES = [
  'alias/enabled',
  'alias/enabled-2',
  'alias/other',
  'alias/disabled',
  'alias/pending',
  'alias/hmac',
  'alias/hmac-disabled',
  'alias/signing',
  'alias/signing-disabled',
  'alias/rsa',
  'alias/rsa-signing',
  'alias/agreement',
  'alias/ml-dsa',
] as const;

interface Opened {
  readonly partition: KmsPartition;
  readonly kms: Kms;
  readonly otherKms: Kms;
}

/** A partition whose two accounts live in the given stores (any other account gets a fresh one). */
function open(store: InMemoryStateStore, otherStore: InMemoryStateStore): Opened {
  const partition = new KmsPartition({
    clock,
    provider: PROVIDER,
    store: (accountId, region) =>
      region === REGION && accountId === ACCOUNT ? store : region === REGION && accountId === OTHER_ACCOUNT ? otherStore : new InMemoryStateStore(),
  });
  return {
    partition,
    kms: partition.kms({ accountId: ACCOUNT, region: REGION }),
    otherKms: partition.kms({ accountId: OTHER_ACCOUNT, region: REGION }),
  };
}

let template: Promise<World> | undefined;

async function build(): Promise<World> {
  const store = new InMemoryStateStore();
  const otherStore = new InMemoryStateStore();
  const { partition, kms, otherKms } = open(store, otherStore);
  const create = async (Description: string, Tags?: { TagKey: string; TagValue: string }[], on = kms): Promise<SeededKey> => {
    const { KeyMetadata } = await on.createKey({ Description, ...(Tags && { Tags }) });
    return { id: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
  };
  const createHmac = async (Description: string): Promise<SeededKey> => {
    const { KeyMetadata } = await kms.createKey({ Description, KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    return { id: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
  };
  const enabled = await create('enabled key', [
    { TagKey: 'Project', TagValue: 'hostile' },
    { TagKey: 'Env', TagValue: 'test' },
  ]);
  const other = await create('other key');
  const disabled = await create('disabled key');
  const pending = await create('pending key');
  const foreign = await create('foreign key', undefined, otherKms);
  const hmac = await createHmac('hmac key');
  const hmacDisabled = await createHmac('disabled hmac key');
  const hmacPending = await createHmac('pending hmac key');
  const createSigning = async (Description: string): Promise<SeededKey> => {
    const { KeyMetadata } = await kms.createKey({ Description, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    return { id: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
  };
  const signing = await createSigning('signing key');
  const signingDisabled = await createSigning('disabled signing key');
  const signingPending = await createSigning('pending signing key');
  const signOn = async (id: string) => (await kms.sign({ KeyId: id, Message: SIGN_MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' })).Signature!;
  const signature = await signOn(signing.id);
  const otherKeySignature = await signOn(signingDisabled.id);
  const macOn = async (id: string) => (await kms.generateMac({ KeyId: id, Message: MAC_MESSAGE, MacAlgorithm: 'HMAC_SHA_256' })).Mac!;
  const mac = await macOn(hmac.id);
  const otherKeyMac = await macOn(hmacDisabled.id);
  const sealOn = async (on: Kms, id: string) =>
    (await on.encrypt({ KeyId: id, Plaintext: PLAINTEXT, EncryptionContext: { ...CONTEXT } })).CiphertextBlob!;
  const blobs = {
    enabled: await sealOn(kms, enabled.id),
    disabled: await sealOn(kms, disabled.id),
    pending: await sealOn(kms, pending.id),
    foreign: await sealOn(otherKms, foreign.id),
  };
  const createAsymmetric = async (Description: string, KeySpec: 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'ECC_NIST_P256' | 'ML_DSA_44' | 'ECC_NIST_EDWARDS25519', KeyUsage: 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'KEY_AGREEMENT'): Promise<SeededKey> => {
    const { KeyMetadata } = await kms.createKey({ Description, KeySpec, KeyUsage });
    return { id: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
  };
  const rsa = await createAsymmetric('rsa key', 'RSA_2048', 'ENCRYPT_DECRYPT');
  const rsa3072 = await createAsymmetric('rsa 3072 key', 'RSA_3072', 'ENCRYPT_DECRYPT');
  const rsa4096 = await createAsymmetric('rsa 4096 key', 'RSA_4096', 'ENCRYPT_DECRYPT');
  const rsaDisabled = await createAsymmetric('disabled rsa key', 'RSA_2048', 'ENCRYPT_DECRYPT');
  const rsaSigning = await createAsymmetric('rsa signing key', 'RSA_2048', 'SIGN_VERIFY');
  const agreement = await createAsymmetric('key agreement key', 'ECC_NIST_P256', 'KEY_AGREEMENT');
  const agreementDisabled = await createAsymmetric('disabled key agreement key', 'ECC_NIST_P256', 'KEY_AGREEMENT');
  const mlDsa = await createAsymmetric('ml-dsa key', 'ML_DSA_44', 'SIGN_VERIFY');
  const ed25519 = await createAsymmetric('ed25519 key', 'ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
  const oaepOn = async (id: string, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256') =>
    (await kms.encrypt({ KeyId: id, Plaintext: PLAINTEXT, EncryptionAlgorithm })).CiphertextBlob!;
  const rsaBlobs = {
    sha256: await oaepOn(rsa.id, 'RSAES_OAEP_SHA_256'),
    sha1: await oaepOn(rsa.id, 'RSAES_OAEP_SHA_1'),
    disabled: await oaepOn(rsaDisabled.id, 'RSAES_OAEP_SHA_256'),
  };
  const rsaSignature = (await kms.sign({ KeyId: rsaSigning.id, Message: SIGN_MESSAGE, SigningAlgorithm: 'RSASSA_PSS_SHA_256' })).Signature!;
  const mlDsaSignature = (await kms.sign({ KeyId: mlDsa.id, Message: SIGN_MESSAGE, SigningAlgorithm: 'ML_DSA_SHAKE_256' })).Signature!;
  const peerPair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const peer = {
    publicKey: new Uint8Array(peerPair.publicKey.export({ type: 'spki', format: 'der' })),
    privateKey: new Uint8Array(peerPair.privateKey.export({ type: 'pkcs8', format: 'der' })),
  };
  await kms.createAlias({ AliasName: 'alias/rsa', TargetKeyId: rsa.id });
  await kms.createAlias({ AliasName: 'alias/rsa-signing', TargetKeyId: rsaSigning.id });
  await kms.createAlias({ AliasName: 'alias/agreement', TargetKeyId: agreement.id });
  await kms.createAlias({ AliasName: 'alias/ml-dsa', TargetKeyId: mlDsa.id });
  await kms.createAlias({ AliasName: 'alias/enabled', TargetKeyId: enabled.id });
  await kms.createAlias({ AliasName: 'alias/enabled-2', TargetKeyId: enabled.id });
  await kms.createAlias({ AliasName: 'alias/other', TargetKeyId: other.id });
  await kms.createAlias({ AliasName: 'alias/disabled', TargetKeyId: disabled.id });
  await kms.createAlias({ AliasName: 'alias/pending', TargetKeyId: pending.id });
  await kms.createAlias({ AliasName: 'alias/hmac', TargetKeyId: hmac.id });
  await kms.createAlias({ AliasName: 'alias/hmac-disabled', TargetKeyId: hmacDisabled.id });
  await kms.createAlias({ AliasName: 'alias/signing', TargetKeyId: signing.id });
  await kms.createAlias({ AliasName: 'alias/signing-disabled', TargetKeyId: signingDisabled.id });
  const seeded = (r: { GrantId?: string; GrantToken?: string }): SeededGrant => ({ id: r.GrantId!, token: r.GrantToken! });
  const grant = seeded(
    await kms.createGrant({
      KeyId: enabled.id,
      Name: GRANT_NAME,
      GranteePrincipal: GRANTEE,
      RetiringPrincipal: RETIRER,
      Operations: ['Encrypt', 'Decrypt', 'GenerateDataKey', 'RetireGrant'],
      Constraints: { EncryptionContextSubset: { purpose: CONTEXT.purpose } },
    }),
  );
  const describeGrant = seeded(
    await kms.createGrant({
      KeyId: enabled.arn,
      GranteePrincipal: AUDITOR,
      RetiringPrincipal: RETIRER,
      Operations: ['DescribeKey'],
      Constraints: { EncryptionContextEquals: { ...CONTEXT } },
    }),
  );
  const foreignGrant = seeded(
    await otherKms.createGrant({
      KeyId: foreign.id,
      Name: 'foreign-grant',
      GranteePrincipal: `arn:aws:iam::${OTHER_ACCOUNT}:role/foreign-grantee`,
      RetiringPrincipal: `arn:aws:iam::${OTHER_ACCOUNT}:user/foreign-retirer`,
      Operations: ['Decrypt'],
    }),
  );
  await kms.disableKey({ KeyId: disabled.id });
  await kms.scheduleKeyDeletion({ KeyId: pending.id, PendingWindowInDays: 7 });
  await kms.disableKey({ KeyId: hmacDisabled.id });
  await kms.scheduleKeyDeletion({ KeyId: hmacPending.id, PendingWindowInDays: 7 });
  await kms.disableKey({ KeyId: signingDisabled.id });
  await kms.scheduleKeyDeletion({ KeyId: signingPending.id, PendingWindowInDays: 7 });
  await kms.disableKey({ KeyId: rsaDisabled.id });
  await kms.disableKey({ KeyId: agreementDisabled.id });

  const elsewhere = new Kms({ clock });
  const { KeyMetadata: f } = await elsewhere.createKey();
  const foreignBlob = (await elsewhere.encrypt({ KeyId: f!.KeyId!, Plaintext: PLAINTEXT })).CiphertextBlob!;
  const otherAccount = new Kms({ clock, accountId: OTHER_ACCOUNT });
  const { KeyMetadata: o } = await otherAccount.createKey();
  const otherAccountBlob = (await otherAccount.encrypt({ KeyId: o!.KeyId!, Plaintext: PLAINTEXT })).CiphertextBlob!;

  return {
    partition,
    kms,
    store,
    otherKms,
    otherStore,
    enabled,
    other,
    disabled,
    pending,
    foreign,
    hmac,
    hmacDisabled,
    hmacPending,
    signing,
    signingDisabled,
    signingPending,
    grant,
    describeGrant,
    foreignGrant,
    blobs,
    foreignBlob,
    otherAccountBlob,
    mac,
    otherKeyMac,
    signature,
    otherKeySignature,
    rsa,
    rsa3072,
    rsa4096,
    rsaDisabled,
    rsaSigning,
    agreement,
    agreementDisabled,
    mlDsa,
    ed25519,
    rsaBlobs,
    rsaSignature,
    mlDsaSignature,
    peer,
  };
}

/** A new copy of the seeded world: its own stores and partition, sharing the immutable records. */
export async function seededWorld(): Promise<World> {
  template ??= build();
  return cloneWorld(await template);
}

/** A new store holding the same (frozen) records, grants in the same order. */
function copyStore(from: StateStore): InMemoryStateStore {
  const store = new InMemoryStateStore();
  store.commit({ putKeys: [...from.keys()], putAliases: [...from.aliases()], putGrants: [...from.grants()] });
  return store;
}

export function cloneWorld(world: World): World {
  const store = copyStore(world.store);
  const otherStore = copyStore(world.otherStore);
  const copy = (b: Uint8Array) => b.slice();
  return {
    ...world,
    ...open(store, otherStore),
    store,
    otherStore,
    blobs: {
      enabled: copy(world.blobs.enabled),
      disabled: copy(world.blobs.disabled),
      pending: copy(world.blobs.pending),
      foreign: copy(world.blobs.foreign),
    },
    foreignBlob: copy(world.foreignBlob),
    otherAccountBlob: copy(world.otherAccountBlob),
    mac: copy(world.mac),
    otherKeyMac: copy(world.otherKeyMac),
    signature: copy(world.signature),
    otherKeySignature: copy(world.otherKeySignature),
    rsaBlobs: { sha256: copy(world.rsaBlobs.sha256), sha1: copy(world.rsaBlobs.sha1), disabled: copy(world.rsaBlobs.disabled) },
    rsaSignature: copy(world.rsaSignature),
    mlDsaSignature: copy(world.mlDsaSignature),
    peer: { publicKey: copy(world.peer.publicKey), privateKey: copy(world.peer.privateKey) },
  };
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every key record (with its policy document), alias and grant (every field) of one store as JSON,
 * in a fixed order. `KeyMaterial` serialises as its id and date only, so this is deterministic and
 * holds no secret. Grants keep the store's order (creation order per key, which ListGrants shows),
 * and the store's indexes must agree with it: by id, by key and by grantee.
 */
export function snapshot(store: StateStore): string {
  const records = [...store.keys()].sort((a, b) => a.seq - b.seq);
  const keys = records.map((k) => ({ ...k, policy: k.policy.document }));
  const aliases = [...store.aliases()].sort((a, b) => byName(a.aliasName, b.aliasName));
  const grants = [...store.grants()];
  const grantsByKey = records.map((k) => [k.keyId, [...store.grantsForKey(k.keyId)].map((g) => g.grantId)]);
  const index = grants.map((g) => [
    store.getGrant(g.keyId, g.grantId) === g,
    store.grantsForGrantee(g.keyId, granteeKeyOf(g)).map((x) => x.grantId),
  ]);
  return JSON.stringify({ keys, aliases, grants, grantsByKey, index });
}

/** SHA-256 over every key's material bytes: catches in-place mutation that `snapshot` cannot see. */
export function materialFingerprint(...stores: StateStore[]): string {
  const h = sha256.create();
  for (const store of stores) {
    for (const key of [...store.keys()].sort((a, b) => a.seq - b.seq)) {
      for (const material of key.materials) h.update(unsafeMaterialBytes(material));
    }
  }
  return Buffer.from(h.digest()).toString('hex');
}

export interface StateView {
  readonly snapshot: string;
  readonly material: string;
}

/**
 * Both views of the state at once, for before/after comparison: of one store, or of a whole
 * world (both accounts).
 */
export function stateOf(target: World | StateStore): StateView {
  if ('otherStore' in target) {
    return {
      snapshot: JSON.stringify({ [ACCOUNT]: snapshot(target.store), [OTHER_ACCOUNT]: snapshot(target.otherStore) }),
      material: materialFingerprint(target.store, target.otherStore),
    };
  }
  return { snapshot: snapshot(target), material: materialFingerprint(target) };
}
