/**
 * The stored state of one grant. Records are immutable, like key records: a grant is created,
 * then retired or revoked, never edited.
 * @module
 */
import type { GrantOperation } from '../types.js';

/** String pairs held in a frozen object without a prototype, so a `__proto__` key is just a key. */
export type FrozenContext = Readonly<Record<string, string>>;

export interface GrantConstraintsRecord {
  readonly encryptionContextEquals?: FrozenContext;
  readonly encryptionContextSubset?: FrozenContext;
  readonly sourceArn?: string;
}

export interface GrantRecord {
  /** 64 lowercase hex digits. */
  readonly grantId: string;
  /** The bare id of the key, which lives in the store's own account. */
  readonly keyId: string;
  readonly name?: string;
  readonly creationDate: Date;
  /** Exactly one of `granteePrincipal` and `granteeServicePrincipal` is set. */
  readonly granteePrincipal?: string;
  readonly granteeServicePrincipal?: string;
  readonly retiringPrincipal?: string;
  readonly retiringServicePrincipal?: string;
  /** `arn:<partition>:iam::<key owner account>:root`. */
  readonly issuingAccount: string;
  readonly operations: readonly GrantOperation[];
  readonly constraints?: GrantConstraintsRecord;
}

/** A frozen, prototype-less copy of `context`, with own enumerable keys only. */
export function freezeContext(context: Readonly<Record<string, string>>): FrozenContext {
  const copy: Record<string, string> = Object.create(null);
  // Assignment is safe: without a prototype there is no inherited `__proto__` setter to hit.
  for (const key of Object.keys(context)) copy[key] = context[key]!;
  return Object.freeze(copy);
}

/**
 * A frozen copy of `fields`, deep enough that nothing reachable from the record can change:
 * operations, constraints and their contexts are copied and frozen, the date is copied.
 */
export function freezeGrant(fields: GrantRecord): GrantRecord {
  const { constraints } = fields;
  return Object.freeze({
    ...fields,
    creationDate: new Date(fields.creationDate.getTime()),
    operations: Object.freeze([...fields.operations]),
    ...(constraints && { constraints: freezeConstraints(constraints) }),
  });
}

function freezeConstraints(constraints: GrantConstraintsRecord): GrantConstraintsRecord {
  const { encryptionContextEquals: equals, encryptionContextSubset: subset, sourceArn } = constraints;
  return Object.freeze({
    ...(equals && { encryptionContextEquals: freezeContext(equals) }),
    ...(subset && { encryptionContextSubset: freezeContext(subset) }),
    ...(sourceArn !== undefined && { sourceArn }),
  });
}

/**
 * True when `a` and `b` would be the same grant: same key, name, grantee, retiring principal,
 * operations (as a set) and constraints (compared exactly, case-sensitively). CreateGrant uses it
 * to recognise a retry, which AWS does only for requests that carry a `Name`: without one,
 * identical requests create duplicate grants, so callers must not look for a match then.
 */
export function sameGrantSettings(a: GrantRecord, b: GrantRecord): boolean {
  return (
    a.keyId === b.keyId &&
    a.name === b.name &&
    a.granteePrincipal === b.granteePrincipal &&
    a.granteeServicePrincipal === b.granteeServicePrincipal &&
    a.retiringPrincipal === b.retiringPrincipal &&
    a.retiringServicePrincipal === b.retiringServicePrincipal &&
    sameOperations(a.operations, b.operations) &&
    sameConstraints(a.constraints, b.constraints)
  );
}

function sameOperations(a: readonly GrantOperation[], b: readonly GrantOperation[]): boolean {
  const setA = new Set(a);
  const setB = new Set(b);
  if (setA.size !== setB.size) return false;
  for (const op of setA) if (!setB.has(op)) return false;
  return true;
}

function sameConstraints(a: GrantConstraintsRecord | undefined, b: GrantConstraintsRecord | undefined): boolean {
  return (
    sameContext(a?.encryptionContextEquals, b?.encryptionContextEquals) &&
    sameContext(a?.encryptionContextSubset, b?.encryptionContextSubset) &&
    a?.sourceArn === b?.sourceArn
  );
}

/** Exact equality of two optional contexts; an absent one equals only another absent one. */
function sameContext(a: FrozenContext | undefined, b: FrozenContext | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || b[key] !== a[key]) return false;
  return true;
}
