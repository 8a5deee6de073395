/**
 * Request and response shapes of the KMS operations, member for member as in `@aws-sdk/client-kms`
 * (PascalCase members, `Uint8Array` blobs, `Date` timestamps). They are written here rather than
 * imported so that the core has no runtime or type dependency on the AWS SDK.
 * @module
 */

export type KeySpec =
  | 'SYMMETRIC_DEFAULT'
  | 'RSA_2048'
  | 'RSA_3072'
  | 'RSA_4096'
  | 'ECC_NIST_P256'
  | 'ECC_NIST_P384'
  | 'ECC_NIST_P521'
  | 'ECC_SECG_P256K1'
  | 'ECC_NIST_EDWARDS25519'
  | 'HMAC_224'
  | 'HMAC_256'
  | 'HMAC_384'
  | 'HMAC_512'
  | 'SM2'
  | 'ML_DSA_44'
  | 'ML_DSA_65'
  | 'ML_DSA_87';
export type CustomerMasterKeySpec = Exclude<KeySpec, 'ECC_NIST_EDWARDS25519' | 'ML_DSA_44' | 'ML_DSA_65' | 'ML_DSA_87'>;
export type KeyUsageType = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';
export type KeyState =
  | 'Creating'
  | 'Enabled'
  | 'Disabled'
  | 'PendingDeletion'
  | 'PendingImport'
  | 'PendingReplicaDeletion'
  | 'Unavailable'
  | 'Updating';
export type OriginType = 'AWS_KMS' | 'EXTERNAL' | 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
export type KeyManagerType = 'AWS' | 'CUSTOMER';
export type EncryptionAlgorithmSpec = 'SYMMETRIC_DEFAULT' | 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'SM2PKE';
export type SigningAlgorithmSpec =
  | 'RSASSA_PSS_SHA_256'
  | 'RSASSA_PSS_SHA_384'
  | 'RSASSA_PSS_SHA_512'
  | 'RSASSA_PKCS1_V1_5_SHA_256'
  | 'RSASSA_PKCS1_V1_5_SHA_384'
  | 'RSASSA_PKCS1_V1_5_SHA_512'
  | 'ECDSA_SHA_256'
  | 'ECDSA_SHA_384'
  | 'ECDSA_SHA_512'
  | 'SM2DSA'
  | 'ML_DSA_SHAKE_256'
  | 'ED25519_SHA_512'
  | 'ED25519_PH_SHA_512';
export type MacAlgorithmSpec = 'HMAC_SHA_224' | 'HMAC_SHA_256' | 'HMAC_SHA_384' | 'HMAC_SHA_512';
export type KeyAgreementAlgorithmSpec = 'ECDH';
export type DataKeySpec = 'AES_256' | 'AES_128';
export type DryRunModifierType = 'IGNORE_CIPHERTEXT';
export type KeyEncryptionMechanism = 'RSAES_OAEP_SHA_256';

/** Non-secret string pairs bound to a ciphertext as additional authenticated data. */
export type EncryptionContext = Record<string, string>;

export interface Tag {
  TagKey: string | undefined;
  TagValue: string | undefined;
}

export interface RecipientInfo {
  KeyEncryptionAlgorithm?: KeyEncryptionMechanism | undefined;
  AttestationDocument?: Uint8Array | undefined;
}

export interface MultiRegionKey {
  Arn?: string;
  Region?: string;
}

export interface MultiRegionConfiguration {
  MultiRegionKeyType?: 'PRIMARY' | 'REPLICA';
  PrimaryKey?: MultiRegionKey;
  ReplicaKeys?: MultiRegionKey[];
}

