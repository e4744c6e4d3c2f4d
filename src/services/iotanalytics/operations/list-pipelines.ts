import type { ListPipelinesRequest, ListPipelinesResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { reprocessings } from '../data-plane/pipelines/reprocessings.ts';
import { listPage } from '../resources/paging.ts';
import { pipelineSummary, type PipelineConfig } from '../resources/pipeline.ts';

export const listPipelines = (deps: IotAnalyticsDeps) =>
  defineOperation<ListPipelinesRequest, ListPipelinesResponse>({
    name: 'ListPipelines',
    readOnly: true,
    async handler(input, ctx) {
      const page = await listPage<PipelineConfig>(deps, ctx.region, 'pipeline', 'ListPipelines', input);
      const pipelineSummaries = await Promise.all(
        page.items.map(async (p) => pipelineSummary(p, await reprocessings.summaries(deps.db.reader, { region: ctx.region, pipeline: p.name }))),
      );
      return { pipelineSummaries, nextToken: page.nextToken };
    },
  });
