/**
 * The stored state of one KMS key. Records are immutable: an operation builds a new record and
 * commits it, so a failing operation cannot leave a half-updated key behind.
 * @module
 */
import type { CompiledPolicy } from '../policy/index.js';
import type { KeyManagerType, KeySpec, KeyState, KeyUsageType, OriginType } from '../types.js';
import type { KeyMaterial } from './key-material.js';

export interface StoredTag {
  readonly TagKey: string;
  readonly TagValue: string;
}

export interface KeyRecord {
  readonly keyId: string;
  /** Creation sequence number: orders ListKeys and anchors its pagination markers. */
  readonly seq: number;
  readonly creationDate: Date;
  readonly description: string;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsageType;
  readonly origin: OriginType;
  readonly keyManager: KeyManagerType;
  readonly keyState: KeyState;
  readonly deletionDate?: Date;
  /** The key policy, compiled when it was set; `policy.document` is the text as given. */
  readonly policy: CompiledPolicy;
  readonly tags: readonly StoredTag[];
  /** An asymmetric key's public key, DER SubjectPublicKeyInfo (not secret; its private half is the material). */
  readonly publicKey?: Uint8Array;
  /** Every version of key material; `currentMaterialId` names the one new ciphertexts use. */
  readonly materials: readonly KeyMaterial[];
  readonly currentMaterialId: string;
}

export interface AliasRecord {
  readonly aliasName: string;
  readonly targetKeyId: string;
  readonly creationDate: Date;
  readonly lastUpdatedDate: Date;
}

/** Returns a frozen copy of `record` with `changes` applied. */
export function updateRecord(record: KeyRecord, changes: Partial<KeyRecord>): KeyRecord {
  return Object.freeze({ ...record, ...changes });
}

export function currentMaterial(record: KeyRecord): KeyMaterial {
  for (const material of record.materials) if (material.id === record.currentMaterialId) return material;
  throw new Error(`key ${record.keyId} has no material ${record.currentMaterialId}`);
}

/** The material whose id a ciphertext header carries, as bytes. */
export function findMaterial(record: KeyRecord, materialId: Uint8Array): KeyMaterial | undefined {
  for (const material of record.materials) if (material.hasId(materialId)) return material;
  return undefined;
}
