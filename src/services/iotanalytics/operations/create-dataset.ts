import type { CreateDatasetRequest, CreateDatasetResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { datasetConfig } from '../resources/dataset.ts';
import { checkDatasetTriggers } from '../resources/dataset-triggers.ts';
import { createResource } from '../resources/lifecycle.ts';
import { tagPairs } from '../resources/tags.ts';

export const createDataset = (deps: IotAnalyticsDeps) =>
  defineOperation<CreateDatasetRequest, CreateDatasetResponse>({
    name: 'CreateDataset',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    async handler(input, ctx) {
      const config = datasetConfig(input);
      const tags = tagPairs(input.tags);
      return ctx.mutate(async (tx) => {
        const dataset = await createResource(tx, deps.quotas, ctx, { kind: 'dataset', name: input.datasetName!, config, tags, at: ctx.receivedAt });
        await checkDatasetTriggers(tx, ctx.region, dataset.name, config, deps.quotas);
        return { datasetName: dataset.name, datasetArn: dataset.arn, retentionPeriod: config.retentionPeriod };
      });
    },
  });
