// The SQL of data-store files: which files hold a data store's rows. This
// table, not a listing of the folder or bucket, is what readers (datasets)
// go by: a file is in it exactly when it is complete and its rows are in no
// other file.
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import type { DatastoreRef } from './staging.ts';

export interface FileRecord {
  /** The object key (relative to the area: the bucket, or <data-dir>/iotanalytics/<region>/). */
  key: string;
  /** Hive-style folders under the data store's prefix, e.g. `__dt=2024-05-01 00:00:00/__partition_site=berlin`. */
  partition: string;
  /** UTC midnight (ms) of the partition's `__dt`. */
  day: number;
  format: 'json' | 'parquet';
  rows: number;
  bytes: number;
  firstSeq: number;
  lastSeq: number;
  createdAt: number;
}

interface FileRow {
  key: string;
  partition: string;
  day: number;
  format: 'json' | 'parquet';
  rows: number;
  bytes: number;
  first_seq: number;
  last_seq: number;
  created_at: number;
}

const COLUMNS = 'key, partition, day, format, rows, bytes, first_seq, last_seq, created_at';

const toRecord = (r: FileRow): FileRecord => ({
  key: r.key,
  partition: r.partition,
  day: r.day,
  format: r.format,
  rows: r.rows,
  bytes: r.bytes,
  firstSeq: r.first_seq,
  lastSeq: r.last_seq,
  createdAt: r.created_at,
});

export const datastoreFileIndex = {
  async insert(tx: SqlExecutor, where: DatastoreRef, file: FileRecord): Promise<void> {
    await tx.run(
      `INSERT INTO iota_datastore_files (region, datastore, ${COLUMNS})
       VALUES (@region, @datastore, @key, @partition, @day, @format, @rows, @bytes, @firstSeq, @lastSeq, @createdAt)`,
      { ...where, ...file },
    );
  },

  async remove(tx: SqlExecutor, where: DatastoreRef, keys: readonly string[]): Promise<void> {
    for (const key of keys) await tx.run('DELETE FROM iota_datastore_files WHERE region = @region AND datastore = @datastore AND key = @key', { ...where, key });
  },

  async list(db: SqlExecutor, where: DatastoreRef): Promise<FileRecord[]> {
    const rows = await db.all<FileRow>(
      `SELECT ${COLUMNS} FROM iota_datastore_files WHERE region = @region AND datastore = @datastore ORDER BY partition, first_seq`,
      where,
    );
    return rows.map(toRecord);
  },

  /** Partitions with at least `minFiles` files smaller than `smallBytes`, with those files. */
  async compactable(db: SqlExecutor, where: DatastoreRef, smallBytes: number, minFiles: number): Promise<FileRecord[][]> {
    const rows = await db.all<FileRow>(
      `SELECT ${COLUMNS} FROM iota_datastore_files
       WHERE region = @region AND datastore = @datastore AND bytes < @smallBytes
         AND partition IN (SELECT partition FROM iota_datastore_files
                           WHERE region = @region AND datastore = @datastore AND bytes < @smallBytes
                           GROUP BY partition HAVING COUNT(*) >= @minFiles)
       ORDER BY partition, first_seq`,
      { ...where, smallBytes, minFiles },
    );
    const groups = new Map<string, FileRecord[]>();
    for (const row of rows) {
      const file = toRecord(row);
      groups.set(file.partition, [...(groups.get(file.partition) ?? []), file]);
    }
    return [...groups.values()];
  },

  /** Files whose `__dt` day ended before `before` (retention). */
  async endedBefore(db: SqlExecutor, where: DatastoreRef, before: number, limit: number): Promise<FileRecord[]> {
    const rows = await db.all<FileRow>(
      `SELECT ${COLUMNS} FROM iota_datastore_files WHERE region = @region AND datastore = @datastore AND day + 86400000 <= @before LIMIT @limit`,
      { ...where, before, limit },
    );
    return rows.map(toRecord);
  },

  async totalBytes(db: SqlExecutor, where: DatastoreRef): Promise<number> {
    const row = await db.get<{ bytes: number | null }>('SELECT SUM(bytes) AS bytes FROM iota_datastore_files WHERE region = @region AND datastore = @datastore', where);
    return row?.bytes ?? 0;
  },

  /** Data stores that have files (for compaction and retention). */
  async datastores(db: SqlExecutor): Promise<DatastoreRef[]> {
    return db.all<DatastoreRef>('SELECT DISTINCT region, datastore FROM iota_datastore_files');
  },
};
