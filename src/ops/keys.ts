/**
 * Key lifecycle: CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey, ScheduleKeyDeletion,
 * CancelKeyDeletion, UpdateKeyDescription.
 * @module
 */
import { toHex, utf8Encode } from '../crypto/bytes.js';
import {
  LimitExceededException,
  MalformedPolicyDocumentException,
  UnsupportedOperationException,
  ValidationException,
} from '../errors.js';
import { newKeyId } from '../internal/ids.js';
import { validateRequest } from '../internal/validate.js';
import { keyArn } from '../keystore/identifiers.js';
import { KeyMaterial } from '../keystore/key-material.js';
import { type KeyRecord, updateRecord } from '../keystore/key-record.js';
import { KEY_SPEC_REGISTRY } from '../keystore/key-spec.js';
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
import { assertProviderCan } from './capabilities.js';
import type { OperationContext } from './context.js';
import { keyMetadata } from './key-metadata.js';
import { assertKeyState } from './key-state.js';
import { paginate } from './paginate.js';
import { ANY_KEY_FORM, KEY_ID_OR_ARN, purgeExpiredKeys, resolveKey } from './resolve.js';
import { rejectCustomKeyStore } from './refusals.js';
import { SHAPES } from './shapes.js';
import { mergeTags } from './tag-rules.js';
import { validateGrantTokens } from './grant-tokens.js';

/** The service quota on key policies; the model's 131,072-character limit is not what KMS enforces. */
const MAX_POLICY_BYTES = 32768;
const DAY_MS = 86_400_000;

export async function createKey(ctx: OperationContext, input: CreateKeyRequest | undefined): Promise<CreateKeyResponse> {
  const request = validateRequest<CreateKeyRequest>(input, SHAPES.CreateKey);
  if (request.KeySpec !== undefined && request.CustomerMasterKeySpec !== undefined) {
    throw new ValidationException('You cannot specify both KeySpec and CustomerMasterKeySpec. Use KeySpec; CustomerMasterKeySpec is deprecated.');
  }
  const spec = request.KeySpec ?? request.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  if (spec !== 'SYMMETRIC_DEFAULT' && request.KeyUsage === undefined) {
    throw new ValidationException('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  }
  const entry = KEY_SPEC_REGISTRY[spec];
  if (!entry) {
    throw new UnsupportedOperationException(`KeySpec ${spec} is not supported by pocket-kms yet. This version creates SYMMETRIC_DEFAULT keys only.`);
  }
  const usage = request.KeyUsage ?? entry.keyUsages[0]!;
  if (!entry.keyUsages.includes(usage)) throw new ValidationException(`KeyUsage ${usage} is not compatible with KeySpec ${spec}`);
  checkOrigin(request);
  if (request.MultiRegion) throw new UnsupportedOperationException('Multi-Region keys are not supported by pocket-kms yet.');
  if (request.Policy !== undefined) checkPolicySyntax(request.Policy);
  const tags = mergeTags([], request.Tags ?? []);
  assertProviderCan(ctx, entry.capabilities, `KeySpec ${spec}`);

  const now = ctx.now();
  const material = new KeyMaterial(toHex(ctx.random.take(32)), ctx.random.take(entry.materialLength), now);
  const record: KeyRecord = Object.freeze({
    keyId: newKeyId(ctx.random),
    seq: ctx.nextKeySeq(),
    creationDate: now,
    description: request.Description ?? '',
    keySpec: spec,
    keyUsage: usage,
    origin: 'AWS_KMS',
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    ...(request.Policy !== undefined && { policy: request.Policy }),
    tags: Object.freeze(tags),
    materials: Object.freeze([material]),
    currentMaterialId: material.id,
  });
  ctx.store.commit({ putKeys: [record] });
  return { KeyMetadata: keyMetadata(ctx, record) };
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

function checkPolicySyntax(policy: string): void {
  if (utf8Encode(policy).length > MAX_POLICY_BYTES) {
    throw new LimitExceededException(`The key policy exceeds the maximum size of ${MAX_POLICY_BYTES} bytes.`);
  }
  try {
    const parsed: unknown = JSON.parse(policy);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
  } catch {
    throw new MalformedPolicyDocumentException('The key policy is not a valid JSON object.');
  }
}

export async function describeKey(ctx: OperationContext, input: DescribeKeyRequest): Promise<DescribeKeyResponse> {
  const request = validateRequest<DescribeKeyRequest>(input, SHAPES.DescribeKey);
  validateGrantTokens(request.GrantTokens);
  const record = resolveKey(ctx, request.KeyId!, ANY_KEY_FORM);
  assertKeyState('DescribeKey', record.keyState, keyArn(ctx, record.keyId));
  return { KeyMetadata: keyMetadata(ctx, record) };
}

export async function listKeys(ctx: OperationContext, input: ListKeysRequest | undefined): Promise<ListKeysResponse> {
  const request = validateRequest<ListKeysRequest>(input, SHAPES.ListKeys);
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
  const record = resolveKey(ctx, request.KeyId!, KEY_ID_OR_ARN);
  assertKeyState(operation, record.keyState, keyArn(ctx, record.keyId));
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
  const record = resolveKey(ctx, request.KeyId!, KEY_ID_OR_ARN);
  assertKeyState('ScheduleKeyDeletion', record.keyState, keyArn(ctx, record.keyId));
  const days = request.PendingWindowInDays ?? 30;
  const deletionDate = new Date(ctx.now().getTime() + days * DAY_MS);
  ctx.store.commit({ putKeys: [updateRecord(record, { keyState: 'PendingDeletion', deletionDate })] });
  return {
    KeyId: keyArn(ctx, record.keyId),
    DeletionDate: new Date(deletionDate),
    KeyState: 'PendingDeletion',
    PendingWindowInDays: days,
  };
}

export async function updateKeyDescription(ctx: OperationContext, input: UpdateKeyDescriptionRequest): Promise<EmptyResponse> {
  const request = validateRequest<UpdateKeyDescriptionRequest>(input, SHAPES.UpdateKeyDescription);
  const record = resolveKey(ctx, request.KeyId!, KEY_ID_OR_ARN);
  assertKeyState('UpdateKeyDescription', record.keyState, keyArn(ctx, record.keyId));
  ctx.store.commit({ putKeys: [updateRecord(record, { description: request.Description! })] });
  return {};
}
