/**
 * Encrypt, Decrypt, ReEncrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext: the only
 * operations that touch the ciphertext blob and the provider.
 *
 * Check order, as KMS does it: model validation → key resolution → authorization → key state →
 * key usage and algorithm → ciphertext → DryRun → the operation itself.
 * @module
 */
import { headerIsIntact, materialIdOf, NONCE_BYTES, openBlob, parseBlob, SALT_BYTES, sealBlob } from '../blob/ciphertext-blob.js';
import type { KeyAction } from '../auth/actions.js';
import { authorizeKey } from '../auth/authorize.js';
import type { RequestFacts } from '../auth/condition-context.js';
import {
  AccessDeniedException,
  dryRunSucceeded,
  IncorrectKeyException,
  InvalidCiphertextException,
  ValidationException,
} from '../errors.js';
import { missingMember, validateRequest } from '../internal/validate.js';
import { unsafeMaterialBytes, type KeyMaterial } from '../keystore/key-material.js';
import { keyArn } from '../keystore/identifiers.js';
import { currentMaterial, findMaterial } from '../keystore/key-record.js';
import { capabilitiesFor, KEY_SPEC_REGISTRY } from '../keystore/key-spec.js';
import type {
  DecryptRequest,
  DecryptResponse,
  EncryptionAlgorithmSpec,
  EncryptionContext,
  EncryptRequest,
  EncryptResponse,
  GenerateDataKeyRequest,
  GenerateDataKeyResponse,
  GenerateDataKeyWithoutPlaintextRequest,
  GenerateDataKeyWithoutPlaintextResponse,
  ReEncryptRequest,
  ReEncryptResponse,
} from '../types.js';
import { assertProviderCan } from './capabilities.js';
import type { OperationContext } from './context.js';
import { grantIdsOf } from './grant-tokens.js';
import { assertKeyUsage, incompatibleAlgorithm } from './key-usage.js';
import { assertKeyState, type KeyBoundOperation } from './key-state.js';
import { assertOaepFits, oaepDecrypt, oaepEncrypt, oaepOf, rejectAsymmetricContext } from './oaep.js';
import { ANY_KEY_FORM, type KeyTarget, liveKey, resolveKey } from './resolve.js';
import { rejectRecipient } from './refusals.js';
import { SHAPES } from './shapes.js';

/** What AWS answers when an intact ciphertext names a key that is not here (recorded wording). */
const CIPHERTEXT_KEY_MISSING =
  'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';
const DATA_KEY_BYTES = Object.freeze({ AES_256: 32, AES_128: 16 });

export type CryptoOperation = Extract<
  KeyBoundOperation,
  'Encrypt' | 'Decrypt' | 'ReEncrypt' | 'GenerateDataKey' | 'GenerateDataKeyWithoutPlaintext' | 'GenerateDataKeyPair' | 'GenerateDataKeyPairWithoutPlaintext'
>;

/** State, usage, algorithm, context and provider checks every cryptographic use of a key passes. */
function checkKeyForCrypto(
  ctx: OperationContext,
  operation: CryptoOperation,
  target: KeyTarget,
  algorithm: EncryptionAlgorithmSpec | undefined,
  context: EncryptionContext | undefined,
): void {
  const { record, arn } = target;
  assertKeyState(operation, record.keyState, arn);
  assertKeyUsage(target, 'ENCRYPT_DECRYPT', operation);
  const entry = KEY_SPEC_REGISTRY[record.keySpec]!;
  const effective = algorithm ?? 'SYMMETRIC_DEFAULT';
  if (!entry.encryptionAlgorithms.includes(effective)) {
    throw incompatibleAlgorithm(effective, target);
  }
  if (entry.oaep) rejectAsymmetricContext(target, context);
  assertProviderCan(ctx, capabilitiesFor(entry, 'ENCRYPT_DECRYPT')!, operation);
}

const DEFAULT_ALGORITHM = Object.freeze({ 'kms:encryptionalgorithm': 'SYMMETRIC_DEFAULT' });

/** The condition keys of a cryptographic request. */
export function cryptoFacts(
  context: EncryptionContext | undefined,
  algorithm: EncryptionAlgorithmSpec | undefined,
  grantIds: ReadonlySet<string>,
  extra?: Readonly<Record<string, string>>,
): RequestFacts {
  const values = extra
    ? { 'kms:encryptionalgorithm': algorithm ?? 'SYMMETRIC_DEFAULT', ...extra }
    : algorithm === undefined || algorithm === 'SYMMETRIC_DEFAULT'
      ? DEFAULT_ALGORITHM
      : { 'kms:encryptionalgorithm': algorithm };
  return { encryptionContext: context, grantIds, values };
}

