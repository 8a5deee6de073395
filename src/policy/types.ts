/**
 * The shapes the policy engine takes and gives: a request to judge, the context its conditions
 * read, and the verdict.
 * @module
 */
import type { Principal } from '../auth/principal.js';

/** `key`: a KMS key policy (statements name principals). `identity`: an IAM policy attached to a user or role. */
export type PolicyKind = 'key' | 'identity';

export interface PolicyRequest {
  /** The caller. */
  readonly principal: Principal;
  /** The permission asked for, e.g. `kms:Encrypt`. Matched case-insensitively. */
  readonly action: string;
  /** The key ARN, an alias ARN for the alias half of alias actions, or `*` for IAM-only actions such as `kms:CreateKey`. */
  readonly resource: string;
  readonly context: ConditionContext;
}

export interface ConditionContext {
  /**
   * The value of one condition key. `name` is already lowercased (condition keys are
   * case-insensitive). undefined: the key is absent from the request. Booleans are `'true'` /
   * `'false'`, numbers decimal strings, dates ISO 8601 strings.
   */
  get(name: string): string | readonly string[] | undefined;
}

export interface PolicyVerdict {
  /** Some Deny statement matched. Evaluation stops there, so both allow flags are then false. */
  readonly deny: boolean;
  /**
   * Key policy: an Allow statement whose principal is the caller itself (`*`, the caller's user,
   * role, session or federated user ARN, the role of a session, a service principal). Identity
   * policy: any matching Allow statement.
   */
  readonly allowDirect: boolean;
  /**
   * Key policy only: an Allow statement whose principal is the caller's account, which delegates
   * the decision to the caller's IAM policies. Always false for identity policies.
   */
  readonly allowAccount: boolean;
}

export interface CompiledPolicy {
  /** The document exactly as given (GetKeyPolicy returns it verbatim). */
  readonly document: string;
  evaluate(request: PolicyRequest): PolicyVerdict;
}
