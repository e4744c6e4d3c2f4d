// Pipeline rules. What makes a list of activities a pipeline (one channel
// and one datastore activity, chained by `next`, every expression and path
// well-formed) is the pipeline engine's to say (compilePipeline); this module
// adds what involves the account: the activities quota and the channel and
// data store named.
import type { Pipeline, PipelineActivity, PipelineSummary, ReprocessingSummary } from '@aws-sdk/client-iotanalytics';
import type { SqlExecutor } from '../../../storage/db/database.ts';
import { errors } from '../errors.ts';
import { compilePipeline, PipelineDefinitionError } from '../pipeline-engine/index.ts';
import { resourceStore, type StoredResource } from './resource-store.ts';

export interface PipelineConfig {
  activities: PipelineActivity[];
}

export function pipelineConfig(activities: PipelineActivity[], maxActivities: number): PipelineConfig {
  if (activities.length > maxActivities) {
    throw errors.limitExceeded(`A pipeline can have at most ${maxActivities} activities.`);
  }
  try {
    compilePipeline(activities);
  } catch (error) {
    if (error instanceof PipelineDefinitionError) throw errors.invalidRequest(error.message);
    throw error;
  }
  return { activities };
}

/** The channel and data store a pipeline reads and writes must exist (ResourceNotFoundException otherwise). */
export async function checkPipelineReferences(db: SqlExecutor, region: string, config: PipelineConfig): Promise<void> {
  for (const activity of config.activities) {
    if (activity.channel) await requireReferenced(db, region, 'channel', activity.channel.channelName!, activity.channel.name!);
    if (activity.datastore) await requireReferenced(db, region, 'datastore', activity.datastore.datastoreName!, activity.datastore.name!);
  }
}

async function requireReferenced(db: SqlExecutor, region: string, kind: 'channel' | 'datastore', name: string, activity: string) {
  if (!(await resourceStore.find(db, region, kind, name))) {
    const what = kind === 'channel' ? 'channel' : 'data store';
    throw errors.notFound(`The ${what} ${name} named by activity '${activity}' cannot be found.`);
  }
}

/** `reprocessingSummaries` come from the data plane, newest first. */
export function pipelineDescription(pipeline: StoredResource<PipelineConfig>, reprocessingSummaries: ReprocessingSummary[]): Pipeline {
  return {
    name: pipeline.name,
    arn: pipeline.arn,
    activities: pipeline.config.activities,
    reprocessingSummaries,
    creationTime: pipeline.createdAt,
    lastUpdateTime: pipeline.updatedAt,
  };
}

export function pipelineSummary(pipeline: StoredResource<PipelineConfig>, reprocessingSummaries: ReprocessingSummary[]): PipelineSummary {
  return {
    pipelineName: pipeline.name,
    reprocessingSummaries,
    creationTime: pipeline.createdAt,
    lastUpdateTime: pipeline.updatedAt,
  };
}
