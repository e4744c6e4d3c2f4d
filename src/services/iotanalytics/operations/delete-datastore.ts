import type { DeleteDatastoreRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { deleteResource } from '../resources/lifecycle.ts';

export const deleteDatastore = () =>
  defineOperation<DeleteDatastoreRequest, void>({
    name: 'DeleteDatastore',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('datastore', ctx, input.datastoreName!)],
    handler: (input, ctx) => ctx.mutate((tx) => deleteResource(tx, ctx.region, 'datastore', input.datastoreName!)),
  });
