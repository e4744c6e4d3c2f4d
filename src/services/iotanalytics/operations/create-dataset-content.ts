import type { CreateDatasetContentRequest, CreateDatasetContentResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { newVersion, restartVersion, serviceTrigger } from '../datasets/contents/new-version.ts';
import type { DatasetConfig } from '../resources/dataset.ts';
import { requireResource } from '../resources/lifecycle.ts';

// Returns at once with the new version CREATING; the content runner
// generates it off the request path (at most datasets.concurrentContents at
// once, AWS's 2), and GetDatasetContent/ListDatasetContents show its progress.
export const createDatasetContent = (deps: IotAnalyticsDeps) =>
  defineOperation<CreateDatasetContentRequest, CreateDatasetContentResponse>({
    name: 'CreateDatasetContent',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    async handler(input, ctx) {
      const output = await ctx.mutate(async (tx) => {
        const dataset = await requireResource<DatasetConfig>(tx, ctx.region, 'dataset', input.datasetName!);
        if (input.versionId !== undefined) return restartVersion(tx, dataset, input.versionId);
        return newVersion(tx, dataset, {
          at: ctx.receivedAt,
          scheduledFor: ctx.serviceInvocation?.scheduledFor,
          trigger: ctx.serviceInvocation ? serviceTrigger(ctx.serviceInvocation.cause) : 'MANUAL',
        });
      });
      deps.datasetContents.wake();
      return output;
    },
  });
