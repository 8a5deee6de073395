/**
 * AccessDeniedException in AWS's wording: it names the caller, the action and the resource, and
 * says which kind of policy decided.
 * @module
 */
import { AccessDeniedException } from '../errors.js';
import type { Caller } from './caller.js';

export type DenialReason = 'resourceDeny' | 'identityDeny' | 'noResourceAllow' | 'noIdentityAllow';

const REASONS: Readonly<Record<DenialReason, (action: string) => string>> = Object.freeze({
  resourceDeny: () => 'with an explicit deny in a resource-based policy',
  identityDeny: () => 'with an explicit deny in an identity-based policy',
  noResourceAllow: (action) => `because no resource-based policy allows the ${action} action`,
  noIdentityAllow: (action) => `because no identity-based policy allows the ${action} action`,
});

export function accessDenied(caller: Caller, action: string, resource: string, reason: DenialReason): AccessDeniedException {
  return new AccessDeniedException(
    `User: ${caller.principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${REASONS[reason](action)}`,
  );
}