export interface KeyMetadata {
  AWSAccountId?: string;
  KeyId: string | undefined;
  Arn?: string;
  CreationDate?: Date;
  Enabled?: boolean;
  Description?: string;
  KeyUsage?: KeyUsageType;
  KeyState?: KeyState;
  DeletionDate?: Date;
  ValidTo?: Date;
  Origin?: OriginType;
  CustomKeyStoreId?: string;
  KeyManager?: KeyManagerType;
  CustomerMasterKeySpec?: CustomerMasterKeySpec;
  KeySpec?: KeySpec;
  EncryptionAlgorithms?: EncryptionAlgorithmSpec[];
  SigningAlgorithms?: SigningAlgorithmSpec[];
  MacAlgorithms?: MacAlgorithmSpec[];
  KeyAgreementAlgorithms?: KeyAgreementAlgorithmSpec[];
  MultiRegion?: boolean;
  MultiRegionConfiguration?: MultiRegionConfiguration;
  PendingDeletionWindowInDays?: number;
  CurrentKeyMaterialId?: string;
}

export interface KeyListEntry {
  KeyId?: string;
  KeyArn?: string;
}

export interface AliasListEntry {
  AliasName?: string;
  AliasArn?: string;
  TargetKeyId?: string;
  CreationDate?: Date;
  LastUpdatedDate?: Date;
}

/** Members shared by every paginated list request. */
interface Paged {
  Limit?: number | undefined;
  Marker?: string | undefined;
}
/** Members shared by every paginated list response. */
interface PagedOutput {
  NextMarker?: string;
  Truncated?: boolean;
}

// ---- Key lifecycle ----------------------------------------------------------------------------

export interface CreateKeyRequest {
  Policy?: string | undefined;
  Description?: string | undefined;
  KeyUsage?: KeyUsageType | undefined;
  CustomerMasterKeySpec?: CustomerMasterKeySpec | undefined;
  KeySpec?: KeySpec | undefined;
  Origin?: OriginType | undefined;
  CustomKeyStoreId?: string | undefined;
  BypassPolicyLockoutSafetyCheck?: boolean | undefined;
  Tags?: Tag[] | undefined;
  MultiRegion?: boolean | undefined;
  XksKeyId?: string | undefined;
}
export interface CreateKeyResponse {
  KeyMetadata?: KeyMetadata;
}

export interface DescribeKeyRequest {
  KeyId: string | undefined;
  GrantTokens?: string[] | undefined;
}
export interface DescribeKeyResponse {
  KeyMetadata?: KeyMetadata;
}

export interface ListKeysRequest extends Paged {}
export interface ListKeysResponse extends PagedOutput {
  Keys?: KeyListEntry[];
}

export interface KeyIdRequest {
  KeyId: string | undefined;
}
export type EnableKeyRequest = KeyIdRequest;
export type DisableKeyRequest = KeyIdRequest;
export type CancelKeyDeletionRequest = KeyIdRequest;

export interface ScheduleKeyDeletionRequest {
  KeyId: string | undefined;
  PendingWindowInDays?: number | undefined;
}
export interface ScheduleKeyDeletionResponse {
  KeyId?: string;
  DeletionDate?: Date;
  KeyState?: KeyState;
  PendingWindowInDays?: number;
}
export interface CancelKeyDeletionResponse {
  KeyId?: string;
}

export interface UpdateKeyDescriptionRequest {
  KeyId: string | undefined;
  Description: string | undefined;
}

// ---- Aliases --------------------------------------------------------------------------------

export interface CreateAliasRequest {
  AliasName: string | undefined;
  TargetKeyId: string | undefined;
}
export type UpdateAliasRequest = CreateAliasRequest;
export interface DeleteAliasRequest {
  AliasName: string | undefined;
}
export interface ListAliasesRequest extends Paged {
  KeyId?: string | undefined;
}
export interface ListAliasesResponse extends PagedOutput {
  Aliases?: AliasListEntry[];
}

// ---- Tags -----------------------------------------------------------------------------------

export interface TagResourceRequest {
  KeyId: string | undefined;
  Tags: Tag[] | undefined;
}
export interface UntagResourceRequest {
  KeyId: string | undefined;
  TagKeys: string[] | undefined;
}
export interface ListResourceTagsRequest extends Paged {
  KeyId: string | undefined;
}
export interface ListResourceTagsResponse extends PagedOutput {
  Tags?: Tag[];
}

