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
}

export function newKeyRecord(ctx: OperationContext, fields: NewKeyFields): KeyRecord {
  const now = ctx.now();
  const entry = KEY_SPEC_REGISTRY[fields.keySpec]!;
  const material = new KeyMaterial(toHex(ctx.random.take(32)), ctx.random.take(entry.materialLength), now);
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
    tags: Object.freeze([...fields.tags]),
    materials: Object.freeze([material]),
    currentMaterialId: material.id,
  });
}
