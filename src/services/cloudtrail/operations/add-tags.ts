import type { AddTagsRequest, AddTagsResponse } from '@aws-sdk/client-cloudtrail';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { checkTags, MAX_TAGS } from './tag-rules.ts';
import { taggedResources, taggedTrail } from './tagged-trail.ts';

export const addTags = (deps: CloudTrailDeps) =>
  defineOperation<AddTagsRequest, AddTagsResponse>({
    name: 'AddTags',
    readOnly: false,
    resources: (input) => taggedResources([input.ResourceId]),
    async handler(input, ctx) {
      const tags = input.TagsList!;
      checkTags(tags);
      return ctx.mutate(async (tx) => {
        const trail = await taggedTrail(deps, ctx, input.ResourceId!, tx);
        const keys = new Set([...(await deps.trails.tags(trail.arn, tx)).map((t) => t.Key), ...tags.map((t) => t.Key!)]);
        if (keys.size > MAX_TAGS) throw errors.tagsLimitExceeded(MAX_TAGS);
        await deps.trails.putTags(tx, trail.arn, tags);
        return {};
      });
    },
  });
