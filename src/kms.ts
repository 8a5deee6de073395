/**
 * `Kms`: AWS Key Management Service for one account in one Region, in this process.
 *
 * Each method is named after the AWS operation, takes the `@aws-sdk/client-kms` input shape and
 * resolves to its output shape (without `$metadata`), so a `Kms` can stand in wherever code expects
 * a KMS client with those methods. Failures reject with {@link KmsError} subclasses named as the
 * AWS exceptions.
 *
 * Every call is made by a principal: the account root for a plain `Kms`, anyone else through
 * {@link Kms.as}. Key policies, identity policies and grants decide each call as AWS would.
 * @module
 */
import { makeCaller, rootCaller } from './auth/caller.js';
import type { IdentityPolicies } from './auth/identity-policies.js';
import type { RequestContext } from './auth/request-context.js';
import { type KmsError, UnknownOperationException } from './errors.js';
import { Binding } from './internal/binding.js';
import { partitionOf } from './keystore/identifiers.js';
import { InMemoryStateStore } from './keystore/state-store.js';
import { createAlias, deleteAlias, listAliases, updateAlias } from './ops/aliases.js';
import { type OperationContext, operationContext } from './ops/context.js';
import { decrypt, encrypt, generateDataKey, generateDataKeyWithoutPlaintext, reEncrypt } from './ops/crypto.js';
import { generateDataKeyPair, generateDataKeyPairWithoutPlaintext } from './ops/data-key-pairs.js';
import { createGrant, listGrants, listRetirableGrants, retireGrant, revokeGrant } from './ops/grants.js';
import { deriveSharedSecret } from './ops/key-agreement.js';
import { getKeyPolicy, listKeyPolicies, putKeyPolicy } from './ops/key-policies.js';
import { generateMac, verifyMac } from './ops/mac.js';
import { getPublicKey, sign, verify } from './ops/signing.js';
import {
  cancelKeyDeletion,
  createKey,
  describeKey,
  disableKey,
  enableKey,
  listKeys,
  scheduleKeyDeletion,
  updateKeyDescription,
} from './ops/keys.js';
import { generateRandom } from './ops/random.js';
import { listResourceTags, tagResource, untagResource } from './ops/tags.js';
import { checkScope, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type KmsOptions, type KmsPartitionOptions } from './options.js';
import { KmsPartition } from './partition.js';
import type * as T from './types.js';
import { createWorld, type World } from './world.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Every operation by its AWS name: the one table `Kms.dispatch`, and through it every transport, routes by. */
export const OPERATIONS = Object.freeze({
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  UpdateKeyDescription: updateKeyDescription,
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
  Encrypt: encrypt,
  Decrypt: decrypt,
  ReEncrypt: reEncrypt,
  GenerateDataKey: generateDataKey,
  GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
  GenerateDataKeyPair: generateDataKeyPair,
  GenerateDataKeyPairWithoutPlaintext: generateDataKeyPairWithoutPlaintext,
  GenerateRandom: generateRandom,
  GenerateMac: generateMac,
  VerifyMac: verifyMac,
  Sign: sign,
  Verify: verify,
  GetPublicKey: getPublicKey,
  DeriveSharedSecret: deriveSharedSecret,
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
  ListKeyPolicies: listKeyPolicies,
  CreateGrant: createGrant,
  ListGrants: listGrants,
  ListRetirableGrants: listRetirableGrants,
  RetireGrant: retireGrant,
  RevokeGrant: revokeGrant,
});

export type OperationName = keyof typeof OPERATIONS;

export class Kms {
  readonly accountId: string;
  readonly region: string;
  readonly #world: World;
  readonly #ctx: OperationContext;

  /** @throws {RangeError} for an account id or Region that AWS could not have */
  constructor(options: KmsOptions = {}) {
    if (options instanceof Binding) {
      this.#world = options.world;
      this.#ctx = options.ctx;
    } else {
      const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
      const region = options.region ?? DEFAULT_REGION;
      checkScope(accountId, region);
      const own = options.store;
      const world = createWorld(options, (a, r) => (own && a === accountId && r === region ? own : new InMemoryStateStore()));
      this.#world = world;
      this.#ctx = operationContext(world, world.account(accountId, region), rootCaller(partitionOf(region), accountId));
      world.handles.set(`${accountId}/${region}`, this);
    }
    this.accountId = this.#ctx.accountId;
    this.region = this.#ctx.region;
  }

