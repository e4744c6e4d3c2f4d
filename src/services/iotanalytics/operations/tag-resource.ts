import type { TagResourceRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRefsOfArn } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { addTags, taggedResource, tagPairs } from '../resources/tags.ts';

export const tagResource = (deps: IotAnalyticsDeps) =>
  defineOperation<TagResourceRequest, void>({
    name: 'TagResource',
    readOnly: false,
    resources: (input) => resourceRefsOfArn(input.resourceArn!),
    async handler(input, ctx) {
      const tags = tagPairs(input.tags);
      return ctx.mutate(async (tx) => {
        const resource = await taggedResource(tx, ctx, input.resourceArn!);
        await addTags(tx, resource.arn, tags, deps.quotas.tagsPerResource);
      });
    },
  });
