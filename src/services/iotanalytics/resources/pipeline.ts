// Pipeline rules. The activity list is a graph, not a sequence: processing
// starts at the one channel activity and follows `next` by name until the one
// data store activity (which has no `next`). AWS's own CLI example lists
// channel, datastore, math in that order. So: every activity has exactly one
// type, names are unique, every `next` resolves, the chain from the channel
// reaches the data store without a cycle, and no activity is left out.
import type { Pipeline, PipelineActivity, PipelineSummary } from '@aws-sdk/client-iotanalytics';
import type { SqlExecutor } from '../../../storage/db/database.ts';
import { errors } from '../errors.ts';
import { exactlyOne, firstDuplicate } from './one-of.ts';
import { resourceStore, type StoredResource } from './resource-store.ts';

export interface PipelineConfig {
  activities: PipelineActivity[];
}

interface Node {
  type: string;
  name: string;
  next?: string;
}

function node(activity: PipelineActivity): Node {
  const type = exactlyOne(activity, 'Exactly one activity type should be provided');
  const body = (activity as Record<string, { name: string; next?: string }>)[type];
  return { type, name: body.name, next: body.next };
}

export function pipelineConfig(activities: PipelineActivity[], maxActivities: number): PipelineConfig {
  if (activities.length > maxActivities) {
    throw errors.limitExceeded(`A pipeline can have at most ${maxActivities} activities.`);
  }
  const nodes = activities.map(node);
  for (const type of ['channel', 'datastore']) {
    if (nodes.filter((n) => n.type === type).length !== 1) {
      throw errors.invalidRequest(`A pipeline must have exactly one ${type} activity.`);
    }
  }
  const duplicate = firstDuplicate(nodes, (n) => n.name);
  if (duplicate) throw errors.invalidRequest(`Activity names must be unique; '${duplicate.name}' is used more than once.`);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  for (const n of nodes) {
    if (n.next !== undefined && !byName.has(n.next)) {
      throw errors.invalidRequest(`Activity '${n.name}' names '${n.next}' as next, which is not an activity of this pipeline.`);
    }
  }
  const visited = new Set<string>();
  let current = nodes.find((n) => n.type === 'channel')!;
  while (current.type !== 'datastore') {
    visited.add(current.name);
    if (current.next === undefined) {
      throw errors.invalidRequest(`Activity '${current.name}' has no next activity; the chain must end at the datastore activity.`);
    }
    current = byName.get(current.next)!;
    if (visited.has(current.name)) {
      throw errors.invalidRequest(`The activities form a cycle at '${current.name}'; they must form one chain from the channel to the datastore activity.`);
    }
  }
  visited.add(current.name);
  const unreachable = nodes.find((n) => !visited.has(n.name));
  if (unreachable) {
    throw errors.invalidRequest(`Activity '${unreachable.name}' cannot be reached from the channel activity.`);
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

export function pipelineDescription(pipeline: StoredResource<PipelineConfig>): Pipeline {
  return {
    name: pipeline.name,
    arn: pipeline.arn,
    activities: pipeline.config.activities,
    // Reprocessing arrives with the data plane (issue #5).
    reprocessingSummaries: [],
    creationTime: pipeline.createdAt,
    lastUpdateTime: pipeline.updatedAt,
  };
}

export function pipelineSummary(pipeline: StoredResource<PipelineConfig>): PipelineSummary {
  return {
    pipelineName: pipeline.name,
    reprocessingSummaries: [],
    creationTime: pipeline.createdAt,
    lastUpdateTime: pipeline.updatedAt,
  };
}
