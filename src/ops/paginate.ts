/**
 * Limit/Marker pagination as every KMS list operation does it: `Truncated` is always present,
 * `NextMarker` only when there is more.
 * @module
 */
import type { OperationContext } from './context.js';

export interface PageRequest {
  readonly Limit?: number | undefined;
  readonly Marker?: string | undefined;
}

export interface PageLimits {
  readonly defaultLimit: number;
  /** AWS accepts up to 1000 for every list but returns at most this many. */
  readonly maxLimit: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly NextMarker?: string;
  readonly Truncated: boolean;
}

/**
 * Pages through `items`, which carry increasing numeric positions. A marker names the last
 * position returned, so items removed between two calls do not shift the next page.
 * @throws {@link InvalidMarkerException} for a marker this `Kms` did not issue for `scope`
 */
export function paginate<T>(
  ctx: OperationContext,
  scope: string,
  items: Iterable<readonly [position: number, item: T]>,
  request: PageRequest,
  limits: PageLimits,
): Page<T> {
  const after = request.Marker === undefined ? -Infinity : Number(ctx.markers.read(scope, request.Marker));
  const limit = Math.min(request.Limit ?? limits.defaultLimit, limits.maxLimit);
  const page: T[] = [];
  let last = after;
  for (const [position, item] of items) {
    if (position <= after) continue;
    if (page.length === limit) return { items: page, NextMarker: ctx.markers.issue(scope, String(last)), Truncated: true };
    page.push(item);
    last = position;
  }
  return { items: page, Truncated: false };
}
