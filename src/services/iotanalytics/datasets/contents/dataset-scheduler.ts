// What makes the service create dataset versions on its own, on the injected
// clock (checked every datasets.schedulerIntervalMs):
//   - schedule triggers (cron/rate): when a fire time has passed since the
//     last scheduled version (or since the dataset was last set), one version
//     for the latest such fire time; after a pause its delta window catches up;
//   - dataset triggers: a container dataset runs when the SQL dataset it
//     names has a version SUCCEED;
//   - late data (lateDataRules): every timeoutInMinutes, versions whose
//     window received rows after they were generated are generated again;
//   - versioning and retention: versions past them are purged.
// Every version the service creates goes through RequestPipeline
// .invokeAsService, so it is validated, run and audited like an API call,
// with CloudTrail's AWSService identity (invokedBy iotanalytics.amazonaws.com).
import type { Clock } from '../../../../lib/clock.ts';
import type { Logger } from '../../../../lib/logger.ts';
import type { ServiceCall } from '../../../../pipeline/request-pipeline.ts';
import type { Database } from '../../../../storage/db/database.ts';
import type { DatasetConfig } from '../../resources/dataset.ts';
import { resourceStore, type StoredResource } from '../../resources/resource-store.ts';
import { previousFireTime, parseSchedule } from '../schedule/schedule.ts';
import { contentStore, type DatasetContent } from './content-store.ts';
import type { DatasetContents } from './dataset-contents.ts';
import { progressStore } from './progress-store.ts';
import type { LateDataDetector } from './late-data-detector.ts';
import { scheduleTriggerOf } from './new-version.ts';

const IOT_ANALYTICS_PRINCIPAL = 'iotanalytics.amazonaws.com';

export interface DatasetSchedulerOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  contents: DatasetContents;
  lateData: LateDataDetector;
  intervalMs: number;
  /** RequestPipeline.invokeAsService. */
  invoke(call: ServiceCall): Promise<unknown>;
}

export class DatasetScheduler {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private readonly triggered: Promise<void>[] = [];

  constructor(private readonly options: DatasetSchedulerOptions) {
    options.contents.onSucceeded((content) => this.track(this.runDependents(content)));
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
    await Promise.all(this.triggered);
  }

  /** One round of checks (joining one under way). */
  tick(): Promise<void> {
    this.ticking ??= this.round().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async round(): Promise<void> {
    const { db, contents } = this.options;
    // Each dataset on its own: one that fails (say, its late-data check
    // cannot read its time expression) must not hold up the others' schedules.
    for (const dataset of await this.attempt('datasets not read', () => resourceStore.everywhere<DatasetConfig>(db.reader, 'dataset'))) {
      await this.attempt(`dataset ${dataset.name} not checked`, async () => {
        await this.fireSchedule(dataset);
        for (const versionId of await this.options.lateData.versionsToRegenerate(dataset)) {
          await this.createVersion(dataset.region, dataset.name, 'LATE_DATA', { versionId });
        }
      });
    }
    for (const ref of await this.attempt('datasets not read', () => contentStore.datasets(db.reader))) {
      await this.attempt(`versions of ${ref.dataset} not purged`, () => contents.purge(ref));
    }
  }

  /** Runs one step of a round; a failure is logged and the round goes on. */
  private async attempt<T>(what: string, step: () => Promise<T[] | void>): Promise<T[]> {
    try {
      return (await step()) ?? [];
    } catch (error) {
      this.options.logger.error(`dataset scheduler: ${what}`, { error: String(error) });
      return [];
    }
  }

  private async fireSchedule(dataset: StoredResource<DatasetConfig>): Promise<void> {
    const expression = scheduleTriggerOf(dataset.config)?.expression;
    if (!expression) return;
    const ref = { region: dataset.region, dataset: dataset.name };
    const now = this.options.clock.now();
    // The latest fire time not after now; rate schedules count from when the dataset was last set.
    const due = previousFireTime(parseSchedule(expression), new Date(now.getTime() + 1), dataset.updatedAt);
    const last = (await progressStore.get(this.options.db.reader, ref)).lastScheduleTime ?? dataset.updatedAt;
    if (!due || due <= last || due <= dataset.updatedAt) return;
    await this.createVersion(dataset.region, dataset.name, 'SCHEDULE', {}, due);
  }

  private async runDependents(content: DatasetContent): Promise<void> {
    const datasets = await resourceStore.all<DatasetConfig>(this.options.db.reader, content.region, 'dataset');
    for (const dependent of datasets) {
      if (dependent.config.triggers.some((t) => t.dataset?.name === content.dataset)) {
        await this.createVersion(dependent.region, dependent.name, 'DATASET', {});
      }
    }
  }

  private async createVersion(region: string, datasetName: string, cause: string, input: { versionId?: string }, scheduledFor?: Date): Promise<void> {
    try {
      await this.options.invoke({
        service: 'iotanalytics',
        operation: 'CreateDatasetContent',
        input: { datasetName, ...input },
        region,
        invokedBy: IOT_ANALYTICS_PRINCIPAL,
        cause,
        scheduledFor,
      });
    } catch (error) {
      // Recorded as the call's failure in the audit trail; nothing else to do until the next firing.
      this.options.logger.warn('dataset version not created', { dataset: datasetName, cause, error: String(error) });
    }
  }

  /** Keeps dataset-triggered work for stop() to wait on; it never rejects (that would crash the process). */
  private track(work: Promise<void>): void {
    const tracked: Promise<void> = work
      .catch((error: unknown) => this.options.logger.error('dataset triggers not run', { error: String(error) }))
      .finally(() => this.triggered.splice(this.triggered.indexOf(tracked), 1));
    this.triggered.push(tracked);
  }
}
