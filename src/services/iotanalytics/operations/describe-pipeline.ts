import type { DescribePipelineRequest, DescribePipelineResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { requireResource } from '../resources/lifecycle.ts';
import { pipelineDescription, type PipelineConfig } from '../resources/pipeline.ts';
import { reprocessings } from '../data-plane/pipelines/reprocessings.ts';

export const describePipeline = (deps: IotAnalyticsDeps) =>
  defineOperation<DescribePipelineRequest, DescribePipelineResponse>({
    name: 'DescribePipeline',
    readOnly: true,
    resources: (input, ctx) => [resourceRef('pipeline', ctx, input.pipelineName!)],
    async handler(input, ctx) {
      const pipeline = await requireResource<PipelineConfig>(deps.db.reader, ctx.region, 'pipeline', input.pipelineName!);
      const summaries = await reprocessings.summaries(deps.db.reader, { region: ctx.region, pipeline: pipeline.name });
      return { pipeline: pipelineDescription(pipeline, summaries) };
    },
  });
