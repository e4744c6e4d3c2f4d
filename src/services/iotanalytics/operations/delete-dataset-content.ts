import type { DeleteDatasetContentRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { contentStore } from '../datasets/contents/content-store.ts';
import { requireVersion } from '../datasets/contents/versions.ts';
import { requireResource } from '../resources/lifecycle.ts';

export const deleteDatasetContent = (deps: IotAnalyticsDeps) =>
  defineOperation<DeleteDatasetContentRequest, void>({
    name: 'DeleteDatasetContent',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    async handler(input, ctx) {
      const ref = { region: ctx.region, dataset: input.datasetName! };
      const deleted = await ctx.mutate(async (tx) => {
        await requireResource(tx, ctx.region, 'dataset', ref.dataset);
        const content = await requireVersion(tx, ref, input.versionId);
        await contentStore.delete(tx, ref, [content.versionId]);
        return content;
      });
      // The files go after the commit. A version still being generated is
      // stopped: it must not deliver a file for a version that is gone.
      deps.datasetContents.cancel(ref, [deleted.versionId]);
      await deps.datasetContents.discard(deleted.entries);
    },
  });
