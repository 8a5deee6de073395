/**
 * Rules every new key policy passes, in CreateKey and PutKeyPolicy: the document compiles, and
 * unless the caller bypasses it, the lockout safety check.
 * @module
 */
import { authorizeKey } from '../auth/authorize.js';
import { AccessDeniedException, MalformedPolicyDocumentException } from '../errors.js';
import { compilePolicy, type CompiledPolicy } from '../policy/index.js';
import type { OperationContext } from './context.js';
import type { KeyTarget } from './resolve.js';

/**
 * @throws {@link MalformedPolicyDocumentException} for a document KMS refuses
 * @throws {@link LimitExceededException} for a document over 32 KB
 */
export function compileKeyPolicy(document: string, partition: string): CompiledPolicy {
  return compilePolicy(document, 'key', { partition });
}

/** `kms:BypassPolicyLockoutSafetyCheck` is in the request context only when the request sends it. */
export const bypassFacts = (bypass: boolean | undefined): Record<string, string> =>
  bypass === undefined ? {} : { 'kms:bypasspolicylockoutsafetycheck': String(bypass) };

/**
 * The policy lockout safety check: the caller must still be allowed `kms:PutKeyPolicy` on the key
 * under its new policy (`target.record.policy`), or nobody could ever fix the policy again.
 * @throws {@link MalformedPolicyDocumentException} with AWS's message when it would not be
 */
export function assertNoLockout(ctx: OperationContext, target: KeyTarget, bypass: boolean | undefined): void {
  try {
    authorizeKey(ctx, 'PutKeyPolicy', target, { values: bypassFacts(bypass) });
  } catch (error) {
    if (!(error instanceof AccessDeniedException)) throw error;
    throw new MalformedPolicyDocumentException('The new key policy will not allow you to update the key policy in the future.');
  }
}
