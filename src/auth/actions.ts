/**
 * How each operation is authorized, from the KMS API reference ("Required permissions",
 * "Cross-account use") and the grant-operation list: one frozen table instead of checks scattered
 * through the operations.
 * @module
 */
import type { GrantOperation } from '../types.js';

export interface KeyActionRule {
  /** The permission a policy must allow, e.g. `kms:Encrypt`. */
  readonly action: string;
  /** Whether a caller of another account may name the key (by ARN). */
  readonly crossAccount: boolean;
  /** The grant operation that can allow it, when a grant can. */
  readonly grant?: GrantOperation;
}

const rule = (name: string, crossAccount: boolean, grant?: GrantOperation): KeyActionRule =>
  Object.freeze({ action: `kms:${name}`, crossAccount, ...(grant && { grant }) });

/** Actions on a KMS key: the key policy must take part. */
export const KEY_ACTIONS = Object.freeze({
  DescribeKey: rule('DescribeKey', true, 'DescribeKey'),
  EnableKey: rule('EnableKey', false),
  DisableKey: rule('DisableKey', false),
  ScheduleKeyDeletion: rule('ScheduleKeyDeletion', false),
  CancelKeyDeletion: rule('CancelKeyDeletion', false),
  UpdateKeyDescription: rule('UpdateKeyDescription', false),
  CreateAlias: rule('CreateAlias', false),
  UpdateAlias: rule('UpdateAlias', false),
  DeleteAlias: rule('DeleteAlias', false),
  TagResource: rule('TagResource', false),
  UntagResource: rule('UntagResource', false),
  ListResourceTags: rule('ListResourceTags', false),
  Encrypt: rule('Encrypt', true, 'Encrypt'),
  Decrypt: rule('Decrypt', true, 'Decrypt'),
  ReEncryptFrom: rule('ReEncryptFrom', true, 'ReEncryptFrom'),
  ReEncryptTo: rule('ReEncryptTo', true, 'ReEncryptTo'),
  GenerateDataKey: rule('GenerateDataKey', true, 'GenerateDataKey'),
  GenerateDataKeyWithoutPlaintext: rule('GenerateDataKeyWithoutPlaintext', true, 'GenerateDataKeyWithoutPlaintext'),
  GenerateMac: rule('GenerateMac', true, 'GenerateMac'),
  Sign: rule('Sign', true, 'Sign'),
  Verify: rule('Verify', true, 'Verify'),
  GetPublicKey: rule('GetPublicKey', true, 'GetPublicKey'),
  VerifyMac: rule('VerifyMac', true, 'VerifyMac'),
  GenerateDataKeyPair: rule('GenerateDataKeyPair', true, 'GenerateDataKeyPair'),
  GenerateDataKeyPairWithoutPlaintext: rule('GenerateDataKeyPairWithoutPlaintext', true, 'GenerateDataKeyPairWithoutPlaintext'),
  DeriveSharedSecret: rule('DeriveSharedSecret', true, 'DeriveSharedSecret'),
  GetKeyPolicy: rule('GetKeyPolicy', false),
  PutKeyPolicy: rule('PutKeyPolicy', false),
  ListKeyPolicies: rule('ListKeyPolicies', false),
  CreateGrant: rule('CreateGrant', true, 'CreateGrant'),
  ListGrants: rule('ListGrants', true),
  RevokeGrant: rule('RevokeGrant', true),
} satisfies Record<string, KeyActionRule>);

export type KeyAction = keyof typeof KEY_ACTIONS;

/** Actions IAM alone authorizes: no key policy is involved. */
export const IAM_ACTIONS = Object.freeze({
  CreateKey: 'kms:CreateKey',
  ListKeys: 'kms:ListKeys',
  ListAliases: 'kms:ListAliases',
  GenerateRandom: 'kms:GenerateRandom',
  ListRetirableGrants: 'kms:ListRetirableGrants',
  /** CreateKey with Tags also needs this, from IAM. */
  TagResource: 'kms:TagResource',
  /** The alias half of CreateAlias, UpdateAlias and DeleteAlias. */
  CreateAlias: 'kms:CreateAlias',
  UpdateAlias: 'kms:UpdateAlias',
  DeleteAlias: 'kms:DeleteAlias',
  RetireGrant: 'kms:RetireGrant',
});

export type IamAction = keyof typeof IAM_ACTIONS;
