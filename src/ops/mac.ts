/**
 * GenerateMac and VerifyMac, on HMAC keys (HMAC_224, HMAC_256, HMAC_384, HMAC_512).
 *
 * Check order, as for the other cryptographic operations: model validation → key resolution →
 * authorization → key state → key usage → algorithm → DryRun → the MAC itself. VerifyMac never
 * answers `MacValid: false`: a MAC that does not verify is KMSInvalidMacException, as in AWS.
 * @module
 */
import { authorizeKey } from '../auth/authorize.js';
import { constantTimeEqual } from '../crypto/bytes.js';
import { dryRunSucceeded, KMSInvalidMacException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import { unsafeMaterialBytes } from '../keystore/key-material.js';
import { currentMaterial } from '../keystore/key-record.js';
import { KEY_SPEC_REGISTRY } from '../keystore/key-spec.js';
import type { GenerateMacRequest, GenerateMacResponse, MacAlgorithmSpec, VerifyMacRequest, VerifyMacResponse } from '../types.js';
import { assertProviderCan } from './capabilities.js';
import type { OperationContext } from './context.js';
import { grantIdsOf } from './grant-tokens.js';
import { assertKeyUsage, incompatibleAlgorithm } from './key-usage.js';
import { assertKeyState } from './key-state.js';
import { ANY_KEY_FORM, type KeyTarget, resolveKey } from './resolve.js';
import { SHAPES } from './shapes.js';

type MacOperation = 'GenerateMac' | 'VerifyMac';

/** Resolves, authorizes and checks the key, then computes the MAC of `message`. */
async function macOf(
  ctx: OperationContext,
  operation: MacOperation,
  request: { KeyId?: string | undefined; MacAlgorithm?: MacAlgorithmSpec | undefined; GrantTokens?: string[] | undefined; DryRun?: boolean | undefined },
  message: Uint8Array,
): Promise<{ target: KeyTarget; mac: Uint8Array }> {
  const grantIds = grantIdsOf(request.GrantTokens);
  const target = resolveKey(ctx, request.KeyId!, ANY_KEY_FORM, operation);
  authorizeKey(ctx, operation, target, { grantIds, values: { 'kms:macalgorithm': request.MacAlgorithm! } });
  const { record, arn } = target;
  assertKeyState(operation, record.keyState, arn);
  assertKeyUsage(target, 'GENERATE_VERIFY_MAC', operation);
  const entry = KEY_SPEC_REGISTRY[record.keySpec]!;
  const spec = entry.mac;
  if (spec?.algorithm !== request.MacAlgorithm) {
    throw incompatibleAlgorithm(request.MacAlgorithm, target);
  }
  assertProviderCan(ctx, entry.capabilities.GENERATE_VERIFY_MAC!, operation);
  if (request.DryRun) throw dryRunSucceeded();
  const mac = await ctx.provider.hmac(spec!.hash, unsafeMaterialBytes(currentMaterial(record)), message);
  return { target, mac };
}

export async function generateMac(ctx: OperationContext, input: GenerateMacRequest): Promise<GenerateMacResponse> {
  const request = validateRequest<GenerateMacRequest>(input, SHAPES.GenerateMac);
  const { target, mac } = await macOf(ctx, 'GenerateMac', request, request.Message!);
  return { Mac: mac, MacAlgorithm: request.MacAlgorithm!, KeyId: target.arn };
}

export async function verifyMac(ctx: OperationContext, input: VerifyMacRequest): Promise<VerifyMacResponse> {
  const request = validateRequest<VerifyMacRequest>(input, SHAPES.VerifyMac);
  const { target, mac } = await macOf(ctx, 'VerifyMac', request, request.Message!);
  if (!constantTimeEqual(mac, request.Mac!)) throw new KMSInvalidMacException();
  return { KeyId: target.arn, MacValid: true, MacAlgorithm: request.MacAlgorithm! };
}
