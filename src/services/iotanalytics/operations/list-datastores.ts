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
      const datastoreSummaries = await Promise.all(
        page.items.map(async (d) => datastoreSummary(d, await deps.statistics.lastMessageArrival({ kind: 'datastore', region: ctx.region, name: d.name }))),
      );
      return { datastoreSummaries, nextToken: page.nextToken };
    },
  });
