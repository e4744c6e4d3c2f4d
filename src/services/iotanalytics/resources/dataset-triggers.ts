// Dataset triggers: schedules (with the minimum-interval quotas: 1 minute
// for SQL datasets, `quotas.containerScheduleMinutes` for container datasets)
// and chaining, where a container dataset runs after a SQL dataset. The
// chaining errors are worded as the user guide documents them
// ("Triggering a container dataset", AWS IoT Analytics user guide).
import type { Quotas } from '../../../config/schema.ts';
import type { SqlExecutor } from '../../../storage/db/database.ts';
import { errors } from '../errors.ts';
import { actionType, type DatasetConfig } from './dataset.ts';
import { resourceStore } from './resource-store.ts';
import { ScheduleExpressionError } from '../datasets/schedule/schedule-error.ts';
import { minimumIntervalMinutes, parseSchedule, type Schedule } from '../datasets/schedule/schedule.ts';

function scheduleOf(expression: string): Schedule {
  try {
    return parseSchedule(expression);
  } catch (error) {
    if (!(error instanceof ScheduleExpressionError)) throw error;
    throw errors.invalidRequest(`Schedule expression '${expression}' is not valid: ${error.reason}.`);
  }
}

function checkSchedules(config: DatasetConfig, quotas: Quotas): void {
  const container = actionType(config) === 'CONTAINER';
  const minimum = container ? quotas.containerScheduleMinutes : 1;
  for (const trigger of config.triggers) {
    if (!trigger.schedule) continue;
    if (minimumIntervalMinutes(scheduleOf(trigger.schedule.expression ?? '')) < minimum) {
      throw errors.invalidRequest(`A ${container ? 'container' : 'SQL'} dataset cannot be scheduled more often than every ${minimum} minutes.`);
    }
  }
}

async function dependentsOf(db: SqlExecutor, region: string, name: string): Promise<string[]> {
  const datasets = await resourceStore.all<DatasetConfig>(db, region, 'dataset');
  return datasets.filter((d) => d.name !== name && d.config.triggers.some((t) => t.dataset?.name === name)).map((d) => d.name);
}

/** Checks the triggers of dataset `name` as configured by `config`, against the other datasets. */
export async function checkDatasetTriggers(db: SqlExecutor, region: string, name: string, config: DatasetConfig, quotas: Quotas): Promise<void> {
  checkSchedules(config, quotas);
  const datasetTriggers = config.triggers.filter((t) => t.dataset);
  if (datasetTriggers.length > 0) {
    if (actionType(config) !== 'CONTAINER') throw errors.invalidRequest('Triggering dataset can only be added on a container dataset');
    if (datasetTriggers.length > 1) throw errors.invalidRequest('There can only be one triggering dataset');
    const triggering = datasetTriggers[0].dataset!.name!;
    const source = await resourceStore.find<DatasetConfig>(db, region, 'dataset', triggering);
    if (!source) throw errors.notFound(`The triggering dataset ${triggering} cannot be found.`);
    if (actionType(source.config) === 'CONTAINER') {
      throw errors.invalidRequest(`The triggering dataset ${triggering} cannot be triggered by a container dataset`);
    }
    const dependents = (await dependentsOf(db, region, triggering)).filter((d) => d !== name);
    if (dependents.length >= quotas.datasetsTriggeredPerDataset) {
      throw errors.limitExceeded(`${dependents.length} datasets are already dependent on ${triggering} dataset.`);
    }
  }
  // A SQL dataset that container datasets wait for cannot become a container dataset itself.
  if (actionType(config) === 'CONTAINER') {
    const dependents = await dependentsOf(db, region, name);
    if (dependents.length > 0) {
      throw errors.invalidRequest(`The triggering dataset ${name} cannot be triggered by a container dataset`);
    }
  }
}
