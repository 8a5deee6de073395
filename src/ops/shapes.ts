/**
 * Request shapes of every operation, with the member constraints of the KMS API model
 * (botocore `kms/2014-11-01/service-2.json`). One frozen table, read by `validateRequest`.
 * @module
 */
import { pattern, type Rule, type Shape } from '../internal/validate.js';

const KEY_ID: Rule = { type: 'string', min: 1, max: 2048 };
const GRANT_TOKENS: Rule = { type: 'list', min: 0, max: 10, item: { type: 'string', min: 1, max: 8192 } };
const CONTEXT: Rule = { type: 'stringMap' };
const DRY_RUN: Rule = { type: 'boolean' };
const DRY_RUN_MODIFIERS: Rule = { type: 'list', item: { type: 'enum', values: ['IGNORE_CIPHERTEXT'] } };
const LIMIT: Rule = { type: 'integer', min: 1, max: 1000 };
const MARKER: Rule = { type: 'string', min: 1, max: 1024, pattern: pattern('[\\u0020-\\u00FF]*') };
const ALIAS_NAME: Rule = { type: 'string', min: 1, max: 256, pattern: pattern('^[a-zA-Z0-9:/_-]+$') };
const CIPHERTEXT: Rule = { type: 'blob', min: 1, max: 6144 };
const NUMBER_OF_BYTES: Rule = { type: 'integer', min: 1, max: 1024 };
const DATA_KEY_SPEC: Rule = { type: 'enum', values: ['AES_256', 'AES_128'] };
const CUSTOM_KEY_STORE_ID: Rule = { type: 'string', min: 1, max: 64 };
const ENCRYPTION_ALGORITHM: Rule = {
  type: 'enum',
  values: ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'],
};
const RECIPIENT: Rule = {
  type: 'structure',
  shape: [
    { name: 'KeyEncryptionAlgorithm', rule: { type: 'enum', values: ['RSAES_OAEP_SHA_256'] } },
    { name: 'AttestationDocument', rule: { type: 'blob', min: 1, max: 262144 } },
  ],
};

const KEY_SPECS = [
  'RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1',
  'SYMMETRIC_DEFAULT', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'SM2', 'ML_DSA_44', 'ML_DSA_65',
  'ML_DSA_87', 'ECC_NIST_EDWARDS25519',
] as const;

const SIGNING_ALGORITHM: Rule = {
  type: 'enum',
  values: [
    'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256',
    'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512', 'ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512',
    'SM2DSA', 'ML_DSA_SHAKE_256', 'ED25519_SHA_512', 'ED25519_PH_SHA_512',
  ],
};
const MESSAGE_TYPE: Rule = { type: 'enum', values: ['RAW', 'DIGEST', 'EXTERNAL_MU'] };
const DATA_KEY_PAIR_SPEC: Rule = {
  type: 'enum',
  values: ['RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2', 'ECC_NIST_EDWARDS25519'],
};
const MAC_ALGORITHM: Rule = { type: 'enum', values: ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] };

const keyOnly: Shape = [{ name: 'KeyId', required: true, rule: KEY_ID }];
const POLICY_NAME: Rule = { type: 'string', min: 1, max: 128, pattern: pattern('[\\w]+') };
const POLICY: Rule = { type: 'string', min: 1, max: 131072, pattern: pattern('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+') };
const PRINCIPAL_ID: Rule = { type: 'string', min: 1, max: 256, pattern: pattern('^[\\w+=,.@:/-]+$') };
const GRANT_ID: Rule = { type: 'string', min: 1, max: 128 };
const GRANT_TOKEN: Rule = { type: 'string', min: 1, max: 8192 };
const GRANT_OPERATIONS = [
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo', 'Sign',
  'Verify', 'GetPublicKey', 'CreateGrant', 'RetireGrant', 'DescribeKey', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret',
] as const;
const GRANT_CONSTRAINTS: Rule = {
  type: 'structure',
  shape: [
    { name: 'EncryptionContextSubset', rule: CONTEXT },
    { name: 'EncryptionContextEquals', rule: CONTEXT },
  ],
};

