/**
 * GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext: a fresh key pair whose private key
 * (PKCS#8) is sealed under a symmetric KMS key, so that Decrypt gives it back. The KMS key's usage
 * rules do not reach the pair: any spec is made, whatever the caller then does with it.
 * @module
 */
import { dryRunSucceeded, UnsupportedOperationException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import { KEY_SPEC_REGISTRY } from '../keystore/key-spec.js';
import type {
  DataKeyPairSpec,
  GenerateDataKeyPairRequest,
  GenerateDataKeyPairResponse,
  GenerateDataKeyPairWithoutPlaintextRequest,
  GenerateDataKeyPairWithoutPlaintextResponse,
} from '../types.js';
import { assertProviderCan } from './capabilities.js';
import type { OperationContext } from './context.js';
import { authorizeCrypto, cryptoFacts, seal } from './crypto.js';
import { grantIdsOf } from './grant-tokens.js';
import { generateKeyPair, keyPairCapability } from './key-pairs.js';
import { rejectRecipient } from './refusals.js';
import { ANY_KEY_FORM, resolveKey } from './resolve.js';
import { SHAPES } from './shapes.js';

type DataKeyPairOperation = 'GenerateDataKeyPair' | 'GenerateDataKeyPairWithoutPlaintext';

async function dataKeyPair(ctx: OperationContext, operation: DataKeyPairOperation, request: GenerateDataKeyPairWithoutPlaintextRequest) {
  const spec: DataKeyPairSpec = request.KeyPairSpec!;
  const grantIds = grantIdsOf(request.GrantTokens);
  const target = resolveKey(ctx, request.KeyId!, ANY_KEY_FORM, operation);
  const facts = cryptoFacts(request.EncryptionContext, undefined, grantIds, { 'kms:datakeypairspec': spec });
  authorizeCrypto(ctx, operation, operation, target, facts, undefined);
  // SM2 is the one pair spec without an entry: AWS offers it only in China, and no audited library here has it.
  const recipe = KEY_SPEC_REGISTRY[spec]?.keyPair;
  if (!recipe) throw new UnsupportedOperationException(`KeyPairSpec ${spec} is not supported in this Region`);
  assertProviderCan(ctx, [keyPairCapability(recipe)], `KeyPairSpec ${spec}`);
  if (request.DryRun) throw dryRunSucceeded();
  const pair = await generateKeyPair(ctx, recipe);
  const { blob, material } = await seal(ctx, target, pair.privateKey, request.EncryptionContext);
  return {
    PrivateKeyCiphertextBlob: blob,
    PrivateKeyPlaintext: pair.privateKey,
    PublicKey: pair.publicKey,
    KeyId: target.arn,
    KeyPairSpec: spec,
    KeyMaterialId: material.id,
  };
}

export async function generateDataKeyPair(ctx: OperationContext, input: GenerateDataKeyPairRequest): Promise<GenerateDataKeyPairResponse> {
  const request = validateRequest<GenerateDataKeyPairRequest>(input, SHAPES.GenerateDataKeyPair);
  rejectRecipient(request.Recipient);
  return dataKeyPair(ctx, 'GenerateDataKeyPair', request);
}

export async function generateDataKeyPairWithoutPlaintext(
  ctx: OperationContext,
  input: GenerateDataKeyPairWithoutPlaintextRequest,
): Promise<GenerateDataKeyPairWithoutPlaintextResponse> {
  const request = validateRequest<GenerateDataKeyPairWithoutPlaintextRequest>(input, SHAPES.GenerateDataKeyPairWithoutPlaintext);
  const { PrivateKeyPlaintext, ...rest } = await dataKeyPair(ctx, 'GenerateDataKeyPairWithoutPlaintext', request);
  PrivateKeyPlaintext.fill(0);
  return rest;
}
