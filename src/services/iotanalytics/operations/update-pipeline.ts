import type { UpdatePipelineRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { pipelineUpdated } from '../data-plane/lifecycle.ts';
import { replaceConfig, requireResource } from '../resources/lifecycle.ts';
import { checkPipelineReferences, pipelineConfig, type PipelineConfig } from '../resources/pipeline.ts';

export const updatePipeline = (deps: IotAnalyticsDeps) =>
  defineOperation<UpdatePipelineRequest, void>({
    name: 'UpdatePipeline',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('pipeline', ctx, input.pipelineName!)],
    async handler(input, ctx) {
      const config = pipelineConfig(input.pipelineActivities!, deps.quotas.activitiesPerPipeline);
      await ctx.mutate(async (tx) => {
        const pipeline = await requireResource<PipelineConfig>(tx, ctx.region, 'pipeline', input.pipelineName!);
        await checkPipelineReferences(tx, ctx.region, config);
        await replaceConfig(tx, pipeline, config, ctx.receivedAt);
        await pipelineUpdated(tx, { region: ctx.region, pipeline: pipeline.name }, config);
      });
      deps.dataPlane.pipelineChanged(ctx.region, input.pipelineName!);
    },
  });
