import type { ListDatasetContentsRequest, ListDatasetContentsResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { contentStore } from '../datasets/contents/content-store.ts';
import { errors } from '../errors.ts';
import { requireResource } from '../resources/lifecycle.ts';
import { DEFAULT_PAGE_SIZE } from '../resources/paging.ts';

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
      const scope = `iotanalytics:ListDatasetContents:${ctx.region}:${ref.dataset}`;
      let before: { time: number; versionId: string } | undefined;
      if (input.nextToken !== undefined) {
        const position = deps.tokens.decode<{ time?: unknown; versionId?: unknown }>(scope, input.nextToken);
        if (typeof position?.time !== 'number' || typeof position.versionId !== 'string') throw errors.invalidRequest('The nextToken is not valid.');
        before = { time: position.time, versionId: position.versionId };
      }
      const size = input.maxResults ?? DEFAULT_PAGE_SIZE;
      const rows = await contentStore.list(db, ref, {
        scheduledOnOrAfter: input.scheduledOnOrAfter,
        scheduledBefore: input.scheduledBefore,
        before,
        limit: size + 1,
      });
      const page = rows.slice(0, size);
      const last = page[page.length - 1];
      return {
        datasetContentSummaries: page.map((c) => ({
          version: c.versionId,
          status: { state: c.state, ...(c.reason !== undefined && { reason: c.reason }) },
          creationTime: c.creationTime,
          scheduleTime: c.scheduleTime,
          ...(c.completionTime && { completionTime: c.completionTime }),
        })),
        nextToken: rows.length > size ? deps.tokens.encode(scope, { time: last.creationTime.getTime(), versionId: last.versionId }) : undefined,
      };
    },
  });
