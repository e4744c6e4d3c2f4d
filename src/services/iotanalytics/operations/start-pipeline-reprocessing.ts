import { randomUUID } from 'node:crypto';
import type { StartPipelineReprocessingRequest, StartPipelineReprocessingResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { channelObjects } from '../data-plane/channels/archive.ts';
import { channelLog } from '../data-plane/channels/channel-log.ts';
import { reprocessings, type ReprocessingRequest } from '../data-plane/pipelines/reprocessings.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { compilePipeline } from '../pipeline-engine/index.ts';
import { requireResource } from '../resources/lifecycle.ts';
import type { PipelineConfig } from '../resources/pipeline.ts';

// Asynchronous, as on AWS: the run is recorded RUNNING and the pipeline's
// worker replays it; DescribePipeline's reprocessingSummaries shows how it
// ends. One run at a time per pipeline (ResourceAlreadyExistsException, the
// model's AE for this operation).
export const startPipelineReprocessing = (deps: IotAnalyticsDeps) =>
  defineOperation<StartPipelineReprocessingRequest, StartPipelineReprocessingResponse>({
    name: 'StartPipelineReprocessing',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('pipeline', ctx, input.pipelineName!)],
    async handler(input, ctx) {
      const s3Paths = input.channelMessages?.s3Paths;
      const timed = input.startTime !== undefined || input.endTime !== undefined;
      if (s3Paths && timed) throw errors.invalidRequest('Specify either startTime and endTime, or channelMessages, not both.');
      if (input.channelMessages && !s3Paths) throw errors.invalidRequest('channelMessages must contain s3Paths.');
      const startTime = input.startTime?.getTime();
      const endTime = input.endTime?.getTime();
      if (startTime !== undefined && endTime !== undefined && startTime >= endTime) {
        throw errors.invalidRequest('The startTime must be earlier than the endTime.');
      }
      const id = randomUUID();
      await ctx.mutate(async (tx) => {
        const pipeline = await requireResource<PipelineConfig>(tx, ctx.region, 'pipeline', input.pipelineName!);
        const ref = { region: ctx.region, pipeline: pipeline.name };
        const running = await reprocessings.running(tx, ref);
        if (running) {
          throw errors.alreadyExists(`The pipeline ${pipeline.name} is already reprocessing (${running.id}).`, running.id, pipeline.arn);
        }
        const channel = compilePipeline(pipeline.config.activities).channelName;
        await requireResource(tx, ctx.region, 'channel', channel);
        if (s3Paths) {
          const found = new Set((await channelObjects.byKeys(tx, { region: ctx.region, channel }, s3Paths)).map((o) => o.key));
          const missing = s3Paths.find((path) => !found.has(path));
          if (missing !== undefined) throw errors.invalidRequest(`The channel ${channel} has no object ${missing}.`);
        }
        const request: ReprocessingRequest = { v: 1, channel, startTime, endTime, s3Paths, uptoSeq: await channelLog.headSeq(tx) };
        await reprocessings.insert(tx, {
          id,
          ...ref,
          status: 'RUNNING',
          createdAt: ctx.receivedAt,
          request,
          progress: { v: 1, afterSeq: 0, done: 0, failures: 0 },
        });
      });
      deps.dataPlane.pipelineChanged(ctx.region, input.pipelineName!);
      return { reprocessingId: id };
    },
  });
