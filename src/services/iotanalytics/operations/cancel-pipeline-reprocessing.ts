import type { CancelPipelineReprocessingRequest, CancelPipelineReprocessingResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { reprocessings } from '../data-plane/pipelines/reprocessings.ts';
import { errors } from '../errors.ts';
import { requireResource } from '../resources/lifecycle.ts';

// "Cancels the reprocessing of data through the pipeline": the run becomes
// CANCELLED and what it has not replayed yet is not. A run that already
// ended cannot be cancelled (InvalidRequestException, our choice).
export const cancelPipelineReprocessing = () =>
  defineOperation<CancelPipelineReprocessingRequest, CancelPipelineReprocessingResponse>({
    name: 'CancelPipelineReprocessing',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('pipeline', ctx, input.pipelineName!)],
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const pipeline = await requireResource(tx, ctx.region, 'pipeline', input.pipelineName!);
        const run = await reprocessings.find(tx, { region: ctx.region, pipeline: pipeline.name }, input.reprocessingId!);
        if (!run) throw errors.notFound(`A reprocessing with the ID ${input.reprocessingId} cannot be found.`);
        if (!(await reprocessings.finish(tx, run.id, 'CANCELLED', ctx.receivedAt))) {
          throw errors.invalidRequest(`The reprocessing ${run.id} is not running; it is ${run.status}.`);
        }
        return {};
      });
    },
  });
