/**
 * DeriveSharedSecret: ECDH between a KEY_AGREEMENT key's private half and a peer's public key. KMS
 * returns the raw shared secret (the x-coordinate), with no KDF, as AWS does.
 *
 * Check order as for the other cryptographic operations: model validation → Recipient → key
 * resolution → authorization → key state → key usage → algorithm → provider → DryRun → ECDH.
 * @module
 */
import { authorizeKey } from '../auth/authorize.js';
import { ECDH_CAPABILITY } from '../crypto/provider.js';
import { dryRunSucceeded, ValidationException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import { unsafeMaterialBytes } from '../keystore/key-material.js';
import { currentMaterial } from '../keystore/key-record.js';
import { KEY_SPEC_REGISTRY } from '../keystore/key-spec.js';
import type { DeriveSharedSecretRequest, DeriveSharedSecretResponse } from '../types.js';
import { assertProviderCan } from './capabilities.js';
import type { OperationContext } from './context.js';
import { grantIdsOf } from './grant-tokens.js';
import { assertKeyUsage, incompatibleAlgorithm } from './key-usage.js';
import { assertKeyState } from './key-state.js';
import { rejectRecipient } from './refusals.js';
import { ANY_KEY_FORM, resolveKey } from './resolve.js';
import { SHAPES } from './shapes.js';

export async function deriveSharedSecret(ctx: OperationContext, input: DeriveSharedSecretRequest): Promise<DeriveSharedSecretResponse> {
  const request = validateRequest<DeriveSharedSecretRequest>(input, SHAPES.DeriveSharedSecret);
  rejectRecipient(request.Recipient);
  const target = resolveKey(ctx, request.KeyId!, ANY_KEY_FORM, 'DeriveSharedSecret');
  authorizeKey(ctx, 'DeriveSharedSecret', target, {
    grantIds: grantIdsOf(request.GrantTokens),
    values: { 'kms:keyagreementalgorithm': request.KeyAgreementAlgorithm! },
  });
  const { record, arn } = target;
  assertKeyState('DeriveSharedSecret', record.keyState, arn);
  assertKeyUsage(target, 'KEY_AGREEMENT', 'DeriveSharedSecret');
  const agreement = KEY_SPEC_REGISTRY[record.keySpec]!.keyAgreement;
  if (!agreement?.algorithms.includes(request.KeyAgreementAlgorithm!)) throw incompatibleAlgorithm(request.KeyAgreementAlgorithm, target);
  assertProviderCan(ctx, [ECDH_CAPABILITY[agreement.curve]], 'DeriveSharedSecret');
  if (request.DryRun) throw dryRunSucceeded();
  let secret: Uint8Array;
  try {
    secret = await ctx.provider.ecdh(agreement.curve, unsafeMaterialBytes(currentMaterial(record)), request.PublicKey!);
  } catch (error) {
    // A peer key that does not parse, is on another curve or is not a point: AWS answers with an empty message.
    if (error instanceof RangeError) throw new ValidationException('');
    throw error;
  }
  return { KeyId: arn, SharedSecret: secret, KeyAgreementAlgorithm: 'ECDH', KeyOrigin: record.origin };
}
