import type { CreateDatastoreRequest, CreateDatastoreResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { newDatastoreConfig } from '../resources/datastore.ts';
import { createResource } from '../resources/lifecycle.ts';
import { tagPairs } from '../resources/tags.ts';

export const createDatastore = (deps: IotAnalyticsDeps) =>
  defineOperation<CreateDatastoreRequest, CreateDatastoreResponse>({
    name: 'CreateDatastore',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('datastore', ctx, input.datastoreName!)],
    async handler(input, ctx) {
      const config = newDatastoreConfig(input);
      const tags = tagPairs(input.tags);
      return ctx.mutate(async (tx) => {
        const datastore = await createResource(tx, deps.quotas, ctx, { kind: 'datastore', name: input.datastoreName!, config, tags, at: ctx.receivedAt });
        return { datastoreName: datastore.name, datastoreArn: datastore.arn, retentionPeriod: config.retentionPeriod };
      });
    },
  });
