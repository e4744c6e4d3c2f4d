import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRefsOfArn } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { resourceStore } from '../resources/resource-store.ts';
import { taggedResource } from '../resources/tags.ts';

export const listTagsForResource = (deps: IotAnalyticsDeps) =>
  defineOperation<ListTagsForResourceRequest, ListTagsForResourceResponse>({
    name: 'ListTagsForResource',
    readOnly: true,
    resources: (input) => resourceRefsOfArn(input.resourceArn!),
    async handler(input, ctx) {
      const resource = await taggedResource(deps.db.reader, ctx, input.resourceArn!);
      return { tags: await resourceStore.tags(deps.db.reader, resource.arn) };
    },
  });
