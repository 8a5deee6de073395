/** CreateAlias, UpdateAlias, DeleteAlias, ListAliases. @module */
import { authorizeIam, authorizeKey } from '../auth/authorize.js';
import { AlreadyExistsException, InvalidAliasNameException, LimitExceededException, NotFoundException, ValidationException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import { aliasArn, keyArn } from '../keystore/identifiers.js';
import type { AliasRecord } from '../keystore/key-record.js';
import type {
  AliasListEntry,
  CreateAliasRequest,
  DeleteAliasRequest,
  EmptyResponse,
  ListAliasesRequest,
  ListAliasesResponse,
  UpdateAliasRequest,
} from '../types.js';
import type { OperationContext } from './context.js';
import { accessKey } from './access.js';
import { assertKeyState } from './key-state.js';
import { paginate } from './paginate.js';
import { KEY_ID_OR_ARN, liveKey, purgeExpiredKeys, resolveKey } from './resolve.js';
import { SHAPES } from './shapes.js';

const MAX_ALIASES_PER_KEY = 50;
/** The model pattern allows `:`; the developer guide and the service do not, after the prefix. */
const ALIAS_SUFFIX = /^[a-zA-Z0-9/_-]+$/;

/** @throws {@link ValidationException} for a name without the `alias/` prefix */
function checkAliasPrefix(name: string): void {
  if (!name.startsWith('alias/')) {
    throw new ValidationException(
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
}

/** @throws {@link ValidationException} or {@link InvalidAliasNameException} for a name AWS refuses */
function checkCustomerAliasName(name: string): void {
  checkAliasPrefix(name);
  if (name.startsWith('alias/aws/')) {
    throw new InvalidAliasNameException('Alias names that begin with alias/aws/ are reserved for AWS managed keys.');
  }
  if (!ALIAS_SUFFIX.test(name.slice('alias/'.length))) {
    throw new InvalidAliasNameException(
      'Alias name must contain only alphanumeric characters, forward slashes (/), underscores (_), and dashes (-) after the prefix "alias/".',
    );
  }
}

export async function createAlias(ctx: OperationContext, input: CreateAliasRequest): Promise<EmptyResponse> {
  const request = validateRequest<CreateAliasRequest>(input, SHAPES.CreateAlias);
  const name = request.AliasName!;
  checkCustomerAliasName(name);
  // Two permissions: on the alias (IAM) and on the key (key policy).
  authorizeIam(ctx, 'CreateAlias', aliasArn(ctx, name));
  const { record: target, arn } = accessKey(ctx, request.TargetKeyId!, KEY_ID_OR_ARN, 'CreateAlias');
  assertKeyState('CreateAlias', target.keyState, arn);
  if (ctx.store.getAlias(name)) throw new AlreadyExistsException(`An alias with the name ${aliasArn(ctx, name)} already exists`);
  let count = 0;
  for (const alias of ctx.store.aliases()) if (alias.targetKeyId === target.keyId) count++;
  if (count >= MAX_ALIASES_PER_KEY) {
    throw new LimitExceededException(`Key ${arn} already has the maximum of ${MAX_ALIASES_PER_KEY} aliases.`);
  }
  const now = ctx.now();
  ctx.store.commit({ putAliases: [Object.freeze({ aliasName: name, targetKeyId: target.keyId, creationDate: now, lastUpdatedDate: now })] });
  return {};
}

export async function updateAlias(ctx: OperationContext, input: UpdateAliasRequest): Promise<EmptyResponse> {
  const request = validateRequest<UpdateAliasRequest>(input, SHAPES.UpdateAlias);
  const name = request.AliasName!;
  checkCustomerAliasName(name);
  // Three permissions: on the alias (IAM), on the key it leaves and on the key it moves to.
  authorizeIam(ctx, 'UpdateAlias', aliasArn(ctx, name));
  const alias = ctx.store.getAlias(name);
  if (!alias) throw new NotFoundException(`Alias ${aliasArn(ctx, name)} is not found.`);
  const { record: target, arn } = accessKey(ctx, request.TargetKeyId!, KEY_ID_OR_ARN, 'UpdateAlias');
  const current = liveKey(ctx, ctx, alias.targetKeyId);
  if (current) authorizeKey(ctx, 'UpdateAlias', { owner: ctx, record: current, arn: keyArn(ctx, current.keyId) });
  assertKeyState('UpdateAlias', target.keyState, arn);
  if (current && (current.keyUsage !== target.keyUsage || current.keySpec !== target.keySpec)) {
    throw new ValidationException(
      `Alias ${aliasArn(ctx, name)} cannot be moved to a key of a different type or key usage (${current.keySpec}/${current.keyUsage} to ${target.keySpec}/${target.keyUsage}).`,
    );
  }
  ctx.store.commit({ putAliases: [Object.freeze({ ...alias, targetKeyId: target.keyId, lastUpdatedDate: ctx.now() })] });
  return {};
}

export async function deleteAlias(ctx: OperationContext, input: DeleteAliasRequest): Promise<EmptyResponse> {
  const request = validateRequest<DeleteAliasRequest>(input, SHAPES.DeleteAlias);
  const name = request.AliasName!;
  checkAliasPrefix(name);
  authorizeIam(ctx, 'DeleteAlias', aliasArn(ctx, name));
  const alias = ctx.store.getAlias(name);
  if (!alias) throw new NotFoundException(`Alias ${aliasArn(ctx, name)} is not found.`);
  const target = liveKey(ctx, ctx, alias.targetKeyId);
  if (target) authorizeKey(ctx, 'DeleteAlias', { owner: ctx, record: target, arn: keyArn(ctx, target.keyId) });
  ctx.store.commit({ deleteAliases: [name] });
  return {};
}

export async function listAliases(ctx: OperationContext, input: ListAliasesRequest | undefined): Promise<ListAliasesResponse> {
  const request = validateRequest<ListAliasesRequest>(input, SHAPES.ListAliases);
  authorizeIam(ctx, 'ListAliases', '*');
  const keyId = request.KeyId === undefined ? undefined : resolveKey(ctx, request.KeyId, KEY_ID_OR_ARN, 'ListAliases').record.keyId;
  purgeExpiredKeys(ctx);
  const aliases = [...ctx.store.aliases()]
    .filter((alias) => keyId === undefined || alias.targetKeyId === keyId)
    .sort((a, b) => (a.aliasName < b.aliasName ? -1 : a.aliasName > b.aliasName ? 1 : 0));
  const entries = aliases.map((alias, i) => [i, aliasEntry(ctx, alias)] as const);
  const page = paginate(ctx, `ListAliases:${keyId ?? ''}`, entries, request, { defaultLimit: 50, maxLimit: 100 });
  return { Aliases: page.items, Truncated: page.Truncated, ...(page.NextMarker && { NextMarker: page.NextMarker }) };
}

function aliasEntry(ctx: OperationContext, alias: AliasRecord): AliasListEntry {
  return {
    AliasName: alias.aliasName,
    AliasArn: aliasArn(ctx, alias.aliasName),
    TargetKeyId: alias.targetKeyId,
    CreationDate: new Date(alias.creationDate),
    LastUpdatedDate: new Date(alias.lastUpdatedDate),
  };
}
