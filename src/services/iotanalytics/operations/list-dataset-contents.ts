import type { ListDatasetContentsRequest, ListDatasetContentsResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { contentStore, isContentPosition, type ContentPosition, type DatasetContent } from '../datasets/contents/content-store.ts';
import { requireResource } from '../resources/lifecycle.ts';
import { pageOf } from '../resources/paging.ts';

// Newest first [I: the reference leaves the order open]. The token is a
// MAC'd position (creation time, version id), so deletions between pages
// neither repeat nor skip versions.
export const listDatasetContents = (deps: IotAnalyticsDeps) =>
  defineOperation<ListDatasetContentsRequest, ListDatasetContentsResponse>({
    name: 'ListDatasetContents',
    readOnly: true,
    resources: (input, ctx) => [resourceRef('dataset', ctx, input.datasetName!)],
    async handler(input, ctx) {
      const db = deps.db.reader;
      const ref = { region: ctx.region, dataset: input.datasetName! };
      await requireResource(db, ctx.region, 'dataset', ref.dataset);
      const page = await pageOf<DatasetContent, ContentPosition>(deps, input, {
        scope: `iotanalytics:ListDatasetContents:${ctx.region}:${ref.dataset}`,
        isPosition: isContentPosition,
        positionOf: (content) => ({ time: content.creationTime.getTime(), versionId: content.versionId }),
        read: (before, limit) =>
          contentStore.list(db, ref, { scheduledOnOrAfter: input.scheduledOnOrAfter, scheduledBefore: input.scheduledBefore, before, limit }),
      });
      return {
        datasetContentSummaries: page.items.map((c) => ({
          version: c.versionId,
          status: { state: c.state, ...(c.reason !== undefined && { reason: c.reason }) },
          creationTime: c.creationTime,
          scheduleTime: c.scheduleTime,
          ...(c.completionTime && { completionTime: c.completionTime }),
        })),
        nextToken: page.nextToken,
      };
    },
  });
