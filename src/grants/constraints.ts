/**
 * Grant constraints: matching a request's encryption context against `EncryptionContextEquals` and
 * `EncryptionContextSubset`, matching its source ARN against `SourceArn`, and deciding whether a
 * grant created through a grant is at least as strict as its parent.
 *
 * Case: the current AWS API reference (GrantConstraints) says that in a grant constraint the key
 * of each pair is not case-sensitive and the value is. Keys are therefore compared after
 * {@link foldKey}, values exactly. Decryption itself still needs the exact context (the AAD is
 * case-sensitive), so a case-variant key can pass the grant and then fail to decrypt, as in AWS.
 *
 * Contexts are plain objects that may own a `__proto__` key: they are read only through
 * `Object.keys` and own-property lookups, never with `in` or through the prototype chain.
 * @module
 */
import type { GrantConstraintsRecord } from './grant-record.js';

type Context = Readonly<Record<string, string>>;

/**
 * How constraint keys are compared. AWS does not say which case mapping it uses; the Unicode
 * default lowercase mapping (locale-independent in JavaScript) agrees with any other for ASCII.
 */
const foldKey = (key: string): string => key.toLowerCase();

/** The pairs of a context with folded keys: folded key → the values it carries. */
function foldPairs(context: Context | undefined): Map<string, string[]> {
  const pairs = new Map<string, string[]>();
  if (context === undefined) return pairs;
  for (const key of Object.keys(context)) {
    const folded = foldKey(key);
    const values = pairs.get(folded);
    if (values) values.push(context[key]!);
    else pairs.set(folded, [context[key]!]);
  }
  return pairs;
}

/** Every pair of `required` has a pair in `present` with an equal folded key and the same value. */
function includesPairs(present: Map<string, string[]>, required: Context): boolean {
  for (const key of Object.keys(required)) {
    if (!present.get(foldKey(key))?.includes(required[key]!)) return false;
  }
  return true;
}

/**
 * Equal as sets of folded pairs, and with as many pairs on each side. The count keeps
 * `{a: "1", A: "1"}` from equalling `{a: "1"}`; AWS advises against such contexts, and refusing
 * fails closed.
 */
function equalsPairs(context: Context | undefined, constraint: Context): boolean {
  const count = context === undefined ? 0 : Object.keys(context).length;
  if (count !== Object.keys(constraint).length) return false;
  return includesPairs(foldPairs(context), constraint) && includesPairs(foldPairs(constraint), context ?? {});
}

/**
 * True when a request's encryption context satisfies the grant's encryption context constraints:
 * EncryptionContextEquals needs exactly the same pairs, EncryptionContextSubset needs every
 * constraint pair and allows more; with both, both must hold. An absent context has no pairs.
 *
 * Call it only for operations that take an encryption context: AWS does not apply these
 * constraints to the others (DescribeKey, RetireGrant, asymmetric and HMAC operations).
 */
export function satisfiesConstraints(constraints: GrantConstraintsRecord | undefined, context: Context | undefined): boolean {
  const equals = constraints?.encryptionContextEquals;
  const subset = constraints?.encryptionContextSubset;
  if (equals !== undefined && !equalsPairs(context, equals)) return false;
  return subset === undefined || includesPairs(foldPairs(context), subset);
}

/**
 * True when the grant's SourceArn constraint, if any, allows a request made on behalf of
 * `sourceArn` (`undefined` for a request a principal makes directly, which such a grant never
 * allows). AWS applies it to every grant operation except RetireGrant.
 */
export function satisfiesSourceArn(constraints: GrantConstraintsRecord | undefined, sourceArn: string | undefined): boolean {
  return constraints?.sourceArn === undefined || constraints.sourceArn === sourceArn;
}

/**
 * For CreateGrant authorized by a grant that allows CreateGrant: true when every request the
 * `child` constraints allow, the `parent` constraints allow too. A parent without constraints
 * allows any child. A child may add pairs to a Subset or turn a Subset into an Equals, never the
 * reverse, and must keep the parent's SourceArn.
 */
export function isAtLeastAsStrict(child: GrantConstraintsRecord | undefined, parent: GrantConstraintsRecord | undefined): boolean {
  if (!satisfiesSourceArn(parent, child?.sourceArn)) return false;
  const childEquals = child?.encryptionContextEquals;
  // An Equals child allows only contexts with the same folded pairs as its own, and the parent's
  // checks depend on nothing else, so testing that one context decides for all of them.
  if (childEquals !== undefined) return satisfiesConstraints(parent, childEquals);
  if (parent?.encryptionContextEquals !== undefined) return false;
  const parentSubset = parent?.encryptionContextSubset;
  return parentSubset === undefined || includesPairs(foldPairs(child?.encryptionContextSubset), parentSubset);
}