// ---- Cryptographic operations ---------------------------------------------------------------

export interface EncryptRequest {
  KeyId: string | undefined;
  Plaintext: Uint8Array | undefined;
  EncryptionContext?: EncryptionContext | undefined;
  GrantTokens?: string[] | undefined;
  EncryptionAlgorithm?: EncryptionAlgorithmSpec | undefined;
  DryRun?: boolean | undefined;
}
export interface EncryptResponse {
  CiphertextBlob?: Uint8Array;
  KeyId?: string;
  EncryptionAlgorithm?: EncryptionAlgorithmSpec;
}

export interface DecryptRequest {
  CiphertextBlob?: Uint8Array | undefined;
  EncryptionContext?: EncryptionContext | undefined;
  GrantTokens?: string[] | undefined;
  KeyId?: string | undefined;
  EncryptionAlgorithm?: EncryptionAlgorithmSpec | undefined;
  Recipient?: RecipientInfo | undefined;
  DryRun?: boolean | undefined;
  DryRunModifiers?: DryRunModifierType[] | undefined;
}
export interface DecryptResponse {
  KeyId?: string;
  Plaintext?: Uint8Array;
  EncryptionAlgorithm?: EncryptionAlgorithmSpec;
  CiphertextForRecipient?: Uint8Array;
  KeyMaterialId?: string;
}

export interface ReEncryptRequest {
  CiphertextBlob?: Uint8Array | undefined;
  SourceEncryptionContext?: EncryptionContext | undefined;
  SourceKeyId?: string | undefined;
  DestinationKeyId: string | undefined;
  DestinationEncryptionContext?: EncryptionContext | undefined;
  SourceEncryptionAlgorithm?: EncryptionAlgorithmSpec | undefined;
  DestinationEncryptionAlgorithm?: EncryptionAlgorithmSpec | undefined;
  GrantTokens?: string[] | undefined;
  DryRun?: boolean | undefined;
  DryRunModifiers?: DryRunModifierType[] | undefined;
}
export interface ReEncryptResponse {
  CiphertextBlob?: Uint8Array;
  SourceKeyId?: string;
  KeyId?: string;
  SourceEncryptionAlgorithm?: EncryptionAlgorithmSpec;
  DestinationEncryptionAlgorithm?: EncryptionAlgorithmSpec;
  SourceKeyMaterialId?: string;
  DestinationKeyMaterialId?: string;
}

export interface GenerateDataKeyRequest {
  KeyId: string | undefined;
  EncryptionContext?: EncryptionContext | undefined;
  NumberOfBytes?: number | undefined;
  KeySpec?: DataKeySpec | undefined;
  GrantTokens?: string[] | undefined;
  Recipient?: RecipientInfo | undefined;
  DryRun?: boolean | undefined;
}
export interface GenerateDataKeyResponse {
  CiphertextBlob?: Uint8Array;
  Plaintext?: Uint8Array;
  KeyId?: string;
  CiphertextForRecipient?: Uint8Array;
  KeyMaterialId?: string;
}

export interface GenerateDataKeyWithoutPlaintextRequest {
  KeyId: string | undefined;
  EncryptionContext?: EncryptionContext | undefined;
  KeySpec?: DataKeySpec | undefined;
  NumberOfBytes?: number | undefined;
  GrantTokens?: string[] | undefined;
  DryRun?: boolean | undefined;
}
export interface GenerateDataKeyWithoutPlaintextResponse {
  CiphertextBlob?: Uint8Array;
  KeyId?: string;
  KeyMaterialId?: string;
}

export interface GenerateRandomRequest {
  NumberOfBytes?: number | undefined;
  CustomKeyStoreId?: string | undefined;
  Recipient?: RecipientInfo | undefined;
}
export interface GenerateRandomResponse {
  Plaintext?: Uint8Array;
  CiphertextForRecipient?: Uint8Array;
}

/** The output of operations that AWS answers with an empty JSON object. */
export type EmptyResponse = Record<string, never>;

