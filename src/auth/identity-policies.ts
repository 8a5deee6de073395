/**
 * IAM identity policies: inline policies attached to users and roles, evaluated by the same engine
 * as key policies. They live at the partition level, as IAM does, so one attachment covers every
 * Region. A role's policies apply to each of its sessions.
 * @module
 */
import { LimitExceededException } from '../errors.js';
import { compilePolicy, type CompiledPolicy } from '../policy/index.js';
import { identityKeyOf } from './caller.js';
import { parsePrincipal } from './principal.js';

/** IAM's inline policy name rule. */
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
/** IAM's largest inline policy (a role's), counted as IAM counts it: without whitespace. */
const MAX_POLICY_CHARACTERS = 10_240;
const NONE: readonly CompiledPolicy[] = Object.freeze([]);

export class IdentityPolicies {
  readonly #byIdentity = new Map<string, Map<string, CompiledPolicy>>();
  readonly #cache = new Map<string, readonly CompiledPolicy[]>();

  /**
   * Attaches (or replaces) the inline policy `policyName` of an IAM user, role or federated user.
   * An assumed-role session ARN attaches to its role.
   * @throws {@link MalformedPolicyDocumentException} for a document IAM would refuse
   * @throws {@link LimitExceededException} for a document over IAM's 10,240 characters
   * @throws {TypeError} for a principal that cannot hold identity policies (account roots, services)
   */
  putPolicy(principal: string, policyName: string, document: string): void {
    const key = this.#key(principal);
    if (typeof policyName !== 'string' || !POLICY_NAME.test(policyName)) {
      throw new TypeError(`policy name must be 1-128 characters of [A-Za-z0-9_+=,.@-], got "${String(policyName)}"`);
    }
    if (typeof document === 'string' && document.replace(/\s/g, '').length > MAX_POLICY_CHARACTERS) {
      throw new LimitExceededException(`Maximum policy size of ${MAX_POLICY_CHARACTERS} characters exceeded for ${principal}`);
    }
    const compiled = compilePolicy(document, 'identity');
    const policies = this.#byIdentity.get(key) ?? new Map<string, CompiledPolicy>();
    policies.set(policyName, compiled);
    this.#byIdentity.set(key, policies);
    this.#cache.delete(key);
  }

  /** Removes an inline policy; returns whether it was there. */
  deletePolicy(principal: string, policyName: string): boolean {
    const key = this.#key(principal);
    const removed = this.#byIdentity.get(key)?.delete(policyName) ?? false;
    this.#cache.delete(key);
    return removed;
  }

  /** The names of the principal's inline policies, in attachment order. */
  listPolicies(principal: string): string[] {
    return [...(this.#byIdentity.get(this.#key(principal))?.keys() ?? [])];
  }

  /** The document of one inline policy, as it was attached. */
  getPolicy(principal: string, policyName: string): string | undefined {
    return this.#byIdentity.get(this.#key(principal))?.get(policyName)?.document;
  }

  /** Removes every identity policy of every principal. */
  clear(): void {
    this.#byIdentity.clear();
    this.#cache.clear();
  }

  /** The compiled policies that apply to an identity (internal: the authorizer's hot path). */
  policiesFor(identityKey: string | undefined): readonly CompiledPolicy[] {
    if (identityKey === undefined) return NONE;
    const cached = this.#cache.get(identityKey);
    if (cached) return cached;
    const policies = Object.freeze([...(this.#byIdentity.get(identityKey)?.values() ?? [])]);
    this.#cache.set(identityKey, policies);
    return policies;
  }

  #key(value: string): string {
    const principal = typeof value === 'string' ? parsePrincipal(value) : undefined;
    const key = principal && identityKeyOf(principal);
    if (key === undefined) {
      throw new TypeError(`"${String(value)}" cannot hold identity policies: attach them to an IAM user, role or federated user ARN`);
    }
    return key;
  }
}
