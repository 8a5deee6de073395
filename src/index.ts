/**
 * pocket-kms: AWS Key Management Service as a library, in your own process, in Node or a browser.
 *
 * ```ts
 * import { Kms } from 'pocket-kms';
 * const kms = new Kms();
 * const { KeyMetadata } = await kms.createKey();
 * const { Plaintext, CiphertextBlob } = await kms.generateDataKey({ KeyId: KeyMetadata!.KeyId, KeySpec: 'AES_256' });
 * ```
 * @module
 */
export { Kms, OPERATIONS, type OperationName } from './kms.js';
export { KmsPartition } from './partition.js';
export type { KmsOptions, KmsPartitionOptions, SharedOptions } from './options.js';
export type { RequestContext } from './auth/request-context.js';
export type { IdentityPolicies } from './auth/identity-policies.js';
export type { CompiledPolicy } from './policy/index.js';
export type { GrantConstraintsRecord, GrantRecord } from './grants/grant-record.js';
export * from './errors.js';
export type * from './types.js';
export {
  ALL_CAPABILITIES,
  AuthenticationError,
  DIGEST_LENGTH,
  HMAC_CAPABILITY,
  SIGNING_CAPABILITY,
  UnsupportedCapabilityError,
  requireCapabilities,
  type Capability,
  type CryptoProvider,
  type DigestHash,
  type HmacHash,
  type SignatureInput,
  type SigningCurve,
} from './crypto/provider.js';
export { nobleProvider } from './crypto/noble.js';
export { detectWebCryptoEd25519, webCryptoProvider, type WebCryptoProviderOptions } from './crypto/webcrypto.js';
export { InMemoryStateStore, type GrantRef, type StateChange, type StateStore } from './keystore/state-store.js';
export type { AliasRecord, KeyRecord, StoredTag } from './keystore/key-record.js';
export { KeyMaterial } from './keystore/key-material.js';
