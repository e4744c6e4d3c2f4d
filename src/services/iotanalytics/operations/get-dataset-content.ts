import type { GetDatasetContentRequest, GetDatasetContentResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { requireVersion } from '../datasets/contents/versions.ts';
import { requireResource } from '../resources/lifecycle.ts';

export const getDatasetContent = (deps: IotAnalyticsDeps) =>
  defineOperation<GetDatasetContentRequest, GetDatasetContentResponse>({
    name: 'GetDatasetContent',
    readOnly: true,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    async handler(input, ctx) {
      const db = deps.db.reader;
      await requireResource(db, ctx.region, 'dataset', input.datasetName!);
      const content = await requireVersion(db, { region: ctx.region, dataset: input.datasetName! }, input.versionId);
      // A fresh URL on every call, as AWS minted them; only finished versions have files.
      const entries =
        content.state === 'SUCCEEDED'
          ? content.entries.map((entry) => ({
              ...(entry.entryName !== undefined && { entryName: entry.entryName }),
              dataURI: deps.datasetContents.dataUri(entry, ctx.origin, ctx.clock.now()),
            }))
          : [];
      return {
        entries,
        timestamp: content.creationTime,
        status: { state: content.state, ...(content.reason !== undefined && { reason: content.reason }) },
      };
    },
  });
