/**
 * CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant (kms-api.md §6).
 *
 * Grants live in the store of the key's account, so a grant on another account's key (created by
 * ARN, as AWS allows) is visible to that account too. A grant token carries the key's location,
 * so RetireGrant by token finds the grant from any account.
 * @module
 */
import { authorizeIam, authorizeKey, identityDecision } from '../auth/authorize.js';
import { accessDenied } from '../auth/access-denied.js';
import { granteeIndexKey, type Caller } from '../auth/caller.js';
import type { RequestFacts } from '../auth/condition-context.js';
import { accountRootArn, parsePrincipal } from '../auth/principal.js';
import { toHex } from '../crypto/bytes.js';
import {
  dryRunSucceeded,
  InvalidArnException,
  InvalidGrantIdException,
  InvalidGrantTokenException,
  LimitExceededException,
  NotFoundException,
  ValidationException,
} from '../errors.js';
import { isAtLeastAsStrict } from '../grants/constraints.js';
import { freezeContext, freezeGrant, sameGrantSettings, type GrantConstraintsRecord, type GrantRecord } from '../grants/grant-record.js';
import { decodeGrantToken, encodeGrantToken, GRANT_TOKEN_NONCE_BYTES } from '../grants/grant-token.js';
import { grantableOperations } from '../grants/grantable-operations.js';
import { validateRequest } from '../internal/validate.js';
import { keyArn } from '../keystore/identifiers.js';
import type {
  CreateGrantRequest,
  CreateGrantResponse,
  EmptyResponse,
  GrantConstraints,
  GrantListEntry,

  ListGrantsRequest,
  ListGrantsResponse,
  ListRetirableGrantsRequest,
  ListRetirableGrantsResponse,
  RetireGrantRequest,
  RevokeGrantRequest,
} from '../types.js';
import type { AccountState } from '../world.js';
import { accessKey } from './access.js';
import type { OperationContext } from './context.js';
import { grantIdsOf } from './grant-tokens.js';
import { assertKeyState } from './key-state.js';
import { paginate } from './paginate.js';
import { KEY_ID_OR_ARN, type KeyTarget, liveKey, purgeExpiredKeys, resolveKey } from './resolve.js';
import { SHAPES } from './shapes.js';

/** The service quota on grants for one key. */
const MAX_GRANTS_PER_KEY = 50_000;
const GRANT_ID = /^[0-9a-f]{64}$/;

/** @throws {@link ValidationException} for a principal AWS would not accept as a grantee */
function checkPrincipal(value: string, member: string): void {
  const principal = parsePrincipal(value);
  if (!principal || principal.kind === 'service') {
    throw new ValidationException(`${value} is not a valid ${member}: use the ARN of an AWS account, IAM user, role, federated user or assumed-role session.`);
  }
}

function constraintsRecord(constraints: GrantConstraints | undefined): GrantConstraintsRecord | undefined {
  const equals = constraints?.EncryptionContextEquals;
  const subset = constraints?.EncryptionContextSubset;
  if (equals === undefined && subset === undefined) return undefined;
  return {
    ...(equals !== undefined && { encryptionContextEquals: freezeContext(equals) }),
    ...(subset !== undefined && { encryptionContextSubset: freezeContext(subset) }),
  };
}

/** The condition keys of a CreateGrant request; the constraint's context is its `kms:EncryptionContext:`. */
function createGrantFacts(ctx: OperationContext, request: CreateGrantRequest, grantIds: ReadonlySet<string>): RequestFacts {
  const constraints = request.Constraints;
  const constraintType = constraints?.EncryptionContextEquals
    ? 'EncryptionContextEquals'
    : constraints?.EncryptionContextSubset
      ? 'EncryptionContextSubset'
      : undefined;
  return {
    encryptionContext: constraints?.EncryptionContextEquals ?? constraints?.EncryptionContextSubset,
    grantIds,
    values: {
      'kms:grantoperations': request.Operations!,
      'kms:granteeprincipal': request.GranteePrincipal!,
      'kms:retiringprincipal': request.RetiringPrincipal,
      'kms:grantconstrainttype': constraintType,
      'kms:grantisforawsresource': String(ctx.caller.request.viaService !== undefined),
    },
  };
}

