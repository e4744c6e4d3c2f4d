import type { DeleteDatasetRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { deleteResource } from '../resources/lifecycle.ts';

export const deleteDataset = (deps: IotAnalyticsDeps) =>
  defineOperation<DeleteDatasetRequest, void>({
    name: 'DeleteDataset',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    async handler(input, ctx) {
      await ctx.mutate((tx) => deleteResource(tx, ctx.region, 'dataset', input.datasetName!));
      // Its versions and their files go with it (those still being generated once they finish).
      await deps.datasetContents.purge({ region: ctx.region, dataset: input.datasetName! });
    },
  });
