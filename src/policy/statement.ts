/**
 * One policy statement, validated and compiled into a single function of the request. The
 * cheapest and most selective checks run first: action, principal, resource, then conditions.
 *
 * A key policy statement without Action or Resource is accepted but can never match, as KMS
 * does; IAM refuses such an identity policy statement.
 * @module
 */
import type { Principal } from '../auth/principal.js';
import { compileActions, matchesAction } from './actions.js';
import { compileConditions } from './conditions.js';
import { describeValue, malformed, member, onlyMembers, stringList, type JsonObject } from './json.js';
import { compilePrincipal, principalFlags, spares } from './principals.js';
import { compileResources } from './resources.js';
import type { PolicyKind, PolicyRequest } from './types.js';
import { DIRECT } from './verdict.js';

/**
 * The allow flags (verdict.ts) the statement gives the request, or 0 when it does not apply.
 * `action` is the request's action, lowercased.
 */
export type Match = (request: PolicyRequest, action: string) => number;

export interface CompiledStatement {
  readonly deny: boolean;
  readonly match: Match;
}

export interface StatementOptions {
  readonly kind: PolicyKind;
  readonly partition: string;
  /** Whether policy variables are read (Version 2012-10-17). */
  readonly variables: boolean;
}

const MEMBERS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

const EFFECTS: ReadonlyMap<string, boolean> = new Map([
  ['Allow', false],
  ['Deny', true],
]);

/** Compiles one statement (its Sid already checked); undefined for a statement that can never match. */
export function compileStatement(statement: JsonObject, where: string, options: StatementOptions): CompiledStatement | undefined {
  onlyMembers(statement, MEMBERS, where);
  const effect = member(statement, 'Effect');
  if (effect === undefined) throw malformed('Syntax errors in policy. Effect is missing', where);
  const deny = typeof effect === 'string' ? EFFECTS.get(effect) : undefined;
  if (deny === undefined) throw malformed(`Syntax errors in policy. Effect must be "Allow" or "Deny", got ${describeValue(effect)}`, where);

  const principal = compilePrincipalPart(statement, where, options);
  const actions = listElement(statement, 'Action', where, compileActions);
  const resources = listElement(statement, 'Resource', where, (values, at) => compileResources(values, at, options.variables));
  if (options.kind === 'identity') {
    // IAM's messages.
    if (!actions) throw malformed('Policy statement must contain actions.', where);
    if (!resources) throw malformed('Policy statement must contain resources.', where);
  }
  const condition = member(statement, 'Condition');
  const conditions = condition === undefined ? [] : compileConditions(condition, `${where}.Condition`, options);
  if (!actions || !resources) return undefined;

  const { compiled: actionSet, negated: notAction } = actions;
  const { compiled: resourceMatch, negated: notResource } = resources;
  const match: Match = (request, action) => {
    if (matchesAction(actionSet, action) === notAction) return 0;
    const flags = principal(request.principal);
    if (flags === 0 || resourceMatch(request.resource, request.context) === notResource) return 0;
    for (const test of conditions) if (!test(request.context)) return 0;
    return flags;
  };
  return { deny, match };
}

/**
 * `name` or `Not<name>` (never both), compiled; undefined when absent or an empty list.
 */
function listElement<T>(
  statement: JsonObject,
  name: string,
  where: string,
  compile: (values: readonly string[], where: string) => T,
): { compiled: T; negated: boolean } | undefined {
  const positive = member(statement, name);
  const negative = member(statement, `Not${name}`);
  if (positive !== undefined && negative !== undefined) {
    throw malformed(`Syntax errors in policy. A statement cannot have both ${name} and Not${name}`, where);
  }
  const negated = positive === undefined;
  const value = negated ? negative : positive;
  if (value === undefined) return undefined;
  const at = `${where}.${negated ? 'Not' : ''}${name}`;
  const values = stringList(value, at);
  return values.length === 0 ? undefined : { compiled: compile(values, at), negated };
}

/** The principal check: key policies name principals, identity policies apply to their holder. */
function compilePrincipalPart(statement: JsonObject, where: string, options: StatementOptions): (caller: Principal) => number {
  const principal = member(statement, 'Principal');
  const notPrincipal = member(statement, 'NotPrincipal');
  if (options.kind === 'identity') {
    // IAM's message.
    if (principal !== undefined || notPrincipal !== undefined) throw malformed('Policy document should not specify a principal.', where);
    return () => DIRECT;
  }
  if (principal !== undefined && notPrincipal !== undefined) {
    throw malformed('Syntax errors in policy. A statement cannot have both Principal and NotPrincipal', where);
  }
  if (principal !== undefined) {
    const set = compilePrincipal(principal, `${where}.Principal`, options.partition);
    return (caller) => principalFlags(set, caller);
  }
  if (notPrincipal === undefined) throw malformed('Syntax errors in policy. A key policy statement must have a Principal or NotPrincipal', where);
  const spared = compilePrincipal(notPrincipal, `${where}.NotPrincipal`, options.partition);
  // An Allow with NotPrincipal allows whoever it does not spare, as themselves.
  return (caller) => (spares(spared, caller) ? 0 : DIRECT);
}
