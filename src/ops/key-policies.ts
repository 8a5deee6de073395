/** GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. A key has exactly one policy, named "default". @module */
import { NotFoundException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import { updateRecord } from '../keystore/key-record.js';
import type {
  EmptyResponse,
  GetKeyPolicyRequest,
  GetKeyPolicyResponse,
  ListKeyPoliciesRequest,
  ListKeyPoliciesResponse,
  PutKeyPolicyRequest,
} from '../types.js';
import { accessKey } from './access.js';
import type { OperationContext } from './context.js';
import { assertKeyState } from './key-state.js';
import { assertNoLockout, bypassFacts, compileKeyPolicy } from './key-policy-rules.js';
import { paginate } from './paginate.js';
import { KEY_ID_OR_ARN } from './resolve.js';
import { SHAPES } from './shapes.js';

const POLICY_NAME = 'default';

/** @throws {@link NotFoundException} for any name but "default", the only key policy there is */
function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== POLICY_NAME) throw new NotFoundException(`No such policy exists: ${name}`);
}

export async function getKeyPolicy(ctx: OperationContext, input: GetKeyPolicyRequest): Promise<GetKeyPolicyResponse> {
  const request = validateRequest<GetKeyPolicyRequest>(input, SHAPES.GetKeyPolicy);
  const { record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'GetKeyPolicy');
  assertKeyState('GetKeyPolicy', record.keyState, arn);
  checkPolicyName(request.PolicyName);
  return { Policy: record.policy.document, PolicyName: POLICY_NAME };
}

export async function putKeyPolicy(ctx: OperationContext, input: PutKeyPolicyRequest): Promise<EmptyResponse> {
  const request = validateRequest<PutKeyPolicyRequest>(input, SHAPES.PutKeyPolicy);
  const bypass = request.BypassPolicyLockoutSafetyCheck;
  const target = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'PutKeyPolicy', { values: bypassFacts(bypass) });
  assertKeyState('PutKeyPolicy', target.record.keyState, target.arn);
  checkPolicyName(request.PolicyName);
  const policy = compileKeyPolicy(request.Policy!, target.owner.partition);
  const updated = updateRecord(target.record, { policy });
  if (bypass !== true) assertNoLockout(ctx, { ...target, record: updated }, bypass);
  target.owner.store.commit({ putKeys: [updated] });
  return {};
}

export async function listKeyPolicies(ctx: OperationContext, input: ListKeyPoliciesRequest): Promise<ListKeyPoliciesResponse> {
  const request = validateRequest<ListKeyPoliciesRequest>(input, SHAPES.ListKeyPolicies);
  const { record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'ListKeyPolicies');
  assertKeyState('ListKeyPolicies', record.keyState, arn);
  const page = paginate(ctx, `ListKeyPolicies:${record.keyId}`, [[0, POLICY_NAME] as const], request, { defaultLimit: 100, maxLimit: 1000 });
  return { PolicyNames: page.items, Truncated: page.Truncated, ...(page.NextMarker && { NextMarker: page.NextMarker }) };
}
