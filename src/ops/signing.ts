/**
 * Sign, Verify and GetPublicKey, on asymmetric keys: RSA, the ECC curves, Ed25519 and ML-DSA.
 *
 * Check order, as for the other cryptographic operations: model validation → key resolution →
 * authorization → key state → key usage → algorithm → message type and length → provider → DryRun
 * → the signature. Verify never answers `SignatureValid: false`: a signature that does not verify is
 * KMSInvalidSignatureException, as in AWS.
 * @module
 */
import { authorizeKey } from '../auth/authorize.js';
import type { CryptoProvider, MlDsaInput, SignatureInput } from '../crypto/provider.js';
import { dryRunSucceeded, KMSInvalidSignatureException, UnsupportedOperationException, ValidationException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import { unsafeMaterialBytes } from '../keystore/key-material.js';
import { currentMaterial } from '../keystore/key-record.js';
import { KEY_SPEC_REGISTRY, type SigningAlgorithmEntry, type SigningScheme } from '../keystore/key-spec.js';
import type {
  CustomerMasterKeySpec,
  GetPublicKeyRequest,
  GetPublicKeyResponse,
  MessageType,
  SignRequest,
  SignResponse,
  VerifyRequest,
  VerifyResponse,
} from '../types.js';
import { assertProviderCan, withProviderCapability } from './capabilities.js';
import type { OperationContext } from './context.js';
import { grantIdsOf } from './grant-tokens.js';
import { algorithmsOf } from './key-metadata.js';
import { assertKeyUsage, incompatibleAlgorithm } from './key-usage.js';
import { assertKeyState } from './key-state.js';
import { ANY_KEY_FORM, type KeyTarget, resolveKey } from './resolve.js';
import { SHAPES } from './shapes.js';

/** The message as the provider takes it: a message, a digest, or an ML-DSA μ. */
type Signed = { message: Uint8Array } | { digest: Uint8Array } | { mu: Uint8Array };

function signWith(provider: CryptoProvider, scheme: SigningScheme, key: Uint8Array, input: Signed): Promise<Uint8Array> {
  switch (scheme.kind) {
    case 'curve':
      return provider.sign(scheme.curve, scheme.hash, key, input as SignatureInput);
    case 'rsa':
      return provider.rsaSign(scheme.padding, scheme.hash, key, input as SignatureInput);
    case 'ml-dsa':
      return provider.mlDsaSign(scheme.level, key, input as MlDsaInput);
  }
}

function verifyWith(provider: CryptoProvider, scheme: SigningScheme, key: Uint8Array, input: Signed, signature: Uint8Array): Promise<boolean> {
  switch (scheme.kind) {
    case 'curve':
      return provider.verify(scheme.curve, scheme.hash, key, input as SignatureInput, signature);
    case 'rsa':
      return provider.rsaVerify(scheme.padding, scheme.hash, key, input as SignatureInput, signature);
    case 'ml-dsa':
      return provider.mlDsaVerify(scheme.level, key, input as MlDsaInput, signature);
  }
}

/**
 * What the provider signs for a message of `messageType`. Ed25519ph's DIGEST is its message: AWS
 * applies the SHA-512 prehash to the digest it is given (kms-api.md §2.2).
 */
function signedInput(scheme: SigningScheme, messageType: MessageType, message: Uint8Array): Signed {
  if (messageType === 'EXTERNAL_MU') return { mu: message };
  if (messageType === 'DIGEST' && !(scheme.kind === 'curve' && scheme.curve === 'Ed25519ph')) return { digest: message };
  return { message };
}

interface Prepared {
  readonly target: KeyTarget;
  readonly algorithm: SigningAlgorithmEntry;
  readonly input: Signed;
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
  const algorithms = KEY_SPEC_REGISTRY[record.keySpec]!.signing?.algorithms ?? [];
  const algorithm = algorithms.find((a) => a.algorithm === request.SigningAlgorithm);
  if (!algorithm) throw incompatibleAlgorithm(request.SigningAlgorithm, target);
  if (!algorithm.messageTypes.includes(messageType)) {
    // A type no algorithm of the key takes is the key spec's fault (AWS's wording for ML-DSA and DIGEST).
    throw new ValidationException(
      algorithms.some((a) => a.messageTypes.includes(messageType))
        ? `Message type ${messageType} is incompatible with signing algorithm ${algorithm.algorithm}.`
        : `Message type ${messageType} is incompatible with key spec ${record.keySpec}.`,
    );
  }
  const message = request.Message!;
  if (messageType !== 'RAW' && message.length !== algorithm.digestLength) {
    throw new ValidationException(
      messageType === 'DIGEST'
        ? `Digest is invalid length for algorithm ${algorithm.algorithm}.`
        : `External mu is invalid length for algorithm ${algorithm.algorithm}. It must be ${algorithm.digestLength} bytes.`,
    );
  }
  assertProviderCan(ctx, [algorithm.capability], operation);
  if (request.DryRun) throw dryRunSucceeded();
  return { target, algorithm, input: signedInput(algorithm.scheme, messageType, message) };
}

export async function sign(ctx: OperationContext, input: SignRequest): Promise<SignResponse> {
  const request = validateRequest<SignRequest>(input, SHAPES.Sign);
  const { target, algorithm, input: toSign } = prepare(ctx, 'Sign', request);
  const material = unsafeMaterialBytes(currentMaterial(target.record));
  const signature = await withProviderCapability('Sign', () => signWith(ctx.provider, algorithm.scheme, material, toSign));
  return { KeyId: target.arn, Signature: signature, SigningAlgorithm: algorithm.algorithm };
}

export async function verify(ctx: OperationContext, input: VerifyRequest): Promise<VerifyResponse> {
  const request = validateRequest<VerifyRequest>(input, SHAPES.Verify);
  const { target, algorithm, input: signed } = prepare(ctx, 'Verify', request);
  const publicKey = target.record.publicKey!;
  const valid = await withProviderCapability('Verify', () => verifyWith(ctx.provider, algorithm.scheme, publicKey, signed, request.Signature!));
  if (!valid) throw new KMSInvalidSignatureException();
  return { KeyId: target.arn, SignatureValid: true, SigningAlgorithm: algorithm.algorithm };
}

export async function getPublicKey(ctx: OperationContext, input: GetPublicKeyRequest): Promise<GetPublicKeyResponse> {
  const request = validateRequest<GetPublicKeyRequest>(input, SHAPES.GetPublicKey);
  const target = resolveKey(ctx, request.KeyId!, ANY_KEY_FORM, 'GetPublicKey');
  authorizeKey(ctx, 'GetPublicKey', target, { grantIds: grantIdsOf(request.GrantTokens) });
  const { record, arn } = target;
  assertKeyState('GetPublicKey', record.keyState, arn);
  if (!record.publicKey) {
    throw new UnsupportedOperationException(`${arn} is a ${record.keySpec} key, which has no public key.`);
  }
  return {
    KeyId: arn,
    PublicKey: record.publicKey.slice(),
    CustomerMasterKeySpec: record.keySpec as CustomerMasterKeySpec,
    KeySpec: record.keySpec,
    KeyUsage: record.keyUsage,
    ...algorithmsOf(KEY_SPEC_REGISTRY[record.keySpec]!, record.keyUsage),
  };
}