export const SHAPES = Object.freeze({
  CreateKey: [
    { name: 'Policy', rule: POLICY },
    { name: 'Description', rule: { type: 'string', min: 0, max: 8192 } },
    { name: 'KeyUsage', rule: { type: 'enum', values: ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'] } },
    { name: 'CustomerMasterKeySpec', rule: { type: 'enum', values: KEY_SPECS.slice(0, 13) } },
    { name: 'KeySpec', rule: { type: 'enum', values: KEY_SPECS } },
    { name: 'Origin', rule: { type: 'enum', values: ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] } },
    { name: 'CustomKeyStoreId', rule: CUSTOM_KEY_STORE_ID },
    { name: 'BypassPolicyLockoutSafetyCheck', rule: { type: 'boolean' } },
    { name: 'Tags', rule: { type: 'tags' } },
    { name: 'MultiRegion', rule: { type: 'boolean' } },
    { name: 'XksKeyId', rule: { type: 'string', min: 1, max: 128, pattern: pattern('^[a-zA-Z0-9-_.]+$') } },
  ],
  DescribeKey: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
  ],
  ListKeys: [
    { name: 'Limit', rule: LIMIT },
    { name: 'Marker', rule: MARKER },
  ],
  EnableKey: keyOnly,
  DisableKey: keyOnly,
  CancelKeyDeletion: keyOnly,
  ScheduleKeyDeletion: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    // The model now says 1..365, but the service still enforces the documented 7..30.
    { name: 'PendingWindowInDays', rule: { type: 'integer', min: 7, max: 30 } },
  ],
  UpdateKeyDescription: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'Description', required: true, rule: { type: 'string', min: 0, max: 8192 } },
  ],
  CreateAlias: [
    { name: 'AliasName', required: true, rule: ALIAS_NAME },
    { name: 'TargetKeyId', required: true, rule: KEY_ID },
  ],
  UpdateAlias: [
    { name: 'AliasName', required: true, rule: ALIAS_NAME },
    { name: 'TargetKeyId', required: true, rule: KEY_ID },
  ],
  DeleteAlias: [{ name: 'AliasName', required: true, rule: ALIAS_NAME }],
  ListAliases: [
    { name: 'KeyId', rule: KEY_ID },
    { name: 'Limit', rule: LIMIT },
    { name: 'Marker', rule: MARKER },
  ],
  TagResource: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'Tags', required: true, rule: { type: 'tags' } },
  ],
  UntagResource: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'TagKeys', required: true, rule: { type: 'list', item: { type: 'string', min: 1, max: 128 } } },
  ],
  ListResourceTags: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'Limit', rule: LIMIT },
    { name: 'Marker', rule: MARKER },
  ],
  Encrypt: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'Plaintext', required: true, rule: { type: 'blob', min: 1, max: 4096, sensitive: true } },
    { name: 'EncryptionContext', rule: CONTEXT },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'EncryptionAlgorithm', rule: ENCRYPTION_ALGORITHM },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  Decrypt: [
    { name: 'CiphertextBlob', rule: CIPHERTEXT },
    { name: 'EncryptionContext', rule: CONTEXT },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'KeyId', rule: KEY_ID },
    { name: 'EncryptionAlgorithm', rule: ENCRYPTION_ALGORITHM },
    { name: 'Recipient', rule: RECIPIENT },
    { name: 'DryRun', rule: DRY_RUN },
    { name: 'DryRunModifiers', rule: DRY_RUN_MODIFIERS },
  ],
  ReEncrypt: [
    { name: 'CiphertextBlob', rule: CIPHERTEXT },
    { name: 'SourceEncryptionContext', rule: CONTEXT },
    { name: 'SourceKeyId', rule: KEY_ID },
    { name: 'DestinationKeyId', required: true, rule: KEY_ID },
    { name: 'DestinationEncryptionContext', rule: CONTEXT },
    { name: 'SourceEncryptionAlgorithm', rule: ENCRYPTION_ALGORITHM },
    { name: 'DestinationEncryptionAlgorithm', rule: ENCRYPTION_ALGORITHM },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'DryRun', rule: DRY_RUN },
    { name: 'DryRunModifiers', rule: DRY_RUN_MODIFIERS },
  ],
  GenerateDataKey: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'EncryptionContext', rule: CONTEXT },
    { name: 'NumberOfBytes', rule: NUMBER_OF_BYTES },
    { name: 'KeySpec', rule: DATA_KEY_SPEC },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'Recipient', rule: RECIPIENT },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  GenerateDataKeyWithoutPlaintext: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'EncryptionContext', rule: CONTEXT },
    { name: 'KeySpec', rule: DATA_KEY_SPEC },
    { name: 'NumberOfBytes', rule: NUMBER_OF_BYTES },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  GenerateDataKeyPair: [
    { name: 'EncryptionContext', rule: CONTEXT },
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'KeyPairSpec', required: true, rule: DATA_KEY_PAIR_SPEC },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'Recipient', rule: RECIPIENT },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  GenerateDataKeyPairWithoutPlaintext: [
    { name: 'EncryptionContext', rule: CONTEXT },
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'KeyPairSpec', required: true, rule: DATA_KEY_PAIR_SPEC },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  GenerateRandom: [
    { name: 'NumberOfBytes', rule: NUMBER_OF_BYTES },
    { name: 'CustomKeyStoreId', rule: CUSTOM_KEY_STORE_ID },
    { name: 'Recipient', rule: RECIPIENT },
  ],
  GetKeyPolicy: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'PolicyName', rule: POLICY_NAME },
  ],
  PutKeyPolicy: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'PolicyName', rule: POLICY_NAME },
    { name: 'Policy', required: true, rule: POLICY },
    { name: 'BypassPolicyLockoutSafetyCheck', rule: { type: 'boolean' } },
  ],
  ListKeyPolicies: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'Limit', rule: LIMIT },
    { name: 'Marker', rule: MARKER },
  ],
  CreateGrant: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'GranteePrincipal', required: true, rule: PRINCIPAL_ID },
    { name: 'RetiringPrincipal', rule: PRINCIPAL_ID },
    { name: 'Operations', required: true, rule: { type: 'list', item: { type: 'enum', values: GRANT_OPERATIONS } } },
    { name: 'Constraints', rule: GRANT_CONSTRAINTS },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'Name', rule: { type: 'string', min: 1, max: 256, pattern: pattern('^[a-zA-Z0-9:/_-]+$') } },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  ListGrants: [
    { name: 'Limit', rule: LIMIT },
    { name: 'Marker', rule: MARKER },
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'GrantId', rule: GRANT_ID },
    { name: 'GranteePrincipal', rule: PRINCIPAL_ID },
  ],
  ListRetirableGrants: [
    { name: 'Limit', rule: LIMIT },
    { name: 'Marker', rule: MARKER },
    { name: 'RetiringPrincipal', required: true, rule: PRINCIPAL_ID },
  ],
  RetireGrant: [
    { name: 'GrantToken', rule: GRANT_TOKEN },
    { name: 'KeyId', rule: KEY_ID },
    { name: 'GrantId', rule: GRANT_ID },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  RevokeGrant: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'GrantId', required: true, rule: GRANT_ID },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  GenerateMac: [
    { name: 'Message', required: true, rule: { type: 'blob', min: 1, max: 4096, sensitive: true } },
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'MacAlgorithm', required: true, rule: MAC_ALGORITHM },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  VerifyMac: [
    { name: 'Message', required: true, rule: { type: 'blob', min: 1, max: 4096, sensitive: true } },
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'MacAlgorithm', required: true, rule: MAC_ALGORITHM },
    { name: 'Mac', required: true, rule: { type: 'blob', min: 1, max: 6144 } },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  Sign: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'Message', required: true, rule: { type: 'blob', min: 1, max: 4096, sensitive: true } },
    { name: 'MessageType', rule: MESSAGE_TYPE },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'SigningAlgorithm', required: true, rule: SIGNING_ALGORITHM },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  Verify: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'Message', required: true, rule: { type: 'blob', min: 1, max: 4096, sensitive: true } },
    { name: 'MessageType', rule: MESSAGE_TYPE },
    { name: 'Signature', required: true, rule: { type: 'blob', min: 1, max: 6144 } },
    { name: 'SigningAlgorithm', required: true, rule: SIGNING_ALGORITHM },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'DryRun', rule: DRY_RUN },
  ],
  GetPublicKey: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
  ],
  DeriveSharedSecret: [
    { name: 'KeyId', required: true, rule: KEY_ID },
    { name: 'KeyAgreementAlgorithm', required: true, rule: { type: 'enum', values: ['ECDH'] } },
    { name: 'PublicKey', required: true, rule: { type: 'blob', min: 1, max: 8192 } },
    { name: 'GrantTokens', rule: GRANT_TOKENS },
    { name: 'DryRun', rule: DRY_RUN },
    { name: 'Recipient', rule: RECIPIENT },
  ],
} satisfies Record<string, Shape>);
