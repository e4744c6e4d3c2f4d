// lateDataRules. AWS looked, every timeoutInMinutes, for rows that arrived
// after a version was generated but whose event time (the deltaTime
// timeExpression) falls in that version's window, and announced those
// versions in an EventBridge event so users could generate them again
// (CreateDatasetContent with their versionId). There is no EventBridge here:
// the server generates those versions again itself (docs/FIDELITY.md,
// "Datasets"). New rows are those of data-store files recorded since the
// last look; files rewritten by compaction count as new, which at worst
// generates a version again with the same result. The time of the last look
// is stored, so files recorded before a restart are still looked at.
import { readFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../../../lib/clock.ts';
import type { Database } from '../../../../storage/db/database.ts';
import type { DataPlane } from '../../data-plane/data-plane.ts';
import type { DatastoreConfig } from '../../resources/datastore.ts';
import type { DatasetConfig } from '../../resources/dataset.ts';
import { resourceStore, type StoredResource } from '../../resources/resource-store.ts';
import { versionsWithLateData } from '../delta/late-data.ts';
import type { DatasetQueryEngine } from '../query/engine.ts';
import { dataStoreScan } from '../query/data-store-scan.ts';
import { contentStore } from './content-store.ts';
import { progressStore } from './progress-store.ts';
import { deltaTimeOf } from './new-version.ts';
import { mentionsDataStore } from './query-action.ts';

const MINUTE_MS = 60_000;

export interface LateDataDetectorOptions {
  db: Database;
  clock: Clock;
  dataPlane: DataPlane;
  engine: () => DatasetQueryEngine | undefined;
  workDir: string;
}

export class LateDataDetector {
  constructor(private readonly options: LateDataDetectorOptions) {}

  /** The versions of `dataset` to generate again, when its rule's period has passed since the last look. */
  async versionsToRegenerate(dataset: StoredResource<DatasetConfig>): Promise<string[]> {
    const rule = dataset.config.lateDataRules?.[0]?.ruleConfiguration?.deltaTimeSessionWindowConfiguration;
    const delta = deltaTimeOf(dataset.config);
    const engine = this.options.engine();
    if (!rule || !delta || !engine) return [];
    const { db, clock } = this.options;
    const ref = { region: dataset.region, dataset: dataset.name };
    const now = clock.now();
    const since = (await progressStore.get(db.reader, ref)).lateDataCheckedAt?.getTime();
    if (since !== undefined && now.getTime() - since < rule.timeoutInMinutes! * MINUTE_MS) return [];
    await db.transaction((tx) => progressStore.lateDataChecked(tx, ref, now));
    if (since === undefined) return [];
    const versions = (await contentStore.all(this.options.db.reader, ref)).filter(
      (c) => c.state === 'SUCCEEDED' && c.window && c.completionTime && c.completionTime.getTime() <= since,
    );
    if (versions.length === 0) return [];
    const times = await this.newEventTimes(engine, dataset, delta.timeExpression, since);
    return versionsWithLateData(versions.map((v) => ({ versionId: v.versionId, window: v.window! })), times);
  }

  /** The event times of rows in files recorded after `since`, in the data stores the dataset's SQL names. */
  private async newEventTimes(engine: DatasetQueryEngine, dataset: StoredResource<DatasetConfig>, timeExpression: string, since: number): Promise<Date[]> {
    const sql = dataset.config.actions[0].queryAction!.sqlQuery!;
    const datastores = await resourceStore.all<DatastoreConfig>(this.options.db.reader, dataset.region, 'datastore');
    const times: Date[] = [];
    const work = join(this.options.workDir, `late-${dataset.region}-${dataset.name}`);
    await mkdir(work, { recursive: true });
    try {
      for (const datastore of datastores) {
        if (!mentionsDataStore(sql, datastore.name)) continue;
        const listing = await this.options.dataPlane.datastoreFiles(dataset.region, datastore.name);
        const files = (listing?.files ?? []).filter((f) => f.path && f.createdAt.getTime() >= since).map((f) => f.path!);
        if (!listing || files.length === 0) continue;
        const scan = dataStoreScan({ format: listing.format, files });
        const outputPath = join(work, `${datastore.name}.csv`);
        await engine.runDatasetQuery({
          sql: `SELECT DISTINCT ${timeExpression} AS t FROM late_rows`,
          tables: (name) => (name === 'late_rows' ? scan : undefined),
          outputPath,
          queryTime: new Date(since),
        });
        const lines = (await readFile(outputPath, 'utf8')).split('\n').slice(1);
        for (const line of lines) {
          const value = line.replaceAll('"', '');
          if (value) times.push(new Date(`${value.replace(' ', 'T')}Z`));
        }
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return times.filter((t) => !Number.isNaN(t.getTime()));
  }
}
