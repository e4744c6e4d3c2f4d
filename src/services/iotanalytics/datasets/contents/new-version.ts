// A new dataset version, in CreateDatasetContent's transaction: a UUID (as
// AWS's are), state CREATING, and for datasets with a deltaTime filter the
// window it will cover, fixed now so that consecutive versions are
// contiguous whatever order they finish in.
import { randomUUID } from 'node:crypto';
import type { DatasetTrigger } from '@aws-sdk/client-iotanalytics';
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import { errors } from '../../errors.ts';
import type { DatasetConfig } from '../../resources/dataset.ts';
import type { StoredResource } from '../../resources/resource-store.ts';
import { computeDeltaWindow, type DeltaTime } from '../delta/delta-window.ts';
import { parseSchedule } from '../schedule/schedule.ts';
import { contentStore, type ContentTrigger } from './content-store.ts';
import { progressStore } from './progress-store.ts';

export function deltaTimeOf(config: DatasetConfig): DeltaTime | undefined {
  const delta = config.actions[0].queryAction?.filters?.find((f) => f.deltaTime)?.deltaTime;
  return delta && { offsetSeconds: delta.offsetSeconds!, timeExpression: delta.timeExpression! };
}

export function scheduleTriggerOf(config: DatasetConfig): DatasetTrigger['schedule'] | undefined {
  return config.triggers.find((t) => t.schedule?.expression)?.schedule;
}

/**
 * The trigger of a version the service itself asks for. Only schedules and
 * triggering datasets start new versions; a late-data re-run restarts an
 * existing version (CreateDatasetContent with its versionId) and never gets here.
 */
export function serviceTrigger(cause: string): ContentTrigger {
  if (cause === 'SCHEDULE' || cause === 'DATASET') return cause;
  throw new Error(`a service run caused by ${cause} does not start a new dataset version`);
}

export async function newVersion(
  tx: SqlExecutor,
  dataset: StoredResource<DatasetConfig>,
  run: { at: Date; scheduledFor?: Date; trigger: ContentTrigger },
): Promise<{ versionId: string }> {
  const ref = { region: dataset.region, dataset: dataset.name };
  const scheduleTime = run.scheduledFor ?? run.at;
  const delta = deltaTimeOf(dataset.config);
  const expression = scheduleTriggerOf(dataset.config)?.expression;
  const window =
    delta &&
    computeDeltaWindow({
      offsetSeconds: delta.offsetSeconds,
      runTime: scheduleTime,
      previousWindowEnd: (await progressStore.get(tx, ref)).lastWindowEnd,
      schedule: expression ? parseSchedule(expression) : undefined,
      // Rate schedules count from when the dataset (and so its schedule) was last set.
      scheduleAnchor: dataset.updatedAt,
    });
  const versionId = randomUUID();
  await contentStore.insert(tx, {
    ...ref,
    versionId,
    state: 'CREATING',
    trigger: run.trigger,
    creationTime: run.at,
    scheduleTime,
    window,
    entries: [],
  });
  await progressStore.advance(tx, ref, { scheduleTime: run.trigger === 'SCHEDULE' ? scheduleTime : undefined, windowEnd: window?.end });
  return { versionId };
}

/**
 * CreateDatasetContent with a versionId: the model allows it only for
 * datasets with a deltaTime filter, and it generates that version's window
 * again (what late data calls for).
 */
export async function restartVersion(tx: SqlExecutor, dataset: StoredResource<DatasetConfig>, versionId: string): Promise<{ versionId: string }> {
  if (!deltaTimeOf(dataset.config)) {
    throw errors.invalidRequest('To specify versionId for a dataset content, the dataset must use a DeltaTime filter.');
  }
  const ref = { region: dataset.region, dataset: dataset.name };
  const content = await contentStore.find(tx, ref, versionId);
  if (!content) throw errors.notFound(`Dataset content version ${versionId} of dataset ${dataset.name} cannot be found.`);
  await contentStore.restart(tx, ref, versionId);
  return { versionId };
}