export async function createGrant(ctx: OperationContext, input: CreateGrantRequest): Promise<CreateGrantResponse> {
  const request = validateRequest<CreateGrantRequest>(input, SHAPES.CreateGrant);
  const grantIds = grantIdsOf(request.GrantTokens);
  const operations = request.Operations!;
  if (operations.length === 0) throw new ValidationException('Operations must contain at least one grant operation.');
  checkPrincipal(request.GranteePrincipal!, 'GranteePrincipal');
  if (request.RetiringPrincipal !== undefined) checkPrincipal(request.RetiringPrincipal, 'RetiringPrincipal');
  const constraints = constraintsRecord(request.Constraints);
  const target = resolveKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'CreateGrant');
  // Through a grant, a caller may pass on only what it holds, under constraints at least as strict.
  authorizeKey(ctx, 'CreateGrant', target, createGrantFacts(ctx, request, grantIds), (parent) =>
    operations.every((op) => parent.operations.includes(op)) && isAtLeastAsStrict(constraints, parent.constraints),
  );
  const { owner, record, arn } = target;
  assertKeyState('CreateGrant', record.keyState, arn);
  const allowed = grantableOperations(record.keySpec, record.keyUsage);
  const refused = operations.filter((op) => !allowed.has(op));
  if (refused.length > 0) {
    throw new ValidationException(`Grant operations ${refused.join(', ')} are not valid for ${arn}, a ${record.keySpec} key for ${record.keyUsage}.`);
  }
  // The API reference: no encryption context constraint on asymmetric or HMAC keys.
  if (constraints && record.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new ValidationException(`Encryption context grant constraints are valid only for symmetric encryption keys; ${arn} is a ${record.keySpec} key.`);
  }
  if (request.DryRun) throw dryRunSucceeded();

  const candidate = freezeGrant({
    grantId: toHex(ctx.random.take(32)),
    keyId: record.keyId,
    ...(request.Name !== undefined && { name: request.Name }),
    creationDate: ctx.now(),
    granteePrincipal: request.GranteePrincipal!,
    ...(request.RetiringPrincipal !== undefined && { retiringPrincipal: request.RetiringPrincipal }),
    issuingAccount: accountRootArn(owner.partition, owner.accountId),
    operations,
    ...(constraints && { constraints }),
  });
  // A Name makes CreateGrant idempotent: the same settings again return the same grant.
  const existing = request.Name === undefined ? undefined : findSame(owner, candidate);
  const grant = existing ?? candidate;
  if (!existing) {
    let count = 0;
    for (const _ of owner.store.grantsForKey(record.keyId)) count++;
    if (count >= MAX_GRANTS_PER_KEY) throw new LimitExceededException(`Key ${arn} already has the maximum of ${MAX_GRANTS_PER_KEY} grants.`);
    owner.store.commit({ putGrants: [grant] });
  }
  const token = encodeGrantToken(
    { region: owner.region, accountId: owner.accountId, keyId: record.keyId, grantId: grant.grantId },
    ctx.random.take(GRANT_TOKEN_NONCE_BYTES),
  );
  return { GrantToken: token, GrantId: grant.grantId };
}

function findSame(owner: AccountState, candidate: GrantRecord): GrantRecord | undefined {
  for (const grant of owner.store.grantsForKey(candidate.keyId)) if (sameGrantSettings(grant, candidate)) return grant;
  return undefined;
}

function grantEntry(owner: AccountState, grant: GrantRecord): GrantListEntry {
  const { constraints } = grant;
  return {
    KeyId: keyArn(owner, grant.keyId),
    GrantId: grant.grantId,
    ...(grant.name !== undefined && { Name: grant.name }),
    CreationDate: new Date(grant.creationDate),
    GranteePrincipal: grant.granteePrincipal ?? grant.granteeServicePrincipal!,
    ...(grant.retiringPrincipal !== undefined && { RetiringPrincipal: grant.retiringPrincipal }),
    IssuingAccount: grant.issuingAccount,
    Operations: [...grant.operations],
    ...(constraints && {
      Constraints: {
        ...(constraints.encryptionContextEquals && { EncryptionContextEquals: { ...constraints.encryptionContextEquals } }),
        ...(constraints.encryptionContextSubset && { EncryptionContextSubset: { ...constraints.encryptionContextSubset } }),
      },
    }),
  };
}

