/**
 * The Principal and NotPrincipal elements of key policies, pre-parsed into lookup sets.
 *
 * A caller is a chain of identities: its account, then (for a role session) its role, then
 * itself. `Principal` matches when it names any link: the account (an Allow then delegates to
 * the account's IAM policies rather than allowing the caller itself), the role, or the caller.
 * `NotPrincipal` spares a caller only when it names every link, which is why AWS tells you to
 * list the account, the role and the session to exempt one session from a Deny
 * (IAM User Guide, "AWS JSON policy elements: NotPrincipal").
 *
 * Wildcards never match part of a principal: `*` is the only wildcard, and means everyone.
 * @module
 */
import { parsePrincipal, type Principal } from '../auth/principal.js';
import { isObject, malformed, member, quote, stringList } from './json.js';
import { ACCOUNT, DIRECT } from './verdict.js';

interface Role {
  readonly partition: string;
  readonly accountId: string;
}

export interface PrincipalSet {
  readonly any: boolean;
  /** Account id → the partitions it is named in. */
  readonly accounts: ReadonlyMap<string, ReadonlySet<string>>;
  /** Exact IAM user, role, role session and federated user ARNs. */
  readonly arns: ReadonlySet<string>;
  /** Role name → the roles of that name, whose sessions they match. */
  readonly roles: ReadonlyMap<string, readonly Role[]>;
  readonly services: ReadonlySet<string>;
}

/** A PrincipalSet while it is being filled. */
interface Builder {
  any: boolean;
  readonly accounts: Map<string, Set<string>>;
  readonly arns: Set<string>;
  readonly roles: Map<string, Role[]>;
  readonly services: Set<string>;
}

/** AWS's message (KMS PutKeyPolicy / CreateKey), followed by what exactly is wrong. */
const INVALID = 'Policy contains a statement with one or more invalid principals.';
const MEMBERS: ReadonlySet<string> = new Set(['AWS', 'Service', 'Federated']);
/** Web identity providers (`accounts.google.com`) and SAML or OIDC provider ARNs. */
const FEDERATED = /^(?:arn:(?:aws|aws-cn|aws-us-gov):iam::\d{12}:(?:saml-provider|oidc-provider)\/[^\s*?]+|[a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i;

const invalid = (detail: string, where: string): Error => malformed(`${INVALID} ${detail}`, where);

/** Compiles a Principal or NotPrincipal element; `partition` places bare account ids. */
export function compilePrincipal(value: unknown, where: string, partition: string): PrincipalSet {
  const set: Builder = { any: value === '*', accounts: new Map(), arns: new Set(), roles: new Map(), services: new Set() };
  if (set.any) return set;
  if (!isObject(value)) throw invalid('A principal must be "*" or an object with AWS, Service or Federated members', where);
  const names = Object.keys(value);
  if (names.length === 0) throw invalid('The principal names no one', where);
  for (const name of names) {
    if (!MEMBERS.has(name)) throw invalid(`Unknown principal type ${quote(name)}: use AWS, Service or Federated`, where);
    const at = `${where}.${name}`;
    const values = stringList(member(value, name), at);
    if (values.length === 0) throw invalid(`${name} names no one`, at);
    values.forEach((text, i) => {
      if (name === 'AWS') addAws(set, text, `${at}[${i}]`, partition);
      else if (name === 'Service') addService(set, text, `${at}[${i}]`);
      // A federated identity calls KMS as an assumed-role session, never as itself: accepted, never matched.
      else if (!FEDERATED.test(text)) throw invalid(`${quote(text)} is not an identity provider name or SAML or OIDC provider ARN`, `${at}[${i}]`);
    });
  }
  return set;
}

function addAws(set: Builder, text: string, where: string, partition: string): void {
  if (text === '*') {
    set.any = true;
    return;
  }
  const principal = parsePrincipal(text, partition);
  if (!principal || principal.kind === 'service') {
    throw invalid(`${quote(text)} is not an account id, account root ARN, or IAM user, role, assumed-role session or federated user ARN`, where);
  }
  if (principal.kind === 'root') {
    const partitions = set.accounts.get(principal.accountId) ?? new Set<string>();
    set.accounts.set(principal.accountId, partitions.add(principal.partition));
    return;
  }
  set.arns.add(principal.arn);
  if (principal.kind === 'role') {
    const roles = set.roles.get(principal.name) ?? [];
    roles.push({ partition: principal.partition, accountId: principal.accountId });
    set.roles.set(principal.name, roles);
  }
}

function addService(set: Builder, text: string, where: string): void {
  if (parsePrincipal(text)?.kind !== 'service') throw invalid(`${quote(text)} is not a service principal such as "logs.amazonaws.com"`, where);
  set.services.add(text);
}

function accountNamed(set: PrincipalSet, caller: Principal & { readonly accountId: string; readonly partition: string }): boolean {
  return set.accounts.get(caller.accountId)?.has(caller.partition) === true;
}

function roleNamed(set: PrincipalSet, session: Extract<Principal, { kind: 'assumedRole' }>): boolean {
  const roles = set.roles.get(session.roleName);
  if (!roles) return false;
  for (const role of roles) if (role.accountId === session.accountId && role.partition === session.partition) return true;
  return false;
}

/** Principal: DIRECT when it names the caller, its role or everyone; ACCOUNT when it names the caller's account; 0 when neither. */
export function principalFlags(set: PrincipalSet, caller: Principal): number {
  if (caller.kind === 'service') return set.any || set.services.has(caller.service) ? DIRECT : 0;
  const account = accountNamed(set, caller) ? ACCOUNT : 0;
  if (set.any) return DIRECT | account;
  switch (caller.kind) {
    case 'root':
      return account;
    case 'assumedRole':
      return set.arns.has(caller.arn) || roleNamed(set, caller) ? DIRECT | account : account;
    default:
      return set.arns.has(caller.arn) ? DIRECT | account : account;
  }
}

/** NotPrincipal: whether it names every identity in the caller's chain, sparing the caller. */
export function spares(set: PrincipalSet, caller: Principal): boolean {
  if (set.any) return true;
  if (caller.kind === 'service') return set.services.has(caller.service);
  if (!accountNamed(set, caller)) return false;
  switch (caller.kind) {
    case 'root':
      return true;
    case 'assumedRole':
      return roleNamed(set, caller) && set.arns.has(caller.arn);
    default:
      return set.arns.has(caller.arn);
  }
}
