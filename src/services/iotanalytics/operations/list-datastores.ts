import type { ListDatastoresRequest, ListDatastoresResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { datastoreSummary, type DatastoreConfig } from '../resources/datastore.ts';
import { listPage } from '../resources/paging.ts';

export const listDatastores = (deps: IotAnalyticsDeps) =>
  defineOperation<ListDatastoresRequest, ListDatastoresResponse>({
    name: 'ListDatastores',
    readOnly: true,
    async handler(input, ctx) {
      const page = await listPage<DatastoreConfig>(deps, ctx.region, 'datastore', 'ListDatastores', input);
      return { datastoreSummaries: page.items.map(datastoreSummary), nextToken: page.nextToken };
    },
  });
