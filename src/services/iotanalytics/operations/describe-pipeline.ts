import type { DescribePipelineRequest, DescribePipelineResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { requireResource } from '../resources/lifecycle.ts';
import { pipelineDescription, type PipelineConfig } from '../resources/pipeline.ts';

export const describePipeline = (deps: IotAnalyticsDeps) =>
  defineOperation<DescribePipelineRequest, DescribePipelineResponse>({
    name: 'DescribePipeline',
    readOnly: true,
    resources: (input, ctx) => [resourceRef('pipeline', ctx, input.pipelineName!)],
    async handler(input, ctx) {
      const pipeline = await requireResource<PipelineConfig>(deps.db.reader, ctx.region, 'pipeline', input.pipelineName!);
      return { pipeline: pipelineDescription(pipeline) };
    },
  });
