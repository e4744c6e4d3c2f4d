import type { RunPipelineActivityRequest, RunPipelineActivityResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { PipelineDefinitionError, runPipelineActivity as run } from '../pipeline-engine/index.ts';

// Stateless: runs one activity on 1-10 payloads with the same lambda
// functions and thing directory as the pipelines, touching no resource.
export const runPipelineActivity = (deps: IotAnalyticsDeps) =>
  defineOperation<RunPipelineActivityRequest, RunPipelineActivityResponse>({
    name: 'RunPipelineActivity',
    readOnly: true,
    async handler(input, ctx) {
      try {
        const result = await run(input.pipelineActivity!, input.payloads!, deps.dataPlane.pipelineDeps(ctx.region));
        return { payloads: result.payloads, logResult: result.logResult };
      } catch (error) {
        if (error instanceof PipelineDefinitionError) throw errors.invalidRequest(error.message);
        throw error;
      }
    },
  });
