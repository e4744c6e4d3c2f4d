// The SQL of processed rows waiting to be written into data-store files, and
// of each data store's state. A pipeline stages its output and moves its
// cursor in one transaction, so a message is staged exactly once.
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import type { Columns } from './column-types.ts';

export type DatastoreRef = { region: string; datastore: string };

export interface StagedChunk {
  seq: number;
  partition: string;
  rows: number;
  body: Buffer;
  columns: Columns | undefined;
}

interface ChunkRow {
  seq: number;
  partition: string;
  rows: number;
  body: Buffer;
  columns: string;
}

// Versioned, as every persisted record: {"v":1,"columns":{...}} or {"v":1}.
const encodeColumns = (columns: Columns | undefined) => JSON.stringify(columns ? { v: 1, columns } : { v: 1 });
const decodeColumns = (text: string): Columns | undefined => (JSON.parse(text) as { v: 1; columns?: Columns }).columns;

export interface StagedSummary extends DatastoreRef {
  rows: number;
  oldest: number;
}

export const staging = {
  /** `body` is JSON lines, each ending in '\n'. */
  async stage(tx: SqlExecutor, where: DatastoreRef, partition: string, body: Uint8Array, rows: number, columns: Columns | undefined, at: Date): Promise<void> {
    await tx.run(
      `INSERT INTO iota_datastore_staged (region, datastore, partition, rows, body, columns, staged_at)
       VALUES (@region, @datastore, @partition, @rows, @body, @columns, @at)`,
      { ...where, partition, rows, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength), columns: encodeColumns(columns), at: at.getTime() },
    );
  },

  async arrived(tx: SqlExecutor, where: DatastoreRef, at: Date): Promise<void> {
    await tx.run(
      `INSERT INTO iota_datastore_state (region, datastore, last_arrival) VALUES (@region, @datastore, @at)
       ON CONFLICT (region, datastore) DO UPDATE SET last_arrival = MAX(COALESCE(last_arrival, 0), excluded.last_arrival)`,
      { ...where, at: at.getTime() },
    );
  },

  async lastArrival(db: SqlExecutor, where: DatastoreRef): Promise<Date | undefined> {
    const row = await db.get<{ last_arrival: number | null }>(
      'SELECT last_arrival FROM iota_datastore_state WHERE region = @region AND datastore = @datastore',
      where,
    );
    return row?.last_arrival != null ? new Date(row.last_arrival) : undefined;
  },

  /** Data stores with staged rows: how many, and since when. */
  async summary(db: SqlExecutor): Promise<StagedSummary[]> {
    return db.all<StagedSummary>(
      'SELECT region, datastore, SUM(rows) AS rows, MIN(staged_at) AS oldest FROM iota_datastore_staged GROUP BY region, datastore',
    );
  },

  /** The oldest staged chunks, up to about `maxRows` rows (at least one chunk). */
  async oldest(db: SqlExecutor, where: DatastoreRef, maxRows: number): Promise<StagedChunk[]> {
    const bound = await db.get<{ upto: number | null; first: number | null }>(
      `SELECT MAX(CASE WHEN total <= @maxRows THEN seq END) AS upto, MIN(seq) AS first FROM (
         SELECT seq, SUM(rows) OVER (ORDER BY seq) AS total FROM (
           SELECT seq, rows FROM iota_datastore_staged WHERE region = @region AND datastore = @datastore ORDER BY seq LIMIT @maxRows))`,
      { ...where, maxRows },
    );
    const upto = bound?.upto ?? bound?.first;
    if (upto == null) return [];
    const rows = await db.all<ChunkRow>(
      `SELECT seq, partition, rows, body, columns FROM iota_datastore_staged
       WHERE region = @region AND datastore = @datastore AND seq <= @upto ORDER BY seq`,
      { ...where, upto },
    );
    return rows.map((r) => ({ seq: r.seq, partition: r.partition, rows: r.rows, body: r.body, columns: decodeColumns(r.columns) }));
  },

  async remove(tx: SqlExecutor, seqs: readonly number[]): Promise<void> {
    for (const seq of seqs) await tx.run('DELETE FROM iota_datastore_staged WHERE seq = @seq', { seq });
  },

  async stagedBytes(db: SqlExecutor, where: DatastoreRef): Promise<number> {
    const row = await db.get<{ bytes: number | null }>(
      'SELECT SUM(length(body)) AS bytes FROM iota_datastore_staged WHERE region = @region AND datastore = @datastore',
      where,
    );
    return row?.bytes ?? 0;
  },

  async forget(tx: SqlExecutor, where: DatastoreRef): Promise<void> {
    await tx.run('DELETE FROM iota_datastore_staged WHERE region = @region AND datastore = @datastore', where);
    await tx.run('DELETE FROM iota_datastore_state WHERE region = @region AND datastore = @datastore', where);
  },
};
