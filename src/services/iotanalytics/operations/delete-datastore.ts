import type { DeleteDatastoreRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import type { DatastoreConfig } from '../resources/datastore.ts';
import { deleteResource, requireResource } from '../resources/lifecycle.ts';

// The data store's staged rows and file index go in the same transaction;
// the files of service-managed storage are deleted right after (a
// customer's bucket keeps them).
export const deleteDatastore = (deps: IotAnalyticsDeps) =>
  defineOperation<DeleteDatastoreRequest, void>({
    name: 'DeleteDatastore',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('datastore', ctx, input.datastoreName!)],
    handler: (input, ctx) =>
      ctx.mutate(async (tx) => {
        const datastore = await requireResource<DatastoreConfig>(tx, ctx.region, 'datastore', input.datastoreName!);
        await deps.dataPlane.datastoreDeleted(tx, datastore);
        await deleteResource(tx, ctx.region, 'datastore', datastore.name);
      }),
  });