/** Authorization, then the key checks: AWS refuses an unauthorized caller before saying anything about the key. */
export function authorizeCrypto(
  ctx: OperationContext,
  action: KeyAction,
  operation: CryptoOperation,
  target: KeyTarget,
  facts: RequestFacts,
  algorithm: EncryptionAlgorithmSpec | undefined,
): void {
  authorizeKey(ctx, action, target, facts);
  checkKeyForCrypto(ctx, operation, target, algorithm, facts.encryptionContext);
}

/** Seals `plaintext` under the current material of a symmetric key. */
export async function seal(ctx: OperationContext, target: KeyTarget, plaintext: Uint8Array, context: EncryptionContext | undefined) {
  const material = currentMaterial(target.record);
  const blob = await sealBlob(ctx.provider, {
    accountId: target.owner.accountId,
    keyId: target.record.keyId,
    materialId: material.idBytes(),
    materialBytes: unsafeMaterialBytes(material),
    randomness: ctx.random.take(SALT_BYTES + NONCE_BYTES),
    plaintext,
    encryptionContext: context,
  });
  return { blob, material };
}

interface Opened {
  readonly target: KeyTarget;
  /** The symmetric key material that opened the blob; RSA keys have no material ids. */
  readonly material: KeyMaterial | undefined;
  readonly algorithm: EncryptionAlgorithmSpec;
  readonly plaintext: Uint8Array;
}

/**
 * Finds the key and material a blob names (never by trying several) and opens it. Every defect of
 * the blob itself is the same InvalidCiphertextException with AWS's empty message. The blob names
 * its key's account, so a ciphertext of another account's key opens here when that key's policy
 * and the caller's identity policies allow it, as in AWS.
 */
async function open(
  ctx: OperationContext,
  operation: 'Decrypt' | 'ReEncrypt',
  blob: Uint8Array,
  named: KeyTarget | undefined,
  factsFor: (target: KeyTarget) => RequestFacts,
  algorithm: EncryptionAlgorithmSpec | undefined,
): Promise<Opened> {
  // An RSA ciphertext carries nothing but itself: only the named key can open it.
  if (named && KEY_SPEC_REGISTRY[named.record.keySpec]!.oaep) {
    authorizeCrypto(ctx, operation === 'Decrypt' ? 'Decrypt' : 'ReEncryptFrom', operation, named, factsFor(named), algorithm);
    const oaep = oaepOf(named, algorithm)!;
    return { target: named, material: undefined, algorithm: oaep.algorithm, plaintext: await oaepDecrypt(ctx, oaep, named, blob) };
  }
  const parsed = parseBlob(blob);
  if (!parsed || !(await headerIsIntact(ctx.provider, parsed))) throw new InvalidCiphertextException();
  if (named && (named.owner.accountId !== parsed.accountId || named.record.keyId !== parsed.keyId)) {
    throw new IncorrectKeyException('The key ID in the request does not identify a CMK that can perform this operation.');
  }
  let target = named;
  if (!target) {
    const owner = parsed.accountId === ctx.accountId ? ctx : ctx.world.existingAccount(parsed.accountId, ctx.region);
    const record = owner && liveKey(ctx, owner, parsed.keyId);
    if (!owner || !record) throw new AccessDeniedException(CIPHERTEXT_KEY_MISSING);
    target = { owner, record, arn: keyArn(owner, record.keyId) };
  }
  const facts = factsFor(target);
  authorizeCrypto(ctx, operation === 'Decrypt' ? 'Decrypt' : 'ReEncryptFrom', operation, target, facts, algorithm);
  const material = findMaterial(target.record, materialIdOf(parsed));
  if (!material) throw new InvalidCiphertextException();
  try {
    const plaintext = await openBlob(ctx.provider, parsed, unsafeMaterialBytes(material), facts.encryptionContext);
    return { target, material, algorithm: 'SYMMETRIC_DEFAULT', plaintext };
  } catch {
    throw new InvalidCiphertextException();
  }
}