// ---- Key policies -----------------------------------------------------------------------------

export interface GetKeyPolicyRequest {
  KeyId: string | undefined;
  PolicyName?: string | undefined;
}
export interface GetKeyPolicyResponse {
  Policy?: string;
  PolicyName?: string;
}
export interface PutKeyPolicyRequest {
  KeyId: string | undefined;
  PolicyName?: string | undefined;
  Policy: string | undefined;
  BypassPolicyLockoutSafetyCheck?: boolean | undefined;
}
export interface ListKeyPoliciesRequest extends Paged {
  KeyId: string | undefined;
}
export interface ListKeyPoliciesResponse extends PagedOutput {
  PolicyNames?: string[];
}

// ---- Grants -----------------------------------------------------------------------------------

export type GrantOperation =
  | 'Decrypt'
  | 'Encrypt'
  | 'GenerateDataKey'
  | 'GenerateDataKeyWithoutPlaintext'
  | 'ReEncryptFrom'
  | 'ReEncryptTo'
  | 'Sign'
  | 'Verify'
  | 'GetPublicKey'
  | 'CreateGrant'
  | 'RetireGrant'
  | 'DescribeKey'
  | 'GenerateDataKeyPair'
  | 'GenerateDataKeyPairWithoutPlaintext'
  | 'GenerateMac'
  | 'VerifyMac'
  | 'DeriveSharedSecret';

export interface GrantConstraints {
  EncryptionContextSubset?: EncryptionContext | undefined;
  EncryptionContextEquals?: EncryptionContext | undefined;
}

export interface GrantListEntry {
  KeyId?: string;
  GrantId?: string;
  Name?: string;
  CreationDate?: Date;
  GranteePrincipal?: string;
  RetiringPrincipal?: string;
  IssuingAccount?: string;
  Operations?: GrantOperation[];
  Constraints?: GrantConstraints;
}

export interface CreateGrantRequest {
  KeyId: string | undefined;
  GranteePrincipal: string | undefined;
  RetiringPrincipal?: string | undefined;
  Operations: GrantOperation[] | undefined;
  Constraints?: GrantConstraints | undefined;
  GrantTokens?: string[] | undefined;
  Name?: string | undefined;
  DryRun?: boolean | undefined;
}
export interface CreateGrantResponse {
  GrantToken?: string;
  GrantId?: string;
}
export interface ListGrantsRequest extends Paged {
  KeyId: string | undefined;
  GrantId?: string | undefined;
  GranteePrincipal?: string | undefined;
}
export interface ListGrantsResponse extends PagedOutput {
  Grants?: GrantListEntry[];
}
export interface ListRetirableGrantsRequest extends Paged {
  RetiringPrincipal: string | undefined;
}
export type ListRetirableGrantsResponse = ListGrantsResponse;
export interface RetireGrantRequest {
  GrantToken?: string | undefined;
  KeyId?: string | undefined;
  GrantId?: string | undefined;
  DryRun?: boolean | undefined;
}
export interface RevokeGrantRequest {
  KeyId: string | undefined;
  GrantId: string | undefined;
  DryRun?: boolean | undefined;
}

// ---- HMAC ----------------------------------------------------------------------------------------

export interface GenerateMacRequest {
  Message: Uint8Array | undefined;
  KeyId: string | undefined;
  MacAlgorithm: MacAlgorithmSpec | undefined;
  GrantTokens?: string[] | undefined;
  DryRun?: boolean | undefined;
}
export interface GenerateMacResponse {
  Mac?: Uint8Array;
  MacAlgorithm?: MacAlgorithmSpec;
  KeyId?: string;
}
export interface VerifyMacRequest {
  Message: Uint8Array | undefined;
  KeyId: string | undefined;
  MacAlgorithm: MacAlgorithmSpec | undefined;
  Mac: Uint8Array | undefined;
  GrantTokens?: string[] | undefined;
  DryRun?: boolean | undefined;
}
export interface VerifyMacResponse {
  KeyId?: string;
  MacValid?: boolean;
  MacAlgorithm?: MacAlgorithmSpec;
}

