/** Resolve, then authorize: the first two steps of every operation on a key. @module */
import type { KeyAction } from '../auth/actions.js';
import { authorizeKey } from '../auth/authorize.js';
import type { RequestFacts } from '../auth/condition-context.js';
import type { OperationContext } from './context.js';
import { type KeyForm, type KeyTarget, resolveKey } from './resolve.js';

/**
 * @throws {@link NotFoundException} / {@link InvalidArnException} as {@link resolveKey} does
 * @throws {@link AccessDeniedException} when policies and grants do not allow `action`
 */
export function accessKey(
  ctx: OperationContext,
  value: string,
  forms: readonly KeyForm[],
  action: KeyAction,
  facts?: RequestFacts,
): KeyTarget {
  const target = resolveKey(ctx, value, forms, action);
  authorizeKey(ctx, action, target, facts);
  return target;
}
