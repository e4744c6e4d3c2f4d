import type { ListTagsRequest, ListTagsResponse } from '@aws-sdk/client-cloudtrail';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { taggedResources, taggedTrail } from './tagged-trail.ts';

/** ListTags takes at most 20 ARNs (reference §8); all their tags fit one page, so NextToken is never set. */
const MAX_RESOURCES = 20;

export const listTags = (deps: CloudTrailDeps) =>
  defineOperation<ListTagsRequest, ListTagsResponse>({
    name: 'ListTags',
    readOnly: true,
    resources: (input) => taggedResources(input.ResourceIdList ?? []),
    async handler(input, ctx) {
      const ids = input.ResourceIdList!;
      if (ids.length > MAX_RESOURCES) throw errors.invalidParameter(`ResourceIdList can name at most ${MAX_RESOURCES} trails.`);
      const list = [];
      for (const id of ids) {
        const trail = await taggedTrail(deps, ctx, id);
        list.push({ ResourceId: trail.arn, TagsList: await deps.trails.tags(trail.arn) });
      }
      return { ResourceTagList: list };
    },
  });
