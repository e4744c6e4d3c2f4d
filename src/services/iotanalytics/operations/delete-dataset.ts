import type { DeleteDatasetRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { deleteResource } from '../resources/lifecycle.ts';

export const deleteDataset = () =>
  defineOperation<DeleteDatasetRequest, void>({
    name: 'DeleteDataset',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    handler: (input, ctx) => ctx.mutate((tx) => deleteResource(tx, ctx.region, 'dataset', input.datasetName!)),
  });