/** DryRun with IGNORE_CIPHERTEXT skips the blob; the named key then stands in for it. */
function ignoresCiphertext(request: { DryRun?: boolean | undefined; DryRunModifiers?: readonly string[] | undefined }): boolean {
  return request.DryRun === true && (request.DryRunModifiers ?? []).includes('IGNORE_CIPHERTEXT');
}

/** Decrypt and ReEncrypt need the blob, unless IGNORE_CIPHERTEXT makes the named key stand in. */
function blobOrKey(keyMember: 'KeyId' | 'SourceKeyId') {
  return (request: Pick<DecryptRequest, 'CiphertextBlob' | 'DryRun' | 'DryRunModifiers'> & { KeyId?: string; SourceKeyId?: string }): string[] => {
    if (!ignoresCiphertext(request)) return request.CiphertextBlob === undefined ? [missingMember('ciphertextBlob')] : [];
    return request[keyMember] === undefined ? [missingMember(keyMember === 'KeyId' ? 'keyId' : 'sourceKeyId')] : [];
  };
}

export async function encrypt(ctx: OperationContext, input: EncryptRequest): Promise<EncryptResponse> {
  const request = validateRequest<EncryptRequest>(input, SHAPES.Encrypt);
  const grantIds = grantIdsOf(request.GrantTokens);
  const target = resolveKey(ctx, request.KeyId!, ANY_KEY_FORM, 'Encrypt');
  const facts = cryptoFacts(request.EncryptionContext, request.EncryptionAlgorithm, grantIds);
  authorizeCrypto(ctx, 'Encrypt', 'Encrypt', target, facts, request.EncryptionAlgorithm);
  const oaep = oaepOf(target, request.EncryptionAlgorithm);
  if (oaep) assertOaepFits(oaep, target, request.Plaintext!);
  if (request.DryRun) throw dryRunSucceeded();
  if (oaep) return { CiphertextBlob: await oaepEncrypt(ctx, oaep, target, request.Plaintext!), KeyId: target.arn, EncryptionAlgorithm: oaep.algorithm };
  const { blob } = await seal(ctx, target, request.Plaintext!, request.EncryptionContext);
  return { CiphertextBlob: blob, KeyId: target.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
}

export async function decrypt(ctx: OperationContext, input: DecryptRequest): Promise<DecryptResponse> {
  const request = validateRequest<DecryptRequest>(input, SHAPES.Decrypt, blobOrKey('KeyId'));
  const grantIds = grantIdsOf(request.GrantTokens);
  rejectRecipient(request.Recipient);
  const named = request.KeyId === undefined ? undefined : resolveKey(ctx, request.KeyId, ANY_KEY_FORM, 'Decrypt');
  const facts = cryptoFacts(request.EncryptionContext, request.EncryptionAlgorithm, grantIds);
  if (ignoresCiphertext(request)) {
    authorizeCrypto(ctx, 'Decrypt', 'Decrypt', named!, facts, request.EncryptionAlgorithm);
    throw dryRunSucceeded();
  }
  const opened = await open(ctx, 'Decrypt', request.CiphertextBlob!, named, () => facts, request.EncryptionAlgorithm);
  if (request.DryRun) {
    opened.plaintext.fill(0);
    throw dryRunSucceeded();
  }
  return {
    KeyId: opened.target.arn,
    Plaintext: opened.plaintext,
    EncryptionAlgorithm: opened.algorithm,
    ...(opened.material && { KeyMaterialId: opened.material.id }),
  };
}

export async function reEncrypt(ctx: OperationContext, input: ReEncryptRequest): Promise<ReEncryptResponse> {
  const request = validateRequest<ReEncryptRequest>(input, SHAPES.ReEncrypt, blobOrKey('SourceKeyId'));
  const grantIds = grantIdsOf(request.GrantTokens);
  const source = request.SourceKeyId === undefined ? undefined : resolveKey(ctx, request.SourceKeyId, ANY_KEY_FORM, 'ReEncryptFrom');
  const destination = resolveKey(ctx, request.DestinationKeyId!, ANY_KEY_FORM, 'ReEncryptTo');
  // kms:ReEncryptOnSameKey needs the source key, which only the blob may name.
  const sameKey = (target: KeyTarget) => ({
    'kms:reencryptonsamekey': String(target.owner.accountId === destination.owner.accountId && target.record.keyId === destination.record.keyId),
  });
  const sourceFacts = (target: KeyTarget) =>
    cryptoFacts(request.SourceEncryptionContext, request.SourceEncryptionAlgorithm, grantIds, sameKey(target));
  const destinationFacts = (target: KeyTarget | undefined) =>
    cryptoFacts(request.DestinationEncryptionContext, request.DestinationEncryptionAlgorithm, grantIds, target && sameKey(target));
  if (ignoresCiphertext(request)) {
    authorizeCrypto(ctx, 'ReEncryptFrom', 'ReEncrypt', source!, sourceFacts(source!), request.SourceEncryptionAlgorithm);
    authorizeCrypto(ctx, 'ReEncryptTo', 'ReEncrypt', destination, destinationFacts(source), request.DestinationEncryptionAlgorithm);
    throw dryRunSucceeded();
  }
  const opened = await open(ctx, 'ReEncrypt', request.CiphertextBlob!, source, sourceFacts, request.SourceEncryptionAlgorithm);
  try {
    authorizeCrypto(ctx, 'ReEncryptTo', 'ReEncrypt', destination, destinationFacts(opened.target), request.DestinationEncryptionAlgorithm);
    const oaep = oaepOf(destination, request.DestinationEncryptionAlgorithm);
    if (oaep) assertOaepFits(oaep, destination, opened.plaintext);
    if (request.DryRun) throw dryRunSucceeded();
    const sealed = oaep
      ? { blob: await oaepEncrypt(ctx, oaep, destination, opened.plaintext), material: undefined }
      : await seal(ctx, destination, opened.plaintext, request.DestinationEncryptionContext);
    return {
      CiphertextBlob: sealed.blob,
      SourceKeyId: opened.target.arn,
      KeyId: destination.arn,
      SourceEncryptionAlgorithm: opened.algorithm,
      DestinationEncryptionAlgorithm: oaep?.algorithm ?? 'SYMMETRIC_DEFAULT',
      ...(opened.material && { SourceKeyMaterialId: opened.material.id }),
      ...(sealed.material && { DestinationKeyMaterialId: sealed.material.id }),
    };
  } finally {
    // The plaintext never leaves KMS in ReEncrypt.
    opened.plaintext.fill(0);
  }
}

/** Exactly one of KeySpec and NumberOfBytes, as AWS requires. */
function dataKeyLength(request: { KeySpec?: 'AES_256' | 'AES_128' | undefined; NumberOfBytes?: number | undefined }): number {
  if ((request.KeySpec === undefined) === (request.NumberOfBytes === undefined)) {
    throw new ValidationException('Please specify either number of bytes or key spec.');
  }
  return request.NumberOfBytes ?? DATA_KEY_BYTES[request.KeySpec!];
}

async function generateDataKeyCore(
  ctx: OperationContext,
  operation: 'GenerateDataKey' | 'GenerateDataKeyWithoutPlaintext',
  request: GenerateDataKeyRequest,
) {
  const grantIds = grantIdsOf(request.GrantTokens);
  const length = dataKeyLength(request);
  const target = resolveKey(ctx, request.KeyId!, ANY_KEY_FORM, operation);
  authorizeCrypto(ctx, operation, operation, target, cryptoFacts(request.EncryptionContext, undefined, grantIds), undefined);
  if (request.DryRun) throw dryRunSucceeded();
  const plaintext = ctx.random.take(length);
  const { blob, material } = await seal(ctx, target, plaintext, request.EncryptionContext);
  return { CiphertextBlob: blob, Plaintext: plaintext, KeyId: target.arn, KeyMaterialId: material.id };
}

export async function generateDataKey(ctx: OperationContext, input: GenerateDataKeyRequest): Promise<GenerateDataKeyResponse> {
  const request = validateRequest<GenerateDataKeyRequest>(input, SHAPES.GenerateDataKey);
  rejectRecipient(request.Recipient);
  return generateDataKeyCore(ctx, 'GenerateDataKey', request);
}

export async function generateDataKeyWithoutPlaintext(
  ctx: OperationContext,
  input: GenerateDataKeyWithoutPlaintextRequest,
): Promise<GenerateDataKeyWithoutPlaintextResponse> {
  const request = validateRequest<GenerateDataKeyWithoutPlaintextRequest>(input, SHAPES.GenerateDataKeyWithoutPlaintext);
  const { Plaintext, ...rest } = await generateDataKeyCore(ctx, 'GenerateDataKeyWithoutPlaintext', request);
  Plaintext.fill(0);
  return rest;
}
