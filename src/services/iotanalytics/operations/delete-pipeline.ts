import type { DeletePipelineRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { pipelineDeleted } from '../data-plane/lifecycle.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { deleteResource } from '../resources/lifecycle.ts';

export const deletePipeline = (deps: IotAnalyticsDeps) =>
  defineOperation<DeletePipelineRequest, void>({
    name: 'DeletePipeline',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('pipeline', ctx, input.pipelineName!)],
    async handler(input, ctx) {
      await ctx.mutate(async (tx) => {
        await deleteResource(tx, ctx.region, 'pipeline', input.pipelineName!);
        await pipelineDeleted(tx, { region: ctx.region, pipeline: input.pipelineName! });
      });
      deps.dataPlane.pipelineChanged(ctx.region, input.pipelineName!);
    },
  });
