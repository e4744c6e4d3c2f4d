// The SQL of dataset contents (versions): created CREATING in
// CreateDatasetContent's transaction, completed by the content runner.
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import type { DeltaWindow } from '../delta/delta-window.ts';

export type ContentState = 'CREATING' | 'SUCCEEDED' | 'FAILED';
/** Who asked for the version: an API call, the dataset's schedule, or the dataset that triggers it. */
export type ContentTrigger = 'MANUAL' | 'SCHEDULE' | 'DATASET';

/** One file of a version: an object in the results bucket; entryName for container outputs. */
export interface ContentEntry {
  entryName?: string;
  key: string;
}

/** Where a newest-first listing of versions stands: a version's creation time (ms) and id. */
export interface ContentPosition {
  time: number;
  versionId: string;
}

export function isContentPosition(value: unknown): value is ContentPosition {
  const position = value as Partial<ContentPosition> | null;
  return typeof position?.time === 'number' && typeof position.versionId === 'string';
}

export interface DatasetContent {
  region: string;
  dataset: string;
  versionId: string;
  state: ContentState;
  reason?: string;
  trigger: ContentTrigger;
  creationTime: Date;
  scheduleTime: Date;
  completionTime?: Date;
  /** The delta window the version covers (datasets with a deltaTime filter). */
  window?: DeltaWindow;
  entries: ContentEntry[];
}

export interface DatasetRef {
  region: string;
  dataset: string;
}

interface ContentRow {
  region: string;
  dataset: string;
  version_id: string;
  state: ContentState;
  reason: string | null;
  trigger: ContentTrigger;
  creation_time: number;
  schedule_time: number;
  completion_time: number | null;
  window_start: number | null;
  window_end: number | null;
  entries: string;
}

const COLUMNS = 'region, dataset, version_id, state, reason, trigger, creation_time, schedule_time, completion_time, window_start, window_end, entries';

function fromRow(row: ContentRow): DatasetContent {
  return {
    region: row.region,
    dataset: row.dataset,
    versionId: row.version_id,
    state: row.state,
    ...(row.reason !== null && { reason: row.reason }),
    trigger: row.trigger,
    creationTime: new Date(row.creation_time),
    scheduleTime: new Date(row.schedule_time),
    ...(row.completion_time !== null && { completionTime: new Date(row.completion_time) }),
    ...(row.window_end !== null && {
      window: { start: row.window_start === null ? null : new Date(row.window_start), end: new Date(row.window_end) },
    }),
    entries: JSON.parse(row.entries) as ContentEntry[],
  };
}