// ---- Signing ----------------------------------------------------------------------------------

export type MessageType = 'RAW' | 'DIGEST' | 'EXTERNAL_MU';

export interface SignRequest {
  KeyId: string | undefined;
  Message: Uint8Array | undefined;
  MessageType?: MessageType | undefined;
  GrantTokens?: string[] | undefined;
  SigningAlgorithm: SigningAlgorithmSpec | undefined;
  DryRun?: boolean | undefined;
}
export interface SignResponse {
  KeyId?: string;
  Signature?: Uint8Array;
  SigningAlgorithm?: SigningAlgorithmSpec;
}
export interface VerifyRequest {
  KeyId: string | undefined;
  Message: Uint8Array | undefined;
  MessageType?: MessageType | undefined;
  Signature: Uint8Array | undefined;
  SigningAlgorithm: SigningAlgorithmSpec | undefined;
  GrantTokens?: string[] | undefined;
  DryRun?: boolean | undefined;
}
export interface VerifyResponse {
  KeyId?: string;
  SignatureValid?: boolean;
  SigningAlgorithm?: SigningAlgorithmSpec;
}
export interface GetPublicKeyRequest {
  KeyId: string | undefined;
  GrantTokens?: string[] | undefined;
}
export interface GetPublicKeyResponse {
  KeyId?: string;
  PublicKey?: Uint8Array;
  CustomerMasterKeySpec?: CustomerMasterKeySpec;
  KeySpec?: KeySpec;
  KeyUsage?: KeyUsageType;
  EncryptionAlgorithms?: EncryptionAlgorithmSpec[];
  SigningAlgorithms?: SigningAlgorithmSpec[];
  KeyAgreementAlgorithms?: KeyAgreementAlgorithmSpec[];
}

/** The key pairs GenerateDataKeyPair makes: the asymmetric key specs but ML-DSA. */
export type DataKeyPairSpec = Exclude<KeySpec, 'SYMMETRIC_DEFAULT' | 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512' | 'ML_DSA_44' | 'ML_DSA_65' | 'ML_DSA_87'>;

export interface GenerateDataKeyPairRequest {
  EncryptionContext?: EncryptionContext | undefined;
  KeyId: string | undefined;
  KeyPairSpec: DataKeyPairSpec | undefined;
  GrantTokens?: string[] | undefined;
  Recipient?: RecipientInfo | undefined;
  DryRun?: boolean | undefined;
}

export interface GenerateDataKeyPairResponse {
  PrivateKeyCiphertextBlob?: Uint8Array | undefined;
  PrivateKeyPlaintext?: Uint8Array | undefined;
  PublicKey?: Uint8Array | undefined;
  KeyId?: string | undefined;
  KeyPairSpec?: DataKeyPairSpec | undefined;
  KeyMaterialId?: string | undefined;
}

export interface GenerateDataKeyPairWithoutPlaintextRequest {
  EncryptionContext?: EncryptionContext | undefined;
  KeyId: string | undefined;
  KeyPairSpec: DataKeyPairSpec | undefined;
  GrantTokens?: string[] | undefined;
  DryRun?: boolean | undefined;
}

export type GenerateDataKeyPairWithoutPlaintextResponse = Omit<GenerateDataKeyPairResponse, 'PrivateKeyPlaintext'>;

export interface DeriveSharedSecretRequest {
  KeyId: string | undefined;
  KeyAgreementAlgorithm: KeyAgreementAlgorithmSpec | undefined;
  PublicKey: Uint8Array | undefined;
  GrantTokens?: string[] | undefined;
  DryRun?: boolean | undefined;
  Recipient?: RecipientInfo | undefined;
}

export interface DeriveSharedSecretResponse {
  KeyId?: string;
  SharedSecret?: Uint8Array;
  KeyAgreementAlgorithm?: KeyAgreementAlgorithmSpec;
  KeyOrigin?: OriginType;
}
