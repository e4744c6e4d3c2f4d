import type { DeletePipelineRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { deleteResource } from '../resources/lifecycle.ts';

export const deletePipeline = () =>
  defineOperation<DeletePipelineRequest, void>({
    name: 'DeletePipeline',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('pipeline', ctx, input.pipelineName!)],
    handler: (input, ctx) => ctx.mutate((tx) => deleteResource(tx, ctx.region, 'pipeline', input.pipelineName!)),
  });
