import type { UpdateDatastoreRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { updatedDatastoreConfig, type DatastoreConfig } from '../resources/datastore.ts';
import { replaceConfig, requireResource } from '../resources/lifecycle.ts';

export const updateDatastore = () =>
  defineOperation<UpdateDatastoreRequest, void>({
    name: 'UpdateDatastore',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('datastore', ctx, input.datastoreName!)],
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const datastore = await requireResource<DatastoreConfig>(tx, ctx.region, 'datastore', input.datastoreName!);
        await replaceConfig(tx, datastore, updatedDatastoreConfig(datastore.config, input), ctx.receivedAt);
      });
    },
  });
