import type { DescribeDatasetRequest, DescribeDatasetResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { datasetDescription, type DatasetConfig } from '../resources/dataset.ts';
import { requireResource } from '../resources/lifecycle.ts';

export const describeDataset = (deps: IotAnalyticsDeps) =>
  defineOperation<DescribeDatasetRequest, DescribeDatasetResponse>({
    name: 'DescribeDataset',
    readOnly: true,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    async handler(input, ctx) {
      const dataset = await requireResource<DatasetConfig>(deps.db.reader, ctx.region, 'dataset', input.datasetName!);
      return { dataset: datasetDescription(dataset) };
    },
  });
