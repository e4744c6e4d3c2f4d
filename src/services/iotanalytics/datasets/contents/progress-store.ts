// The SQL of where each dataset's schedule, delta windows and late-data
// checks stand (iota_dataset_progress). Versions cannot tell: they are
// deleted by users, versioning and retention, and a schedule read from them
// would fire again for a fire time whose version is gone, and a delta window
// would start over data an earlier, deleted version already covered.
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import type { DatasetRef } from './content-store.ts';

export interface DatasetProgress {
  /** The fire time of the latest version the schedule created. */
  lastScheduleTime?: Date;
  /** Where the latest delta window ended. */
  lastWindowEnd?: Date;
  /** When the data stores were last looked at for late data. */
  lateDataCheckedAt?: Date;
}

interface ProgressRow {
  last_schedule_time: number | null;
  last_window_end: number | null;
  late_data_checked_at: number | null;
}

const date = (ms: number | null): Date | undefined => (ms === null ? undefined : new Date(ms));

export const progressStore = {
  async get(db: SqlExecutor, ref: DatasetRef): Promise<DatasetProgress> {
    const row = await db.get<ProgressRow>(
      'SELECT last_schedule_time, last_window_end, late_data_checked_at FROM iota_dataset_progress WHERE region = @region AND dataset = @dataset',
      { ...ref },
    );
    if (!row) return {};
    return {
      lastScheduleTime: date(row.last_schedule_time),
      lastWindowEnd: date(row.last_window_end),
      lateDataCheckedAt: date(row.late_data_checked_at),
    };
  },

  /** Records a new version's fire time (scheduled versions) and window end; neither ever moves back. */
  async advance(tx: SqlExecutor, ref: DatasetRef, to: { scheduleTime?: Date; windowEnd?: Date }): Promise<void> {
    await tx.run(
      `INSERT INTO iota_dataset_progress (region, dataset, last_schedule_time, last_window_end)
       VALUES (@region, @dataset, @scheduleTime, @windowEnd)
       ON CONFLICT (region, dataset) DO UPDATE SET
         last_schedule_time = MAX(COALESCE(last_schedule_time, excluded.last_schedule_time), COALESCE(excluded.last_schedule_time, last_schedule_time)),
         last_window_end = MAX(COALESCE(last_window_end, excluded.last_window_end), COALESCE(excluded.last_window_end, last_window_end))`,
      { ...ref, scheduleTime: to.scheduleTime ?? null, windowEnd: to.windowEnd ?? null },
    );
  },

  async lateDataChecked(tx: SqlExecutor, ref: DatasetRef, at: Date): Promise<void> {
    await tx.run(
      `INSERT INTO iota_dataset_progress (region, dataset, late_data_checked_at) VALUES (@region, @dataset, @at)
       ON CONFLICT (region, dataset) DO UPDATE SET late_data_checked_at = excluded.late_data_checked_at`,
      { ...ref, at },
    );
  },

  /** With the dataset (a dataset created again under the name starts afresh). */
  async delete(tx: SqlExecutor, ref: DatasetRef): Promise<void> {
    await tx.run('DELETE FROM iota_dataset_progress WHERE region = @region AND dataset = @dataset', { ...ref });
  },
};
