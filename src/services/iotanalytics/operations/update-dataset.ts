import type { UpdateDatasetRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { datasetConfig, type DatasetConfig } from '../resources/dataset.ts';
import { checkDatasetTriggers } from '../resources/dataset-triggers.ts';
import { replaceConfig, requireResource } from '../resources/lifecycle.ts';

// UpdateDataset replaces the whole configuration: what the request leaves out
// goes back to its default (docs/FIDELITY.md, "Update semantics").
export const updateDataset = (deps: IotAnalyticsDeps) =>
  defineOperation<UpdateDatasetRequest, void>({
    name: 'UpdateDataset',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    async handler(input, ctx) {
      const config = datasetConfig(input);
      return ctx.mutate(async (tx) => {
        const dataset = await requireResource<DatasetConfig>(tx, ctx.region, 'dataset', input.datasetName!);
        await checkDatasetTriggers(tx, ctx.region, dataset.name, config, deps.quotas);
        await replaceConfig(tx, dataset, config, ctx.receivedAt);
      });
    },
  });
