/**
 * Sign, Verify and GetPublicKey, on asymmetric signing keys (ECC_NIST_P256/P384/P521,
 * ECC_SECG_P256K1, ECC_NIST_EDWARDS25519).
 *
 * Check order, as for the other cryptographic operations: model validation → key resolution →
 * authorization → key state → key usage → algorithm → message type and digest length → DryRun →
 * the signature. Verify never answers `SignatureValid: false`: a signature that does not verify is
 * KMSInvalidSignatureException, as in AWS.
 * @module
 */
import { authorizeKey } from '../auth/authorize.js';
import type { SigningCurve } from '../crypto/provider.js';
import { dryRunSucceeded, KMSInvalidSignatureException, UnsupportedOperationException, ValidationException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import { unsafeMaterialBytes } from '../keystore/key-material.js';
import { currentMaterial } from '../keystore/key-record.js';
import { KEY_SPEC_REGISTRY, type SigningAlgorithmEntry } from '../keystore/key-spec.js';
import type {
  CustomerMasterKeySpec,
  GetPublicKeyRequest,
  GetPublicKeyResponse,
  MessageType,
  SigningAlgorithmSpec,
  SignRequest,
  SignResponse,
  VerifyRequest,
  VerifyResponse,
} from '../types.js';
import { assertProviderCan, withProviderCapability } from './capabilities.js';
import type { OperationContext } from './context.js';
import { grantIdsOf } from './grant-tokens.js';
import { assertKeyUsage, incompatibleAlgorithm } from './key-usage.js';
import { assertKeyState } from './key-state.js';
import { ANY_KEY_FORM, type KeyTarget, resolveKey } from './resolve.js';
import { SHAPES } from './shapes.js';

interface Prepared {
  readonly target: KeyTarget;
  readonly curve: SigningCurve;
  readonly algorithm: SigningAlgorithmEntry;
  readonly input: { message: Uint8Array } | { digest: Uint8Array };
}

/** Everything Sign and Verify check before they touch the key. */
function prepare(ctx: OperationContext, operation: 'Sign' | 'Verify', request: SignRequest): Prepared {
  const grantIds = grantIdsOf(request.GrantTokens);
  const messageType: MessageType = request.MessageType ?? 'RAW';
  const target = resolveKey(ctx, request.KeyId!, ANY_KEY_FORM, operation);
  authorizeKey(ctx, operation, target, {
    grantIds,
    values: { 'kms:signingalgorithm': request.SigningAlgorithm!, 'kms:messagetype': messageType },
  });
  const { record, arn } = target;
  assertKeyState(operation, record.keyState, arn);
  assertKeyUsage(target, 'SIGN_VERIFY', operation);
  const entry = KEY_SPEC_REGISTRY[record.keySpec]!;
  const algorithm = entry.signing?.algorithms.find((a) => a.algorithm === request.SigningAlgorithm);
  if (!entry.signing || !algorithm) {
    throw incompatibleAlgorithm(request.SigningAlgorithm, target);
  }
  const message = request.Message!;
  if (messageType === 'EXTERNAL_MU') throw new ValidationException(`MessageType EXTERNAL_MU is valid only for ML-DSA keys.`);
  if (messageType === 'DIGEST') {
    // Pure Ed25519 signs the message itself; AWS takes digests only with ED25519_PH_SHA_512.
    if (entry.signing.curve === 'Ed25519') throw new ValidationException(`MessageType DIGEST is not valid for ${request.SigningAlgorithm}.`);
    if (message.length !== algorithm.digestLength) {
      throw new ValidationException(`Digest is invalid length for algorithm ${request.SigningAlgorithm}.`);
    }
  }
  assertProviderCan(ctx, entry.capabilities, operation);
  if (request.DryRun) throw dryRunSucceeded();
  return { target, curve: entry.signing.curve, algorithm, input: messageType === 'DIGEST' ? { digest: message } : { message } };
}

export async function sign(ctx: OperationContext, input: SignRequest): Promise<SignResponse> {
  const request = validateRequest<SignRequest>(input, SHAPES.Sign);
  const { target, curve, algorithm, input: toSign } = prepare(ctx, 'Sign', request);
  const material = unsafeMaterialBytes(currentMaterial(target.record));
  const signature = await withProviderCapability('Sign', () => ctx.provider.sign(curve, algorithm.hash, material, toSign));
  return { KeyId: target.arn, Signature: signature, SigningAlgorithm: algorithm.algorithm };
}

export async function verify(ctx: OperationContext, input: VerifyRequest): Promise<VerifyResponse> {
  const request = validateRequest<VerifyRequest>(input, SHAPES.Verify);
  const { target, curve, algorithm, input: signed } = prepare(ctx, 'Verify', request);
  const publicKey = target.record.publicKey!;
  const valid = await withProviderCapability('Verify', () => ctx.provider.verify(curve, algorithm.hash, publicKey, signed, request.Signature!));
  if (!valid) throw new KMSInvalidSignatureException();
  return { KeyId: target.arn, SignatureValid: true, SigningAlgorithm: algorithm.algorithm };
}

export async function getPublicKey(ctx: OperationContext, input: GetPublicKeyRequest): Promise<GetPublicKeyResponse> {
  const request = validateRequest<GetPublicKeyRequest>(input, SHAPES.GetPublicKey);
  const target = resolveKey(ctx, request.KeyId!, ANY_KEY_FORM, 'GetPublicKey');
  authorizeKey(ctx, 'GetPublicKey', target, { grantIds: grantIdsOf(request.GrantTokens) });
  const { record, arn } = target;
  assertKeyState('GetPublicKey', record.keyState, arn);
  const entry = KEY_SPEC_REGISTRY[record.keySpec]!;
  if (!record.publicKey || !entry.signing) {
    throw new UnsupportedOperationException(`${arn} is a ${record.keySpec} key, which has no public key.`);
  }
  return {
    KeyId: arn,
    PublicKey: record.publicKey.slice(),
    CustomerMasterKeySpec: record.keySpec as CustomerMasterKeySpec,
    KeySpec: record.keySpec,
    KeyUsage: record.keyUsage,
    SigningAlgorithms: entry.signing.algorithms.map((a): SigningAlgorithmSpec => a.algorithm),
  };
}
