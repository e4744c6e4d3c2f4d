// The SQL of StartPipelineReprocessing runs. A run replays archive objects
// of the pipeline's channel, one at a time; its progress is committed with
// the rows each object produced, so a run interrupted by a crash goes on
// where it stopped without staging anything twice.
import type { ReprocessingStatus } from '@aws-sdk/client-iotanalytics';
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import type { PipelineRef } from './cursors.ts';

/** What to replay (persisted as JSON, versioned). */
export interface ReprocessingRequest {
  v: 1;
  channel: string;
  /** Ingestion times, ms: start inclusive, end exclusive. */
  startTime?: number;
  endTime?: number;
  /** channelMessages.s3Paths: archive object keys, replayed in this order. */
  s3Paths?: string[];
  /** The last channel batch the run covers (a time range replays what had arrived when it started). */
  uptoSeq: number;
}

export interface ReprocessingProgress {
  v: 1;
  /** Time range: the last batch replayed. */
  afterSeq: number;
  /** s3Paths: how many objects are done. */
  done: number;
  /** Consecutive failures of the current object. */
  failures: number;
}

export interface Reprocessing extends PipelineRef {
  id: string;
  status: ReprocessingStatus;
  createdAt: Date;
  request: ReprocessingRequest;
  progress: ReprocessingProgress;
}

interface Row {
  id: string;
  region: string;
  pipeline: string;
  status: ReprocessingStatus;
  created_at: number;
  request: string;
  progress: string;
}

const toReprocessing = (r: Row): Reprocessing => ({
  id: r.id,
  region: r.region,
  pipeline: r.pipeline,
  status: r.status,
  createdAt: new Date(r.created_at),
  request: JSON.parse(r.request) as ReprocessingRequest,
  progress: JSON.parse(r.progress) as ReprocessingProgress,
});

const COLUMNS = 'id, region, pipeline, status, created_at, request, progress';

/** How many runs DescribePipeline and ListPipelines show, newest first. */
export const SUMMARIES_SHOWN = 100;

export const reprocessings = {
  async insert(tx: SqlExecutor, run: Reprocessing): Promise<void> {
    await tx.run(
      `INSERT INTO iota_reprocessings (${COLUMNS}) VALUES (@id, @region, @pipeline, @status, @createdAt, @request, @progress)`,
      { ...run, request: JSON.stringify(run.request), progress: JSON.stringify(run.progress) },
    );
  },

  async find(db: SqlExecutor, where: PipelineRef, id: string): Promise<Reprocessing | undefined> {
    const row = await db.get<Row>(`SELECT ${COLUMNS} FROM iota_reprocessings WHERE region = @region AND pipeline = @pipeline AND id = @id`, { ...where, id });
    return row && toReprocessing(row);
  },

  /** The pipeline's oldest run that is still RUNNING. */
  async running(db: SqlExecutor, where: PipelineRef): Promise<Reprocessing | undefined> {
    const row = await db.get<Row>(
      `SELECT ${COLUMNS} FROM iota_reprocessings WHERE region = @region AND pipeline = @pipeline AND status = 'RUNNING' ORDER BY created_at LIMIT 1`,
      where,
    );
    return row && toReprocessing(row);
  },

  /** Channels that RUNNING time-range runs wait on, with the batch they need archived. */
  async waitingOnArchive(db: SqlExecutor): Promise<{ region: string; channel: string; uptoSeq: number }[]> {
    const rows = await db.all<{ region: string; request: string }>(`SELECT region, request FROM iota_reprocessings WHERE status = 'RUNNING'`);
    return rows
      .map((r) => ({ region: r.region, request: JSON.parse(r.request) as ReprocessingRequest }))
      .filter((r) => r.request.s3Paths === undefined)
      .map((r) => ({ region: r.region, channel: r.request.channel, uptoSeq: r.request.uptoSeq }));
  },

  async summaries(db: SqlExecutor, where: PipelineRef): Promise<{ id: string; status: ReprocessingStatus; creationTime: Date }[]> {
    const rows = await db.all<{ id: string; status: ReprocessingStatus; created_at: number }>(
      `SELECT id, status, created_at FROM iota_reprocessings WHERE region = @region AND pipeline = @pipeline
       ORDER BY created_at DESC, rowid DESC LIMIT ${SUMMARIES_SHOWN}`,
      where,
    );
    return rows.map((r) => ({ id: r.id, status: r.status, creationTime: new Date(r.created_at) }));
  },

  /** Records progress if the run is still RUNNING at `from`; false otherwise (cancelled meanwhile). */
  async advance(tx: SqlExecutor, id: string, from: ReprocessingProgress, to: ReprocessingProgress): Promise<boolean> {
    const result = await tx.run(
      `UPDATE iota_reprocessings SET progress = @to WHERE id = @id AND status = 'RUNNING' AND progress = @from`,
      { id, from: JSON.stringify(from), to: JSON.stringify(to) },
    );
    return result.changes === 1;
  },

  /** Ends a RUNNING run; false when it was not running. */
  async finish(tx: SqlExecutor, id: string, status: Exclude<ReprocessingStatus, 'RUNNING'>, at: Date): Promise<boolean> {
    const result = await tx.run(
      `UPDATE iota_reprocessings SET status = @status, finished_at = @at WHERE id = @id AND status = 'RUNNING'`,
      { id, status, at: at.getTime() },
    );
    return result.changes === 1;
  },

  async forget(tx: SqlExecutor, where: PipelineRef): Promise<void> {
    await tx.run('DELETE FROM iota_reprocessings WHERE region = @region AND pipeline = @pipeline', where);
  },
};