  /** The name of the crypto provider this `Kms` runs on. */
  get providerName(): string {
    return this.#ctx.provider.name;
  }

  /** The ARN of the principal this handle acts as. */
  get principal(): string {
    return this.#ctx.caller.principal.arn;
  }

  /**
   * A handle on the same state that acts as `principal`: an account id or root ARN, an IAM user,
   * role, assumed-role session or federated user ARN, or a service principal
   * (`logs.amazonaws.com`). A principal of another account acts in its own account (where its
   * key ids and aliases resolve), and reaches this account's keys by ARN, as in AWS.
   * `requestContext` carries what AWS derives from the request (`viaService`, `sourceIp`, ...).
   * @throws {TypeError} for a value that is not a principal
   */
  as(principal: string, requestContext?: RequestContext): Kms {
    const caller = makeCaller(principal, this.#ctx.partition, requestContext);
    const account = this.#world.account(caller.accountId ?? this.accountId, this.region);
    return new Kms(new Binding(this.#world, operationContext(this.#world, account, caller)) as KmsOptions);
  }

  /** The partition this `Kms` belongs to: other accounts and Regions, and IAM. */
  get partition(): KmsPartition {
    const existing = this.#world.partitionHandle as KmsPartition | undefined;
    // A world passed as the options makes the partition adopt it (internal, like Binding).
    return existing ?? new KmsPartition(this.#world as unknown as KmsPartitionOptions);
  }

  /** IAM identity policies of the partition (the same object as `partition.iam`). */
  get iam(): IdentityPolicies {
    return this.#world.iam;
  }

  createKey(input?: T.CreateKeyRequest): Promise<T.CreateKeyResponse> {
    return createKey(this.#ctx, input);
  }
  describeKey(input: T.DescribeKeyRequest): Promise<T.DescribeKeyResponse> {
    return describeKey(this.#ctx, input);
  }
  listKeys(input?: T.ListKeysRequest): Promise<T.ListKeysResponse> {
    return listKeys(this.#ctx, input);
  }
  enableKey(input: T.EnableKeyRequest): Promise<T.EmptyResponse> {
    return enableKey(this.#ctx, input);
  }
  disableKey(input: T.DisableKeyRequest): Promise<T.EmptyResponse> {
    return disableKey(this.#ctx, input);
  }
  scheduleKeyDeletion(input: T.ScheduleKeyDeletionRequest): Promise<T.ScheduleKeyDeletionResponse> {
    return scheduleKeyDeletion(this.#ctx, input);
  }
  cancelKeyDeletion(input: T.CancelKeyDeletionRequest): Promise<T.CancelKeyDeletionResponse> {
    return cancelKeyDeletion(this.#ctx, input);
  }
  updateKeyDescription(input: T.UpdateKeyDescriptionRequest): Promise<T.EmptyResponse> {
    return updateKeyDescription(this.#ctx, input);
  }
  createAlias(input: T.CreateAliasRequest): Promise<T.EmptyResponse> {
    return createAlias(this.#ctx, input);
  }
  updateAlias(input: T.UpdateAliasRequest): Promise<T.EmptyResponse> {
    return updateAlias(this.#ctx, input);
  }
  deleteAlias(input: T.DeleteAliasRequest): Promise<T.EmptyResponse> {
    return deleteAlias(this.#ctx, input);
  }
  listAliases(input?: T.ListAliasesRequest): Promise<T.ListAliasesResponse> {
    return listAliases(this.#ctx, input);
  }
  tagResource(input: T.TagResourceRequest): Promise<T.EmptyResponse> {
    return tagResource(this.#ctx, input);
  }
  untagResource(input: T.UntagResourceRequest): Promise<T.EmptyResponse> {
    return untagResource(this.#ctx, input);
  }
  listResourceTags(input: T.ListResourceTagsRequest): Promise<T.ListResourceTagsResponse> {
    return listResourceTags(this.#ctx, input);
  }
  encrypt(input: T.EncryptRequest): Promise<T.EncryptResponse> {
    return encrypt(this.#ctx, input);
  }
  decrypt(input: T.DecryptRequest): Promise<T.DecryptResponse> {
    return decrypt(this.#ctx, input);
  }
  reEncrypt(input: T.ReEncryptRequest): Promise<T.ReEncryptResponse> {
    return reEncrypt(this.#ctx, input);
  }
  generateDataKey(input: T.GenerateDataKeyRequest): Promise<T.GenerateDataKeyResponse> {
    return generateDataKey(this.#ctx, input);
  }
  generateDataKeyWithoutPlaintext(input: T.GenerateDataKeyWithoutPlaintextRequest): Promise<T.GenerateDataKeyWithoutPlaintextResponse> {
    return generateDataKeyWithoutPlaintext(this.#ctx, input);
  }
  generateDataKeyPair(input: T.GenerateDataKeyPairRequest): Promise<T.GenerateDataKeyPairResponse> {
    return generateDataKeyPair(this.#ctx, input);
  }
  generateDataKeyPairWithoutPlaintext(input: T.GenerateDataKeyPairWithoutPlaintextRequest): Promise<T.GenerateDataKeyPairWithoutPlaintextResponse> {
    return generateDataKeyPairWithoutPlaintext(this.#ctx, input);
  }
  generateRandom(input?: T.GenerateRandomRequest): Promise<T.GenerateRandomResponse> {
    return generateRandom(this.#ctx, input);
  }
  generateMac(input: T.GenerateMacRequest): Promise<T.GenerateMacResponse> {
    return generateMac(this.#ctx, input);
  }
  verifyMac(input: T.VerifyMacRequest): Promise<T.VerifyMacResponse> {
    return verifyMac(this.#ctx, input);
  }
  sign(input: T.SignRequest): Promise<T.SignResponse> {
    return sign(this.#ctx, input);
  }
  verify(input: T.VerifyRequest): Promise<T.VerifyResponse> {
    return verify(this.#ctx, input);
  }
  getPublicKey(input: T.GetPublicKeyRequest): Promise<T.GetPublicKeyResponse> {
    return getPublicKey(this.#ctx, input);
  }
  deriveSharedSecret(input: T.DeriveSharedSecretRequest): Promise<T.DeriveSharedSecretResponse> {
    return deriveSharedSecret(this.#ctx, input);
  }
  getKeyPolicy(input: T.GetKeyPolicyRequest): Promise<T.GetKeyPolicyResponse> {
    return getKeyPolicy(this.#ctx, input);
  }
  putKeyPolicy(input: T.PutKeyPolicyRequest): Promise<T.EmptyResponse> {
    return putKeyPolicy(this.#ctx, input);
  }
  listKeyPolicies(input: T.ListKeyPoliciesRequest): Promise<T.ListKeyPoliciesResponse> {
    return listKeyPolicies(this.#ctx, input);
  }
  createGrant(input: T.CreateGrantRequest): Promise<T.CreateGrantResponse> {
    return createGrant(this.#ctx, input);
  }
  listGrants(input: T.ListGrantsRequest): Promise<T.ListGrantsResponse> {
    return listGrants(this.#ctx, input);
  }
  listRetirableGrants(input: T.ListRetirableGrantsRequest): Promise<T.ListRetirableGrantsResponse> {
    return listRetirableGrants(this.#ctx, input);
  }
  retireGrant(input?: T.RetireGrantRequest): Promise<T.EmptyResponse> {
    return retireGrant(this.#ctx, input);
  }
  revokeGrant(input: T.RevokeGrantRequest): Promise<T.EmptyResponse> {
    return revokeGrant(this.#ctx, input);
  }

  /**
   * Runs an operation by its AWS name: the entry point for transports (HTTP, SDK handlers).
   * @throws {@link UnknownOperationException} for a name that is not an operation
   * @throws {@link KmsError} as the operation does
   */
  async dispatch(operation: string, input: unknown): Promise<unknown> {
    // Own properties only: an inherited name such as "constructor" must not reach the context.
    if (!Object.hasOwn(OPERATIONS, operation)) throw new UnknownOperationException(`Unknown operation ${operation}`);
    return (OPERATIONS[operation as OperationName] as (ctx: OperationContext, input: unknown) => Promise<unknown>)(this.#ctx, input);
  }

  toJSON(): { accountId: string; region: string; provider: string; principal: string } {
    return { accountId: this.accountId, region: this.region, provider: this.providerName, principal: this.principal };
  }

  toString(): string {
    return `Kms(${this.accountId}, ${this.region}, ${this.providerName}, ${this.principal})`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}

