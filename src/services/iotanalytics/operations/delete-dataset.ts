import type { DeleteDatasetRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { contentStore } from '../datasets/contents/content-store.ts';
import { progressStore } from '../datasets/contents/progress-store.ts';
import { deleteResource } from '../resources/lifecycle.ts';

export const deleteDataset = (deps: IotAnalyticsDeps) =>
  defineOperation<DeleteDatasetRequest, void>({
    name: 'DeleteDataset',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    async handler(input, ctx) {
      const ref = { region: ctx.region, dataset: input.datasetName! };
      // Its versions go with it in the same transaction, those waiting or
      // being generated too: nothing would ever finish them, and a dataset
      // created again under the name must not inherit them.
      const versions = await ctx.mutate(async (tx) => {
        await deleteResource(tx, ctx.region, 'dataset', ref.dataset);
        const all = await contentStore.all(tx, ref);
        await contentStore.delete(tx, ref, all.map((c) => c.versionId));
        await progressStore.delete(tx, ref);
        return all;
      });
      deps.datasetContents.cancel(ref, versions.map((c) => c.versionId));
      await deps.datasetContents.discard(versions.flatMap((c) => c.entries));
    },
  });
