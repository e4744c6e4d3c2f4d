import type { CreatePipelineRequest, CreatePipelineResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { pipelineCreated } from '../data-plane/lifecycle.ts';
import { createResource } from '../resources/lifecycle.ts';
import { checkPipelineReferences, pipelineConfig } from '../resources/pipeline.ts';
import { tagPairs } from '../resources/tags.ts';

export const createPipeline = (deps: IotAnalyticsDeps) =>
  defineOperation<CreatePipelineRequest, CreatePipelineResponse>({
    name: 'CreatePipeline',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('pipeline', ctx, input.pipelineName!)],
    async handler(input, ctx) {
      const config = pipelineConfig(input.pipelineActivities!, deps.quotas.activitiesPerPipeline);
      const tags = tagPairs(input.tags);
      const output: { pipelineName: string; pipelineArn: string } = await ctx.mutate(async (tx) => {
        const pipeline = await createResource(tx, deps.quotas, ctx, { kind: 'pipeline', name: input.pipelineName!, config, tags, at: ctx.receivedAt });
        await checkPipelineReferences(tx, ctx.region, config);
        await pipelineCreated(tx, { region: ctx.region, pipeline: pipeline.name }, config);
        return { pipelineName: pipeline.name, pipelineArn: pipeline.arn };
      });
      deps.dataPlane.pipelineChanged(ctx.region, output.pipelineName);
      return output;
    },
  });
