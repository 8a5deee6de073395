/**
 * The five verdicts a policy can give, shared and frozen, so evaluation allocates none. Allow
 * statements report what they grant as bit flags; the flags index the verdict table.
 * @module
 */
import type { PolicyVerdict } from './types.js';

/** The caller itself is allowed. */
export const DIRECT = 1;
/** The caller's account is allowed: the decision is delegated to the caller's IAM policies. */
export const ACCOUNT = 2;
/** Both flags: no later Allow statement can add anything. */
export const ALL_FLAGS = DIRECT | ACCOUNT;

const verdict = (deny: boolean, allowDirect: boolean, allowAccount: boolean): PolicyVerdict =>
  Object.freeze({ deny, allowDirect, allowAccount });

export const DENIED = verdict(true, false, false);

/** Indexed by the allow flags. */
export const ALLOWED: readonly PolicyVerdict[] = Object.freeze([
  verdict(false, false, false),
  verdict(false, true, false),
  verdict(false, false, true),
  verdict(false, true, true),
]);