/** @throws {@link InvalidGrantIdException} for a value that cannot be a grant id */
function checkGrantId(grantId: string): void {
  if (!GRANT_ID.test(grantId)) throw new InvalidGrantIdException(`Invalid grant ID ${grantId}`);
}

export async function listGrants(ctx: OperationContext, input: ListGrantsRequest): Promise<ListGrantsResponse> {
  const request = validateRequest<ListGrantsRequest>(input, SHAPES.ListGrants);
  const facts = { values: { 'kms:grantisforawsresource': String(ctx.caller.request.viaService !== undefined) } };
  const { owner, record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'ListGrants', facts);
  assertKeyState('ListGrants', record.keyState, arn);
  if (request.GrantId !== undefined && !owner.store.getGrant(record.keyId, request.GrantId)) {
    throw new InvalidGrantIdException(`Grant ID ${request.GrantId} not found for key ${arn}`);
  }
  const grantee = request.GranteePrincipal;
  const grants = [...owner.store.grantsForKey(record.keyId)].filter(
    (g) => (request.GrantId === undefined || g.grantId === request.GrantId) && (grantee === undefined || g.granteePrincipal === grantee),
  );
  const entries = grants.map((grant, i) => [i, grantEntry(owner, grant)] as const);
  const page = paginate(ctx, `ListGrants:${arn}:${request.GrantId ?? ''}:${grantee ?? ''}`, entries, request, { defaultLimit: 50, maxLimit: 100 });
  return { Grants: page.items, Truncated: page.Truncated, ...(page.NextMarker && { NextMarker: page.NextMarker }) };
}

/** Whether `value` (a principal ARN in a grant) names the caller: itself, or the role of its session. */
function namesCaller(caller: Caller, value: string | undefined): boolean {
  const principal = value === undefined ? undefined : parsePrincipal(value);
  return principal !== undefined && caller.granteeKeys.includes(granteeIndexKey(principal));
}

export async function listRetirableGrants(ctx: OperationContext, input: ListRetirableGrantsRequest): Promise<ListRetirableGrantsResponse> {
  const request = validateRequest<ListRetirableGrantsRequest>(input, SHAPES.ListRetirableGrants);
  // The API reference: "The authorized resource in ListRetirableGrants calls is the retiring principal".
  authorizeIam(ctx, 'ListRetirableGrants', request.RetiringPrincipal!);
  const wanted = parsePrincipal(request.RetiringPrincipal!);
  if (!wanted || wanted.kind === 'service') throw new InvalidArnException(`Invalid arn ${request.RetiringPrincipal}`);
  // AWS lists retirable grants only for a principal of the caller's own account.
  if (wanted.accountId !== ctx.caller.accountId) {
    throw new NotFoundException(`${request.RetiringPrincipal} is not a principal in account ${ctx.caller.accountId ?? ctx.accountId}.`);
  }
  const key = granteeIndexKey(wanted);
  const entries: (readonly [number, GrantListEntry])[] = [];
  for (const owner of ctx.world.accounts()) {
    if (owner.region !== ctx.region) continue;
    purgeExpiredKeys(ctx, owner);
    for (const grant of owner.store.grants()) {
      const retiring = grant.retiringPrincipal === undefined ? undefined : parsePrincipal(grant.retiringPrincipal);
      if (retiring && granteeIndexKey(retiring) === key) entries.push([entries.length, grantEntry(owner, grant)]);
    }
  }
  const page = paginate(ctx, `ListRetirableGrants:${key}`, entries, request, { defaultLimit: 50, maxLimit: 100 });
  return { Grants: page.items, Truncated: page.Truncated, ...(page.NextMarker && { NextMarker: page.NextMarker }) };
}

