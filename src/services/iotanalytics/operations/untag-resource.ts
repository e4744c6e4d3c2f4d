import type { UntagResourceRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRefsOfArn } from '../arns.ts';
import { resourceStore } from '../resources/resource-store.ts';
import { taggedResource } from '../resources/tags.ts';

export const untagResource = () =>
  defineOperation<UntagResourceRequest, void>({
    name: 'UntagResource',
    readOnly: false,
    resources: (input) => resourceRefsOfArn(input.resourceArn!),
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const resource = await taggedResource(tx, ctx, input.resourceArn!);
        await resourceStore.removeTags(tx, resource.arn, input.tagKeys!);
      });
    },
  });
