/** TagResource, UntagResource, ListResourceTags. @module */
import { TagException } from '../errors.js';
import { validateRequest } from '../internal/validate.js';
import { updateRecord } from '../keystore/key-record.js';
import type {
  EmptyResponse,
  ListResourceTagsRequest,
  ListResourceTagsResponse,
  TagResourceRequest,
  UntagResourceRequest,
} from '../types.js';
import type { OperationContext } from './context.js';
import { assertKeyState } from './key-state.js';
import { paginate } from './paginate.js';
import { accessKey } from './access.js';
import { KEY_ID_OR_ARN } from './resolve.js';
import { SHAPES } from './shapes.js';
import { isReservedTagKey, mergeTags } from './tag-rules.js';

export async function tagResource(ctx: OperationContext, input: TagResourceRequest): Promise<EmptyResponse> {
  const request = validateRequest<TagResourceRequest>(input, SHAPES.TagResource);
  const facts = { requestTags: request.Tags! };
  const { record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'TagResource', facts);
  assertKeyState('TagResource', record.keyState, arn);
  const tags = mergeTags(record.tags, request.Tags!);
  ctx.store.commit({ putKeys: [updateRecord(record, { tags: Object.freeze(tags) })] });
  return {};
}

export async function untagResource(ctx: OperationContext, input: UntagResourceRequest): Promise<EmptyResponse> {
  const request = validateRequest<UntagResourceRequest>(input, SHAPES.UntagResource);
  const facts = { values: { 'aws:tagkeys': request.TagKeys! } };
  const { record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'UntagResource', facts);
  assertKeyState('UntagResource', record.keyState, arn);
  const removed = new Set(request.TagKeys!);
  for (const key of removed) if (isReservedTagKey(key)) throw new TagException('Tags beginning with aws: are reserved');
  const tags = record.tags.filter((tag) => !removed.has(tag.TagKey));
  ctx.store.commit({ putKeys: [updateRecord(record, { tags: Object.freeze(tags) })] });
  return {};
}

export async function listResourceTags(ctx: OperationContext, input: ListResourceTagsRequest): Promise<ListResourceTagsResponse> {
  const request = validateRequest<ListResourceTagsRequest>(input, SHAPES.ListResourceTags);
  const { record, arn } = accessKey(ctx, request.KeyId!, KEY_ID_OR_ARN, 'ListResourceTags');
  assertKeyState('ListResourceTags', record.keyState, arn);
  const entries = record.tags.map((tag, i) => [i, { TagKey: tag.TagKey, TagValue: tag.TagValue }] as const);
  const page = paginate(ctx, `ListResourceTags:${record.keyId}`, entries, request, { defaultLimit: 50, maxLimit: 50 });
  return { Tags: page.items, Truncated: page.Truncated, ...(page.NextMarker && { NextMarker: page.NextMarker }) };
}
