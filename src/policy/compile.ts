/**
 * compilePolicy: validates a policy document once and compiles it into statement functions, so
 * evaluation (on every Encrypt) never looks at the JSON again.
 *
 * Evaluation follows IAM: Deny statements are tried first and the first that matches decides;
 * otherwise the Allow statements' flags are gathered, stopping as soon as nothing more can be
 * added. The verdicts are shared frozen objects.
 * @module
 */
import { parseDocument } from './document.js';
import { describeValue, isObject, malformed, member, onlyMembers, quote, wellFormed, type JsonObject } from './json.js';
import { compileStatement, type Match } from './statement.js';
import type { CompiledPolicy, PolicyKind, PolicyRequest, PolicyVerdict } from './types.js';
import { ALL_FLAGS, ALLOWED, DENIED, DIRECT } from './verdict.js';

const TOP_MEMBERS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);
/** The current grammar, the only one with policy variables. */
const VERSION_2012 = '2012-10-17';
/** The version a policy without a Version element is read in. */
const VERSION_2008 = '2008-10-17';
/** IAM's rule for Sids in identity policies; key policy Sids may be any string (spaces included). */
const IAM_SID = /^[0-9A-Za-z]*$/;

export interface CompileOptions {
  /** The partition a bare account id in a Principal belongs to. Default `aws`. */
  readonly partition?: string;
}

/**
 * Parses and validates a policy document and compiles it into closures that evaluate without
 * re-parsing.
 * @throws {@link MalformedPolicyDocumentException} naming what is wrong, and where (statement index or Sid)
 * @throws {@link LimitExceededException} for a key policy over 32,768 bytes (UTF-8)
 */
export function compilePolicy(document: string, kind: PolicyKind, options: CompileOptions = {}): CompiledPolicy {
  const policy = parseDocument(document, kind);
  if (!isObject(policy)) throw malformed('Syntax errors in policy. The policy must be a JSON object');
  onlyMembers(policy, TOP_MEMBERS, 'Policy');
  const version = readVersion(member(policy, 'Version'));
  const id = member(policy, 'Id');
  if (id !== undefined && typeof id !== 'string') throw malformed('Syntax errors in policy. Id must be a string', 'Policy');
  if (id !== undefined) wellFormed(id, 'Policy.Id');

  const statementOptions = { kind, partition: options.partition ?? 'aws', variables: version === VERSION_2012 };
  const denies: Match[] = [];
  const allows: Match[] = [];
  const sids = new Set<string>();
  statementsOf(member(policy, 'Statement')).forEach(([statement, where]) => {
    if (!isObject(statement)) throw malformed('Syntax errors in policy. A statement must be an object', where);
    const at = whereWithSid(statement, where, kind, sids);
    const compiled = compileStatement(statement, at, statementOptions);
    if (compiled) (compiled.deny ? denies : allows).push(compiled.match);
  });

  const everything = kind === 'key' ? ALL_FLAGS : DIRECT;
  const evaluate = (request: PolicyRequest): PolicyVerdict => {
    const action = request.action.toLowerCase();
    for (const deny of denies) if (deny(request, action) !== 0) return DENIED;
    let flags = 0;
    for (const allow of allows) {
      flags |= allow(request, action);
      if (flags === everything) break;
    }
    return ALLOWED[flags];
  };
  return Object.freeze({ document, evaluate });
}

function readVersion(version: unknown): string {
  if (version === undefined) return VERSION_2008;
  if (version !== VERSION_2012 && version !== VERSION_2008) {
    throw malformed(`Syntax errors in policy. Version must be "${VERSION_2012}" or "${VERSION_2008}", got ${describeValue(version)}`, 'Policy');
  }
  return version;
}

/** The statements with their locations: `Statement` for a lone object, `Statement[i]` in an array. */
function statementsOf(value: unknown): (readonly [unknown, string])[] {
  if (value === undefined) throw malformed('Syntax errors in policy. Statement is missing', 'Policy');
  if (!Array.isArray(value)) return [[value, 'Statement']];
  if (value.length === 0) throw malformed('Syntax errors in policy. Statement must hold at least one statement', 'Policy');
  return value.map((statement: unknown, i) => [statement, `Statement[${i}]`] as const);
}

/** Checks the statement's Sid (a string, unique, alphanumeric in IAM) and adds it to the location. */
function whereWithSid(statement: JsonObject, where: string, kind: PolicyKind, sids: Set<string>): string {
  const sid = member(statement, 'Sid');
  if (sid === undefined) return where;
  if (typeof sid !== 'string') throw malformed('Syntax errors in policy. Sid must be a string', where);
  const at = `${where} (Sid ${quote(wellFormed(sid, where))})`;
  if (kind === 'identity' && !IAM_SID.test(sid)) {
    throw malformed('Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*', at);
  }
  // IAM ignores empty Sids when it checks uniqueness.
  if (sid !== '' && sids.has(sid)) throw malformed('Statement IDs (SID) in a single policy must be unique.', at);
  sids.add(sid);
  return at;
}
