/** Builds the AWS `KeyMetadata` view of a stored key. @module */
import { keyArn, type Scope } from '../keystore/identifiers.js';
import type { KeyRecord } from '../keystore/key-record.js';
import { KEY_SPEC_REGISTRY } from '../keystore/key-spec.js';
import type { CustomerMasterKeySpec, KeyMetadata } from '../types.js';

/** `owner` is the account the key belongs to, which is not the caller's for a key of another account. */
export function keyMetadata(owner: Scope, record: KeyRecord): KeyMetadata {
  const entry = KEY_SPEC_REGISTRY[record.keySpec]!;
  const metadata: KeyMetadata = {
    AWSAccountId: owner.accountId,
    KeyId: record.keyId,
    Arn: keyArn(owner, record.keyId),
    CreationDate: new Date(record.creationDate),
    Enabled: record.keyState === 'Enabled',
    Description: record.description,
    KeyUsage: record.keyUsage,
    KeyState: record.keyState,
    Origin: record.origin,
    KeyManager: record.keyManager,
    CustomerMasterKeySpec: record.keySpec as CustomerMasterKeySpec,
    KeySpec: record.keySpec,
    MultiRegion: false,
  };
  if (record.deletionDate) metadata.DeletionDate = new Date(record.deletionDate);
  if (record.keyUsage === 'ENCRYPT_DECRYPT') metadata.EncryptionAlgorithms = [...entry.encryptionAlgorithms];
  if (entry.mac) metadata.MacAlgorithms = [entry.mac.algorithm];
  if (entry.signing) metadata.SigningAlgorithms = entry.signing.algorithms.map((a) => a.algorithm);
  if (record.keySpec === 'SYMMETRIC_DEFAULT') metadata.CurrentKeyMaterialId = record.currentMaterialId;
  return metadata;
}