export const contentStore = {
  async insert(tx: SqlExecutor, content: DatasetContent): Promise<void> {
    await tx.run(
      `INSERT INTO iota_dataset_contents (${COLUMNS})
       VALUES (@region, @dataset, @versionId, @state, @reason, @trigger, @creationTime, @scheduleTime, @completionTime, @windowStart, @windowEnd, @entries)`,
      {
        ...content,
        reason: content.reason ?? null,
        completionTime: content.completionTime ?? null,
        windowStart: content.window?.start ?? null,
        windowEnd: content.window?.end ?? null,
        entries: JSON.stringify(content.entries),
      },
    );
  },

  async find(db: SqlExecutor, ref: DatasetRef, versionId: string): Promise<DatasetContent | undefined> {
    const row = await db.get<ContentRow>(
      `SELECT ${COLUMNS} FROM iota_dataset_contents WHERE region = @region AND dataset = @dataset AND version_id = @versionId`,
      { ...ref, versionId },
    );
    return row && fromRow(row);
  },

  /** The newest version, or the newest SUCCEEDED one (the first ListDatasetContents shows). */
  async latest(db: SqlExecutor, ref: DatasetRef, succeededOnly: boolean): Promise<DatasetContent | undefined> {
    const row = await db.get<ContentRow>(
      `SELECT ${COLUMNS} FROM iota_dataset_contents
       WHERE region = @region AND dataset = @dataset AND (@succeededOnly = 0 OR state = 'SUCCEEDED')
       ORDER BY creation_time DESC, version_id DESC LIMIT 1`,
      { ...ref, succeededOnly },
    );
    return row && fromRow(row);
  },

  /** Newest first; `before` is a (creationTime, versionId) position to continue after. */
  async list(
    db: SqlExecutor,
    ref: DatasetRef,
    filter: { scheduledOnOrAfter?: Date; scheduledBefore?: Date; before?: ContentPosition; limit: number },
  ): Promise<DatasetContent[]> {
    const rows = await db.all<ContentRow>(
      `SELECT ${COLUMNS} FROM iota_dataset_contents
       WHERE region = @region AND dataset = @dataset
         AND (@onOrAfter IS NULL OR schedule_time >= @onOrAfter)
         AND (@scheduledBefore IS NULL OR schedule_time < @scheduledBefore)
         AND (@beforeTime IS NULL OR creation_time < @beforeTime OR (creation_time = @beforeTime AND version_id < @beforeVersion))
       ORDER BY creation_time DESC, version_id DESC LIMIT @limit`,
      {
        ...ref,
        onOrAfter: filter.scheduledOnOrAfter ?? null,
        scheduledBefore: filter.scheduledBefore ?? null,
        beforeTime: filter.before?.time ?? null,
        beforeVersion: filter.before?.versionId ?? null,
        limit: filter.limit,
      },
    );
    return rows.map(fromRow);
  },

  /** Every version of a dataset, oldest first. */
  async all(db: SqlExecutor, ref: DatasetRef): Promise<DatasetContent[]> {
    const rows = await db.all<ContentRow>(
      `SELECT ${COLUMNS} FROM iota_dataset_contents WHERE region = @region AND dataset = @dataset ORDER BY creation_time, rowid`,
      { ...ref },
    );
    return rows.map(fromRow);
  },

  /** Versions waiting to be generated, oldest first. */
  async creating(db: SqlExecutor): Promise<DatasetContent[]> {
    const rows = await db.all<ContentRow>(`SELECT ${COLUMNS} FROM iota_dataset_contents WHERE state = 'CREATING' ORDER BY creation_time, rowid`);
    return rows.map(fromRow);
  },

  /**
   * Starts a version over (CreateDatasetContent with the versionId of a
   * delta-time dataset): same window, same times, CREATING again.
   */
  async restart(tx: SqlExecutor, ref: DatasetRef, versionId: string): Promise<void> {
    await tx.run(
      `UPDATE iota_dataset_contents SET state = 'CREATING', reason = NULL, completion_time = NULL
       WHERE region = @region AND dataset = @dataset AND version_id = @versionId`,
      { ...ref, versionId },
    );
  },

  /** Completes a version that is still CREATING (one deleted meanwhile is left alone); false if there was none. */
  async complete(
    tx: SqlExecutor,
    content: DatasetContent,
    outcome: { state: 'SUCCEEDED' | 'FAILED'; reason?: string; entries: ContentEntry[]; at: Date },
  ): Promise<boolean> {
    const { changes } = await tx.run(
      `UPDATE iota_dataset_contents SET state = @state, reason = @reason, entries = @entries, completion_time = @at
       WHERE region = @region AND dataset = @dataset AND version_id = @versionId AND state = 'CREATING'`,
      {
        region: content.region,
        dataset: content.dataset,
        versionId: content.versionId,
        state: outcome.state,
        reason: outcome.reason ?? null,
        entries: JSON.stringify(outcome.entries),
        at: outcome.at,
      },
    );
    return changes > 0;
  },

  async delete(tx: SqlExecutor, ref: DatasetRef, versionIds: readonly string[]): Promise<void> {
    for (const versionId of versionIds) {
      await tx.run('DELETE FROM iota_dataset_contents WHERE region = @region AND dataset = @dataset AND version_id = @versionId', { ...ref, versionId });
    }
  },

  /** Deletes those of the versions that are not CREATING (what retention may remove). */
  async deleteFinished(tx: SqlExecutor, ref: DatasetRef, versionIds: readonly string[]): Promise<void> {
    for (const versionId of versionIds) {
      await tx.run(
        `DELETE FROM iota_dataset_contents WHERE region = @region AND dataset = @dataset AND version_id = @versionId AND state <> 'CREATING'`,
        { ...ref, versionId },
      );
    }
  },

  /** Datasets that have versions (what the retention purge visits). */
  async datasets(db: SqlExecutor): Promise<DatasetRef[]> {
    return db.all<DatasetRef>('SELECT DISTINCT region, dataset FROM iota_dataset_contents ORDER BY region, dataset');
  },
};
