import type { RemoveTagsRequest, RemoveTagsResponse } from '@aws-sdk/client-cloudtrail';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { taggedResources, taggedTrail } from './tagged-trail.ts';

// Tags are removed by key, whatever value the request gives (reference §4.2).
export const removeTags = (deps: CloudTrailDeps) =>
  defineOperation<RemoveTagsRequest, RemoveTagsResponse>({
    name: 'RemoveTags',
    readOnly: false,
    resources: (input) => taggedResources([input.ResourceId]),
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const trail = await taggedTrail(deps, ctx, input.ResourceId!, tx);
        await deps.trails.removeTags(tx, trail.arn, input.TagsList!.map((t) => t.Key!));
        return {};
      });
    },
  });
