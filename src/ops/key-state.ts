/**
 * Which key states each operation accepts, from the AWS key-state table ("Key states of AWS KMS
 * keys"), and the one gate every key-bound operation passes through.
 *
 * DisabledException is reserved for operations that need an enabled key; every other wrong state
 * is KMSInvalidStateException. Both carry AWS's message, naming the key ARN.
 * @module
 */
import { DisabledException, KMSInvalidStateException, type KmsError } from '../errors.js';
import type { KeyState } from '../types.js';

type Verdict = 'ok' | 'disabled' | 'pendingDeletion' | 'notPendingDeletion' | 'pendingImport' | 'unavailable' | 'creating' | 'updating';
type StateRule = Readonly<Record<KeyState, Verdict>>;

const rule = (overrides: Partial<Record<KeyState, Verdict>>): StateRule =>
  Object.freeze({
    Enabled: 'ok',
    Disabled: 'ok',
    PendingDeletion: 'pendingDeletion',
    PendingReplicaDeletion: 'pendingDeletion',
    PendingImport: 'ok',
    Unavailable: 'ok',
    Creating: 'ok',
    Updating: 'ok',
    ...overrides,
  });

const ANY_STATE = rule({ PendingDeletion: 'ok', PendingReplicaDeletion: 'ok' });
const CRYPTOGRAPHIC = rule({ Disabled: 'disabled', PendingImport: 'pendingImport', Unavailable: 'unavailable', Creating: 'creating' });
const ENABLE_DISABLE = rule({ PendingImport: 'pendingImport', Creating: 'creating', Updating: 'updating' });

export type KeyBoundOperation = keyof typeof KEY_STATE_RULES;

export const KEY_STATE_RULES = Object.freeze({
  DescribeKey: ANY_STATE,
  GetKeyPolicy: ANY_STATE,
  PutKeyPolicy: ANY_STATE,
  ListKeyPolicies: ANY_STATE,
  ListGrants: ANY_STATE,
  RetireGrant: ANY_STATE,
  RevokeGrant: ANY_STATE,
  CreateGrant: CRYPTOGRAPHIC,
  ListAliases: ANY_STATE,
  ListResourceTags: ANY_STATE,
  DeleteAlias: ANY_STATE,
  EnableKey: ENABLE_DISABLE,
  DisableKey: ENABLE_DISABLE,
  ScheduleKeyDeletion: rule({ Updating: 'updating' }),
  CancelKeyDeletion: rule({
    Enabled: 'notPendingDeletion',
    Disabled: 'notPendingDeletion',
    PendingDeletion: 'ok',
    PendingReplicaDeletion: 'ok',
    PendingImport: 'notPendingDeletion',
    Unavailable: 'notPendingDeletion',
    Creating: 'notPendingDeletion',
    Updating: 'notPendingDeletion',
  }),
  UpdateKeyDescription: rule({}),
  TagResource: rule({}),
  UntagResource: rule({}),
  CreateAlias: rule({}),
  /** The new target of UpdateAlias; the old target may be in any state. */
  UpdateAlias: rule({}),
  Encrypt: CRYPTOGRAPHIC,
  Decrypt: CRYPTOGRAPHIC,
  ReEncrypt: CRYPTOGRAPHIC,
  GenerateDataKey: CRYPTOGRAPHIC,
  GenerateDataKeyWithoutPlaintext: CRYPTOGRAPHIC,
  GenerateMac: CRYPTOGRAPHIC,
  Sign: CRYPTOGRAPHIC,
  Verify: CRYPTOGRAPHIC,
  GetPublicKey: CRYPTOGRAPHIC,
  VerifyMac: CRYPTOGRAPHIC,
  GenerateDataKeyPair: CRYPTOGRAPHIC,
  GenerateDataKeyPairWithoutPlaintext: CRYPTOGRAPHIC,
  DeriveSharedSecret: CRYPTOGRAPHIC,
} satisfies Record<string, StateRule>);

const MESSAGES: Readonly<Record<Exclude<Verdict, 'ok'>, (arn: string) => KmsError>> = Object.freeze({
  disabled: (arn) => new DisabledException(`${arn} is disabled.`),
  pendingDeletion: (arn) => new KMSInvalidStateException(`${arn} is pending deletion.`),
  notPendingDeletion: (arn) => new KMSInvalidStateException(`${arn} is not pending deletion.`),
  pendingImport: (arn) => new KMSInvalidStateException(`${arn} is pending import.`),
  unavailable: (arn) => new KMSInvalidStateException(`${arn} is unavailable.`),
  creating: (arn) => new KMSInvalidStateException(`${arn} is creating.`),
  updating: (arn) => new KMSInvalidStateException(`${arn} is updating.`),
});

/** @throws {@link DisabledException} or {@link KMSInvalidStateException} when `state` is not allowed. */
export function assertKeyState(operation: KeyBoundOperation, state: KeyState, arn: string): void {
  const verdict = KEY_STATE_RULES[operation][state];
  if (verdict !== 'ok') throw MESSAGES[verdict](arn);
}
