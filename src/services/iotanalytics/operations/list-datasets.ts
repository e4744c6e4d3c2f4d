import type { ListDatasetsRequest, ListDatasetsResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { datasetSummary, type DatasetConfig } from '../resources/dataset.ts';
import { listPage } from '../resources/paging.ts';

export const listDatasets = (deps: IotAnalyticsDeps) =>
  defineOperation<ListDatasetsRequest, ListDatasetsResponse>({
    name: 'ListDatasets',
    readOnly: true,
    async handler(input, ctx) {
      const page = await listPage<DatasetConfig>(deps, ctx.region, 'dataset', 'ListDatasets', input);
      return { datasetSummaries: page.items.map(datasetSummary), nextToken: page.nextToken };
    },
  });
