/** A new key record with fresh material: shared by CreateKey and AWS managed keys. @module */
import { toHex } from '../crypto/bytes.js';
import { newKeyId } from '../internal/ids.js';
import { KeyMaterial } from '../keystore/key-material.js';
import type { KeyRecord, StoredTag } from '../keystore/key-record.js';
import { KEY_SPEC_REGISTRY } from '../keystore/key-spec.js';
import type { CompiledPolicy } from '../policy/index.js';
import type { KeyManagerType, KeySpec, KeyUsageType } from '../types.js';
import type { OperationContext } from './context.js';

export interface NewKeyFields {
  readonly description: string;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsageType;
  readonly keyManager: KeyManagerType;
  readonly policy: CompiledPolicy;
  readonly tags: readonly StoredTag[];
  /** An asymmetric key pair made by the provider; symmetric and HMAC keys get random material. */
  readonly keyPair?: { readonly privateKey: Uint8Array; readonly publicKey: Uint8Array };
}

export function newKeyRecord(ctx: OperationContext, fields: NewKeyFields): KeyRecord {
  const now = ctx.now();
  const entry = KEY_SPEC_REGISTRY[fields.keySpec]!;
  const bytes = fields.keyPair?.privateKey ?? ctx.random.take(entry.materialLength);
  const material = new KeyMaterial(toHex(ctx.random.take(32)), bytes, now);
  return Object.freeze({
    keyId: newKeyId(ctx.random),
    seq: ctx.nextKeySeq(),
    creationDate: now,
    description: fields.description,
    keySpec: fields.keySpec,
    keyUsage: fields.keyUsage,
    origin: 'AWS_KMS',
    keyManager: fields.keyManager,
    keyState: 'Enabled',
    policy: fields.policy,
    ...(fields.keyPair && { publicKey: fields.keyPair.publicKey.slice() }),
    tags: Object.freeze([...fields.tags]),
    materials: Object.freeze([material]),
    currentMaterialId: material.id,
  });
}
