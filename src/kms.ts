/**
 * `Kms`: AWS Key Management Service for one account in one Region, in this process.
 *
 * Each method is named after the AWS operation, takes the `@aws-sdk/client-kms` input shape and
 * resolves to its output shape (without `$metadata`), so a `Kms` can stand in wherever code expects
 * a KMS client with those methods. Failures reject with {@link KmsError} subclasses named as the
 * AWS exceptions.
 * @module
 */
import { nobleProvider } from './crypto/noble.js';
import type { CryptoProvider } from './crypto/provider.js';
import { type KmsError, UnknownOperationException } from './errors.js';
import { MarkerCodec } from './internal/markers.js';
import { RandomPool } from './internal/random-pool.js';
import { partitionOf } from './keystore/identifiers.js';
import { InMemoryStateStore, type StateStore } from './keystore/state-store.js';
import { createAlias, deleteAlias, listAliases, updateAlias } from './ops/aliases.js';
import type { OperationContext } from './ops/context.js';
import { decrypt, encrypt, generateDataKey, generateDataKeyWithoutPlaintext, reEncrypt } from './ops/crypto.js';
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
import { checkOptions, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type KmsOptions } from './options.js';
import type * as T from './types.js';

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
  GenerateRandom: generateRandom,
});

export type OperationName = keyof typeof OPERATIONS;

export class Kms {
  readonly accountId: string;
  readonly region: string;
  readonly #ctx: OperationContext;

  /** @throws {RangeError} for an account id or Region that AWS could not have */
  constructor(options: KmsOptions = {}) {
    const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    const region = options.region ?? DEFAULT_REGION;
    checkOptions(accountId, region);
    const provider: CryptoProvider = options.provider ?? nobleProvider();
    const clock = options.clock ?? (() => new Date());
    const random = new RandomPool(options.random ?? ((n) => provider.randomBytes(n)));
    const store: StateStore = options.store ?? new InMemoryStateStore();
    let seq = -1;
    this.accountId = accountId;
    this.region = region;
    this.#ctx = Object.freeze({
      accountId,
      region,
      partition: partitionOf(region),
      store,
      provider,
      random,
      // A copy, so neither the clock nor a caller can change a stored date afterwards.
      now: () => new Date(clock().getTime()),
      markers: new MarkerCodec(random.take(32)),
      nextKeySeq: () => {
        if (seq < 0) for (const key of store.keys()) seq = Math.max(seq, key.seq);
        return ++seq;
      },
    });
  }

  /** The name of the crypto provider this `Kms` runs on. */
  get providerName(): string {
    return this.#ctx.provider.name;
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
  generateRandom(input?: T.GenerateRandomRequest): Promise<T.GenerateRandomResponse> {
    return generateRandom(this.#ctx, input);
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

  toJSON(): { accountId: string; region: string; provider: string } {
    return { accountId: this.accountId, region: this.region, provider: this.providerName };
  }

  toString(): string {
    return `Kms(${this.accountId}, ${this.region}, ${this.providerName})`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}