/** The grant RetireGrant names: by token, or by key and grant id. */
function grantToRetire(ctx: OperationContext, request: RetireGrantRequest): { target: KeyTarget; grant: GrantRecord } {
  if (request.GrantToken !== undefined) {
    const fields = decodeGrantToken(request.GrantToken);
    if (!fields) throw new InvalidGrantTokenException('The grant token is not valid.');
    const owner =
      fields.accountId === ctx.accountId && fields.region === ctx.region ? ctx : ctx.world.existingAccount(fields.accountId, fields.region);
    const record = owner && fields.region === ctx.region ? liveKey(ctx, owner, fields.keyId) : undefined;
    const grant = owner && record && owner.store.getGrant(record.keyId, fields.grantId);
    if (!owner || !record || !grant) throw new NotFoundException('Grant not found for the grant token.');
    return { target: { owner, record, arn: keyArn(owner, record.keyId) }, grant };
  }
  if (request.KeyId === undefined || request.GrantId === undefined) {
    throw new ValidationException('Either GrantToken, or both KeyId and GrantId, must be specified.');
  }
  // RetireGrant reaches keys across accounts as RevokeGrant does; the grant, not a policy, decides.
  const target = resolveKey(ctx, request.KeyId, KEY_ID_OR_ARN, 'RevokeGrant');
  checkGrantId(request.GrantId);
  const grant = target.owner.store.getGrant(target.record.keyId, request.GrantId);
  if (!grant) throw new NotFoundException(`Grant ID ${request.GrantId} not found for key ${target.arn}`);
  return { target, grant };
}

/**
 * Who may retire a grant (kms-api.md §6.5): its retiring principal; its grantee when the grant
 * includes RetireGrant; the account that owns the key; and, through an identity policy allowing
 * kms:RetireGrant, the identities of the retiring account or of the key's account. An identity
 * policy that denies kms:RetireGrant stops all of them. `kms:RetireGrant` in a key policy has no
 * effect.
 */
export async function retireGrant(ctx: OperationContext, input: RetireGrantRequest | undefined): Promise<EmptyResponse> {
  const request = validateRequest<RetireGrantRequest>(input, SHAPES.RetireGrant);
  const { target, grant } = grantToRetire(ctx, request);
  const caller = ctx.caller;
  const identity = identityDecision(ctx, 'RetireGrant', target.arn);
  const retiringAccount = grant.retiringPrincipal === undefined ? undefined : parsePrincipal(grant.retiringPrincipal);
  const allowed =
    namesCaller(caller, grant.retiringPrincipal) ||
    (grant.operations.includes('RetireGrant') && namesCaller(caller, grant.granteePrincipal)) ||
    (identity.allow &&
      (caller.accountId === target.owner.accountId ||
        (retiringAccount?.kind === 'root' && retiringAccount.accountId === caller.accountId)));
  if (!allowed) throw accessDenied(caller, 'kms:RetireGrant', target.arn, 'noIdentityAllow');
  if (request.DryRun) throw dryRunSucceeded();
  target.owner.store.commit({ deleteGrants: [{ keyId: grant.keyId, grantId: grant.grantId }] });
  return {};
}

export async function revokeGrant(ctx: OperationContext, input: RevokeGrantRequest): Promise<EmptyResponse> {
  const request = validateRequest<RevokeGrantRequest>(input, SHAPES.RevokeGrant);
  const facts = { values: { 'kms:grantisforawsresource': String(ctx.caller.request.viaService !== undefined) } };
  const { owner, record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'RevokeGrant', facts);
  checkGrantId(request.GrantId!);
  const grant = owner.store.getGrant(record.keyId, request.GrantId!);
  if (!grant) throw new NotFoundException(`Grant ID ${request.GrantId} not found for key ${arn}`);
  if (request.DryRun) throw dryRunSucceeded();
  owner.store.commit({ deleteGrants: [{ keyId: grant.keyId, grantId: grant.grantId }] });
  return {};
}

