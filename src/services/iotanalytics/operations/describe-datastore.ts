import type { DescribeDatastoreRequest, DescribeDatastoreResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { datastoreDescription, type DatastoreConfig } from '../resources/datastore.ts';
import { requireResource } from '../resources/lifecycle.ts';
import { requireStatisticsSupport } from '../resources/storage.ts';
import { estimatedResourceSize } from '../statistics.ts';

export const describeDatastore = (deps: IotAnalyticsDeps) =>
  defineOperation<DescribeDatastoreRequest, DescribeDatastoreResponse>({
    name: 'DescribeDatastore',
    readOnly: true,
    resources: (input, ctx) => [resourceRef('datastore', ctx, input.datastoreName!)],
    async handler(input, ctx) {
      const datastore = await requireResource<DatastoreConfig>(deps.db.reader, ctx.region, 'datastore', input.datastoreName!);
      const subject = { kind: 'datastore' as const, region: ctx.region, name: datastore.name };
      const output: DescribeDatastoreResponse = { datastore: datastoreDescription(datastore, await deps.statistics.lastMessageArrival(subject)) };
      if (input.includeStatistics) {
        requireStatisticsSupport(datastore.config.storage, 'data store');
        output.statistics = { size: await estimatedResourceSize(deps.statistics, subject) };
      }
      return output;
    },
  });
