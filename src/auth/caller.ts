/**
 * Who is making a request: the principal, parsed once when a handle is made with `Kms.as`, and
 * the request context that came with it.
 * @module
 */
import { accountRootArn, parsePrincipal, type Principal } from './principal.js';
import { copyRequestContext, type RequestContext } from './request-context.js';

export interface Caller {
  readonly principal: Principal;
  /** The caller's account; undefined for an AWS service principal, which belongs to no account. */
  readonly accountId: string | undefined;
  /** Where the caller's identity policies are filed; undefined for account roots and services. */
  readonly identityKey: string | undefined;
  readonly request: RequestContext;
  /** The grantee index keys that cover this caller directly: itself and, for a session, its role. */
  readonly granteeKeys: readonly string[];
  /** The index key of the caller's account root: a grant to the account delegates to IAM. */
  readonly accountKey: string | undefined;
}

/**
 * The key identity policies are filed under. IAM user and role names are unique in an account
 * whatever their path, and a role session carries only the role name, so paths are left out.
 */
export function identityKeyOf(principal: Principal): string | undefined {
  switch (principal.kind) {
    case 'user':
    case 'role':
    case 'federatedUser':
      return `${principal.kind}:${principal.partition}:${principal.accountId}:${principal.name}`;
    case 'assumedRole':
      return `role:${principal.partition}:${principal.accountId}:${principal.roleName}`;
    default:
      return undefined;
  }
}

/**
 * The key a principal is indexed by in grant lookups. IAM user and role names are unique in their
 * account, so a path in the ARN does not make a different principal and is dropped.
 */
export function granteeIndexKey(principal: Principal): string {
  switch (principal.kind) {
    case 'user':
    case 'role':
      return `arn:${principal.partition}:iam::${principal.accountId}:${principal.kind}/${principal.name}`;
    case 'service':
      return principal.service;
    default:
      return principal.arn;
  }
}

/**
 * @throws {TypeError} for a value that is not a principal AWS could authenticate
 */
export function makeCaller(value: string, partition: string, context?: RequestContext): Caller {
  if (typeof value !== 'string') throw new TypeError('principal must be a string');
  const principal = parsePrincipal(value, partition);
  if (!principal) {
    throw new TypeError(
      `"${value}" is not a principal: use an account id, an account root, IAM user, role, assumed-role session or federated user ARN, or a service principal such as "logs.amazonaws.com"`,
    );
  }
  if (principal.kind !== 'service' && principal.partition !== partition) {
    throw new TypeError(`"${value}" belongs to the ${principal.partition} partition and cannot call a Region of the ${partition} partition`);
  }
  return Object.freeze({
    principal,
    accountId: principal.kind === 'service' ? undefined : principal.accountId,
    identityKey: identityKeyOf(principal),
    request: copyRequestContext(context),
    granteeKeys: Object.freeze(
      principal.kind === 'assumedRole'
        ? [principal.arn, `arn:${principal.partition}:iam::${principal.accountId}:role/${principal.roleName}`]
        : [granteeIndexKey(principal)],
    ),
    accountKey:
      principal.kind === 'service' || principal.kind === 'root' ? undefined : accountRootArn(principal.partition, principal.accountId),
  });
}

/** The account root: what a plain `kms.method()` call acts as. */
export function rootCaller(partition: string, accountId: string): Caller {
  return makeCaller(accountRootArn(partition, accountId), partition);
}
