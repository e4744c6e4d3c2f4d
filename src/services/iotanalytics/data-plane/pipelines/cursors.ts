// The SQL of pipeline cursors: the last channel batch (seq) each pipeline
// has processed. Moving a cursor and staging what the batches produced
// happen in one transaction, which is what makes processing exactly-once.
import type { SqlExecutor } from '../../../../storage/db/database.ts';

export type PipelineRef = { region: string; pipeline: string };

export interface Cursor {
  channel: string;
  afterSeq: number;
}

export const cursors = {
  async get(db: SqlExecutor, where: PipelineRef): Promise<Cursor | undefined> {
    const row = await db.get<{ channel: string; after_seq: number }>(
      'SELECT channel, after_seq FROM iota_pipeline_cursors WHERE region = @region AND pipeline = @pipeline',
      where,
    );
    return row && { channel: row.channel, afterSeq: row.after_seq };
  },

  async set(tx: SqlExecutor, where: PipelineRef, cursor: Cursor): Promise<void> {
    await tx.run(
      `INSERT INTO iota_pipeline_cursors (region, pipeline, channel, after_seq) VALUES (@region, @pipeline, @channel, @afterSeq)
       ON CONFLICT (region, pipeline) DO UPDATE SET channel = excluded.channel, after_seq = excluded.after_seq`,
      { ...where, ...cursor },
    );
  },

  /**
   * Moves the cursor from `from` to `to`; false (and nothing changed) when it
   * is no longer at `from` (the pipeline was updated or deleted meanwhile).
   */
  async advance(tx: SqlExecutor, where: PipelineRef, channel: string, from: number, to: number): Promise<boolean> {
    const result = await tx.run(
      `UPDATE iota_pipeline_cursors SET after_seq = @to
       WHERE region = @region AND pipeline = @pipeline AND channel = @channel AND after_seq = @from`,
      { ...where, channel, from, to },
    );
    return result.changes === 1;
  },

  async all(db: SqlExecutor): Promise<(PipelineRef & Cursor)[]> {
    const rows = await db.all<{ region: string; pipeline: string; channel: string; after_seq: number }>(
      'SELECT region, pipeline, channel, after_seq FROM iota_pipeline_cursors',
    );
    return rows.map((r) => ({ region: r.region, pipeline: r.pipeline, channel: r.channel, afterSeq: r.after_seq }));
  },

  async forget(tx: SqlExecutor, where: PipelineRef): Promise<void> {
    await tx.run('DELETE FROM iota_pipeline_cursors WHERE region = @region AND pipeline = @pipeline', where);
  },
};
