/** Tag rules shared by CreateKey and TagResource. @module */
import { TagException } from '../errors.js';
import type { StoredTag } from '../keystore/key-record.js';
import type { Tag } from '../types.js';

const MAX_TAGS_PER_KEY = 50;

/** AWS reserves the `aws:` prefix in any letter case. */
export const isReservedTagKey = (key: string): boolean => key.toLowerCase().startsWith('aws:');

/**
 * Merges `added` into `existing` (a new value replaces the old one for the same key).
 * @throws {@link TagException} for reserved keys, duplicate keys in one request, or more than 50 tags
 */
export function mergeTags(existing: readonly StoredTag[], added: readonly Tag[]): StoredTag[] {
  const seen = new Set<string>();
  for (const tag of added) {
    if (isReservedTagKey(tag.TagKey!)) throw new TagException('Tags beginning with aws: are reserved');
    if (seen.has(tag.TagKey!)) throw new TagException('Duplicate tag keys');
    seen.add(tag.TagKey!);
  }
  const merged = existing.filter((tag) => !seen.has(tag.TagKey));
  for (const tag of added) merged.push(Object.freeze({ TagKey: tag.TagKey!, TagValue: tag.TagValue! }));
  if (merged.length > MAX_TAGS_PER_KEY) throw new TagException('Too many tags');
  return merged;
}
