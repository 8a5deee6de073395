/**
 * Key lifecycle: CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey, ScheduleKeyDeletion,
 * CancelKeyDeletion, UpdateKeyDescription.
 * @module
 */
import { authorizeIam } from '../auth/authorize.js';
import { UnsupportedOperationException, ValidationException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import { keyArn } from '../keystore/identifiers.js';
import { type KeyRecord, updateRecord } from '../keystore/key-record.js';
import { capabilitiesFor, KEY_SPEC_REGISTRY } from '../keystore/key-spec.js';
import type {
  CancelKeyDeletionRequest,
  CancelKeyDeletionResponse,
  CreateKeyRequest,
  CreateKeyResponse,
  DescribeKeyRequest,
  DescribeKeyResponse,
  DisableKeyRequest,
  EmptyResponse,
  EnableKeyRequest,
  KeyState,
  ListKeysRequest,
  ListKeysResponse,
  ScheduleKeyDeletionRequest,
  ScheduleKeyDeletionResponse,
  UpdateKeyDescriptionRequest,
} from '../types.js';
import { accessKey } from './access.js';
import { assertProviderCan } from './capabilities.js';
import type { OperationContext } from './context.js';
import { grantIdsOf } from './grant-tokens.js';
import { keyMetadata } from './key-metadata.js';
import { generateKeyPair } from './key-pairs.js';
import { assertKeyState } from './key-state.js';
import { assertNoLockout, bypassFacts, compileKeyPolicy } from './key-policy-rules.js';
import { newKeyRecord } from './new-key.js';
import { paginate } from './paginate.js';
import { ANY_KEY_FORM, KEY_ID_OR_ARN, purgeExpiredKeys } from './resolve.js';
import { rejectCustomKeyStore } from './refusals.js';
import { SHAPES } from './shapes.js';
import { mergeTags } from './tag-rules.js';

const DAY_MS = 86_400_000;

export async function createKey(ctx: OperationContext, input: CreateKeyRequest | undefined): Promise<CreateKeyResponse> {
  const request = validateRequest<CreateKeyRequest>(input, SHAPES.CreateKey);
  if (request.KeySpec !== undefined && request.CustomerMasterKeySpec !== undefined) {
    throw new ValidationException('You cannot specify both KeySpec and CustomerMasterKeySpec. Use KeySpec; CustomerMasterKeySpec is deprecated.');
  }
  const spec = request.KeySpec ?? request.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  const tags = request.Tags ?? [];
  const facts = {
    requestTags: tags,
    values: {
      'kms:keyspec': spec,
      'kms:customermasterkeyspec': spec,
      'kms:keyusage': request.KeyUsage ?? (spec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : undefined),
      'kms:keyorigin': request.Origin ?? 'AWS_KMS',
      'kms:multiregion': String(request.MultiRegion ?? false),
      ...bypassFacts(request.BypassPolicyLockoutSafetyCheck),
    },
  };
  authorizeIam(ctx, 'CreateKey', '*', facts);
  if (tags.length > 0) authorizeIam(ctx, 'TagResource', '*', facts);
  if (spec !== 'SYMMETRIC_DEFAULT' && request.KeyUsage === undefined) {
    throw new ValidationException('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  }
  const entry = KEY_SPEC_REGISTRY[spec];
  if (!entry) throw sm2Refusal(ctx);
  const usage = request.KeyUsage ?? entry.keyUsages[0]!;
  if (!entry.keyUsages.includes(usage)) throw new ValidationException(`KeyUsage ${usage} is not compatible with KeySpec ${spec}`);
  checkOrigin(request);
  if (request.MultiRegion) throw new UnsupportedOperationException('Multi-Region keys are not supported by pocket-kms yet.');
  const policy = request.Policy === undefined ? ctx.defaultPolicy() : compileKeyPolicy(request.Policy, ctx.partition);
  const merged = mergeTags([], tags);
  assertProviderCan(ctx, capabilitiesFor(entry, usage)!, `KeySpec ${spec}`);

  // The slow step, last: a key pair only once every check has passed.
  const keyPair = entry.keyPair ? await generateKeyPair(ctx, entry.keyPair) : undefined;
  const record = newKeyRecord(ctx, {
    ...(keyPair && { keyPair }),
    description: request.Description ?? '',
    keySpec: spec,
    keyUsage: usage,
    keyManager: 'CUSTOMER',
    policy,
    tags: merged,
  });
  if (request.Policy !== undefined && request.BypassPolicyLockoutSafetyCheck !== true) {
    assertNoLockout(ctx, { owner: ctx, record, arn: keyArn(ctx, record.keyId) }, request.BypassPolicyLockoutSafetyCheck);
  }
  ctx.store.commit({ putKeys: [record] });
  return { KeyMetadata: keyMetadata(ctx, record) };
}

/**
 * SM2 is the one key spec not in the registry. AWS offers it only in its China Regions; there it
 * would need an SM2 implementation, and none of the audited libraries pocket-kms builds on has one.
 */
function sm2Refusal(ctx: OperationContext): UnsupportedOperationException {
  if (ctx.partition === 'aws-cn') {
    return new UnsupportedOperationException('KeySpec SM2 is not supported by pocket-kms: no audited SM2 implementation is available to it.');
  }
  return new UnsupportedOperationException('KeySpec SM2 is not supported in this Region');
}

function checkOrigin(request: CreateKeyRequest): void {
  const origin = request.Origin ?? 'AWS_KMS';
  if (request.XksKeyId !== undefined && origin !== 'EXTERNAL_KEY_STORE') {
    throw new ValidationException('XksKeyId can be specified only when Origin is EXTERNAL_KEY_STORE.');
  }
  rejectCustomKeyStore(request.CustomKeyStoreId);
  if (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE') {
    throw new ValidationException(`A CustomKeyStoreId is required when Origin is ${origin}.`);
  }
  if (origin === 'EXTERNAL') throw new UnsupportedOperationException('Imported key material (Origin EXTERNAL) is not supported by pocket-kms yet.');
}

export async function describeKey(ctx: OperationContext, input: DescribeKeyRequest): Promise<DescribeKeyResponse> {
  const request = validateRequest<DescribeKeyRequest>(input, SHAPES.DescribeKey);
  const grantIds = grantIdsOf(request.GrantTokens);
  const target = accessKey(ctx, request.KeyId!, ANY_KEY_FORM, 'DescribeKey', { grantIds });
  assertKeyState('DescribeKey', target.record.keyState, target.arn);
  return { KeyMetadata: keyMetadata(target.owner, target.record) };
}

export async function listKeys(ctx: OperationContext, input: ListKeysRequest | undefined): Promise<ListKeysResponse> {
  const request = validateRequest<ListKeysRequest>(input, SHAPES.ListKeys);
  authorizeIam(ctx, 'ListKeys', '*');
  purgeExpiredKeys(ctx);
  const entries = [...ctx.store.keys()].map((k) => [k.seq, { KeyId: k.keyId, KeyArn: keyArn(ctx, k.keyId) }] as const);
  const page = paginate(ctx, 'ListKeys', entries, request, { defaultLimit: 100, maxLimit: 1000 });
  return { Keys: page.items, Truncated: page.Truncated, ...(page.NextMarker && { NextMarker: page.NextMarker }) };
}

/** Shared by the operations that only move a key from one state to another. */
function transition(
  ctx: OperationContext,
  operation: 'EnableKey' | 'DisableKey' | 'CancelKeyDeletion',
  input: EnableKeyRequest,
  keyState: KeyState,
): KeyRecord {
  const request = validateRequest<EnableKeyRequest>(input, SHAPES[operation]);
  const { record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, operation);
  assertKeyState(operation, record.keyState, arn);
  const { deletionDate: _dropped, ...rest } = record;
  const updated = updateRecord(rest as KeyRecord, { keyState });
  ctx.store.commit({ putKeys: [updated] });
  return updated;
}

export async function enableKey(ctx: OperationContext, input: EnableKeyRequest): Promise<EmptyResponse> {
  transition(ctx, 'EnableKey', input, 'Enabled');
  return {};
}

export async function disableKey(ctx: OperationContext, input: DisableKeyRequest): Promise<EmptyResponse> {
  transition(ctx, 'DisableKey', input, 'Disabled');
  return {};
}

/** AWS always returns a cancelled key to Disabled, whatever its state before. */
export async function cancelKeyDeletion(ctx: OperationContext, input: CancelKeyDeletionRequest): Promise<CancelKeyDeletionResponse> {
  const record = transition(ctx, 'CancelKeyDeletion', input, 'Disabled');
  return { KeyId: keyArn(ctx, record.keyId) };
}

export async function scheduleKeyDeletion(ctx: OperationContext, input: ScheduleKeyDeletionRequest): Promise<ScheduleKeyDeletionResponse> {
  const request = validateRequest<ScheduleKeyDeletionRequest>(input, SHAPES.ScheduleKeyDeletion);
  const days = request.PendingWindowInDays ?? 30;
  const facts = { values: { 'kms:schedulekeydeletionpendingwindowindays': String(days) } };
  const { record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'ScheduleKeyDeletion', facts);
  assertKeyState('ScheduleKeyDeletion', record.keyState, arn);
  const deletionDate = new Date(ctx.now().getTime() + days * DAY_MS);
  ctx.store.commit({ putKeys: [updateRecord(record, { keyState: 'PendingDeletion', deletionDate })] });
  return {
    KeyId: arn,
    DeletionDate: new Date(deletionDate),
    KeyState: 'PendingDeletion',
    PendingWindowInDays: days,
  };
}

export async function updateKeyDescription(ctx: OperationContext, input: UpdateKeyDescriptionRequest): Promise<EmptyResponse> {
  const request = validateRequest<UpdateKeyDescriptionRequest>(input, SHAPES.UpdateKeyDescription);
  const { record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'UpdateKeyDescription');
  assertKeyState('UpdateKeyDescription', record.keyState, arn);
  ctx.store.commit({ putKeys: [updateRecord(record, { description: request.Description! })] });
  return {};
}
