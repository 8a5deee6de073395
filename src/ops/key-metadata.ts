/** Builds the AWS `KeyMetadata` view of a stored key. @module */
import { keyArn, type Scope } from '../keystore/identifiers.js';
import type { KeyRecord } from '../keystore/key-record.js';
import { KEY_SPEC_REGISTRY, type KeySpecEntry } from '../keystore/key-spec.js';
import type { CustomerMasterKeySpec, KeyMetadata, KeyUsageType } from '../types.js';

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
  Object.assign(metadata, algorithmsOf(entry, record.keyUsage));
  if (entry.mac) metadata.MacAlgorithms = [entry.mac.algorithm];
  if (record.keySpec === 'SYMMETRIC_DEFAULT') metadata.CurrentKeyMaterialId = record.currentMaterialId;
  return metadata;
}

/** The algorithm lists DescribeKey and GetPublicKey show: those of the key's usage only (an RSA signing key lists no encryption algorithms). */
export function algorithmsOf(
  entry: KeySpecEntry,
  usage: KeyUsageType,
): Pick<KeyMetadata, 'EncryptionAlgorithms' | 'SigningAlgorithms' | 'KeyAgreementAlgorithms'> {
  if (usage === 'ENCRYPT_DECRYPT') return { EncryptionAlgorithms: [...entry.encryptionAlgorithms] };
  if (usage === 'SIGN_VERIFY' && entry.signing) return { SigningAlgorithms: entry.signing.algorithms.map((a) => a.algorithm) };
  if (usage === 'KEY_AGREEMENT' && entry.keyAgreement) return { KeyAgreementAlgorithms: [...entry.keyAgreement.algorithms] };
  return {};
}
