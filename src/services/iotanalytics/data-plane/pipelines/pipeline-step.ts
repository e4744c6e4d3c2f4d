// Runs one pipeline a step at a time: new messages of its channel first,
// then any StartPipelineReprocessing run, a chunk each. Each chunk's output
// is staged for the data store in the transaction that moves the pipeline's
// cursor (or the run's progress), so every message is processed exactly
// once even across crashes. A failing activity (a Lambda that throws or
// times out) leaves the cursor where it was: the chunk is tried again after
// a back-off the step asks for, and no message is lost.
import type { Clock } from '../../../../lib/clock.ts';
import type { Database, SqlExecutor } from '../../../../storage/db/database.ts';
import { PipelineActivityError, type CompiledPipeline, type PipelineDeps } from '../../pipeline-engine/index.ts';
import type { DatastoreConfig } from '../../resources/datastore.ts';
import type { PipelineConfig } from '../../resources/pipeline.ts';
import { resourceStore } from '../../resources/resource-store.ts';
import { channelLog, messagesOf, type StoredBatch } from '../channels/channel-log.ts';
import { datastoreLayout, type DatastoreLayout } from '../datastores/layout.ts';
import { staging } from '../datastores/staging.ts';
import type { StorageAreas } from '../storage/storage-areas.ts';
import type { CompiledPipelines } from './compiled-pipelines.ts';
import { cursors, type PipelineRef } from './cursors.ts';
import type { PipelineLog } from './pipeline-log.ts';
import { processBatches, type ProcessedOutput, type SourceBatch } from './processing.ts';
import { replayNext } from './replay.ts';

export interface StepOptions {
  db: Database;
  areas: StorageAreas;
  clock: Clock;
  log: PipelineLog;
  compiled: CompiledPipelines;
  /** The lambda invoker and thing directory for a region. */
  deps(region: string): PipelineDeps;
  /** Messages per chunk. */
  chunkMessages: number;
  retryMinMs: number;
  retryMaxMs: number;
  /** How many tries a reprocessing run gives one object before it FAILS. */
  reprocessingAttempts: number;
}

export interface StepResult {
  /** There is more to do right away. */
  more: boolean;
  /** Wait this long before the next step (back-off after a failure). */
  holdMs?: number;
  /** The channel the pipeline reads (its new messages should wake it). */
  channel?: string;
  /** Rows staged for the data store by this step. */
  staged: number;
  /** A reprocessing run waits for the channel's newest messages to be archived. */
  needsArchive?: boolean;
}

/** The pipeline as it is now and the data store it writes to. */
export interface Target {
  pipeline: CompiledPipeline;
  layout: DatastoreLayout;
}

export class PipelineStepper {
  private failures = 0;
  private holdMs: number | undefined;

  constructor(
    private readonly options: StepOptions,
    readonly ref: PipelineRef,
  ) {}

  async step(): Promise<StepResult> {
    this.holdMs = undefined;
    const target = await this.target();
    if (!target) return { more: false, staged: 0, holdMs: this.holdMs };
    const result: StepResult = { more: false, staged: 0, channel: target.pipeline.channelName };
    const fresh = await this.processNew(target, result);
    if (fresh !== 'failed') {
      const replay = await replayNext(this.options, this.ref, target, (batches) => this.run(target, batches));
      result.more = fresh === 'more' || replay.more;
      result.staged += replay.staged;
      result.needsArchive = replay.needsArchive;
    }
    result.holdMs = this.holdMs;
    return result;
  }

  /** Undefined when the pipeline is gone or cannot store (reported, with a back-off). */
  private async target(): Promise<Target | undefined> {
    const { db } = this.options;
    const stored = await resourceStore.find<PipelineConfig>(db.reader, this.ref.region, 'pipeline', this.ref.pipeline);
    if (!stored) return undefined;
    const pipeline = this.options.compiled.get(stored.config.activities);
    const datastore = await resourceStore.find<DatastoreConfig>(db.reader, this.ref.region, 'datastore', pipeline.datastoreName);
    if (!datastore) {
      const cursor = await cursors.get(db.reader, this.ref);
      const waiting = cursor && (await channelLog.readAfter(db.reader, { region: this.ref.region, channel: cursor.channel }, cursor.afterSeq, 1));
      if (waiting && waiting.length > 0) await this.options.log.cannotStore(this.event(), `The data store ${pipeline.datastoreName} does not exist`, this.backOff());
      return undefined;
    }
    return { pipeline, layout: datastoreLayout(datastore.config) };
  }

  private async processNew(target: Target, result: StepResult): Promise<'more' | 'idle' | 'failed'> {
    const { db } = this.options;
    const cursor = await this.cursor(target);
    if (cursor.channel !== target.pipeline.channelName) return 'idle';
    const channel = { region: this.ref.region, channel: cursor.channel };
    const batches = await channelLog.readAfter(db.reader, channel, cursor.afterSeq, this.options.chunkMessages);
    if (batches.length === 0) return 'idle';
    const output = await this.run(target, batches.map(toSource));
    if (!output) return 'failed';
    const lastSeq = batches[batches.length - 1].seq;
    const moved = await db.transaction(async (tx) => {
      if (!(await cursors.advance(tx, this.ref, cursor.channel, cursor.afterSeq, lastSeq))) return false;
      await stage(tx, this.ref.region, target.pipeline.datastoreName, output, this.options.clock.now());
      return true;
    });
    if (moved) result.staged += output.rows;
    return 'more';
  }

  /** A pipeline without a cursor (made before the data plane kept them) starts at the newest message. */
  private async cursor(target: Target) {
    const { db } = this.options;
    const cursor = await cursors.get(db.reader, this.ref);
    if (cursor) return cursor;
    const fresh = { channel: target.pipeline.channelName, afterSeq: await channelLog.headSeq(db.reader) };
    await db.transaction(async (tx) => {
      if (!(await cursors.get(tx, this.ref))) await cursors.set(tx, this.ref, fresh);
    });
    return (await cursors.get(db.reader, this.ref)) ?? fresh;
  }

  /** Runs batches through the pipeline; undefined (after reporting and arranging a back-off) when an activity failed. */
  private async run(target: Target, batches: SourceBatch[]): Promise<ProcessedOutput | undefined> {
    try {
      const output = await processBatches(target.pipeline, batches, target.layout, this.options.deps(this.ref.region));
      this.failures = 0;
      await this.options.log.notes(this.event(), output.reports);
      return output;
    } catch (error) {
      if (!(error instanceof PipelineActivityError)) throw error;
      const messages = batches.reduce((n, b) => n + b.payloads.length, 0);
      await this.options.log.activityFailed(this.event(), error, messages, this.backOff());
      return undefined;
    }
  }

  private backOff(): number {
    const delay = Math.min(this.options.retryMaxMs, this.options.retryMinMs * 2 ** Math.min(this.failures, 20));
    this.failures++;
    this.holdMs = delay;
    return delay;
  }

  private event() {
    return { region: this.ref.region, pipelineName: this.ref.pipeline };
  }
}

const toSource = (batch: StoredBatch): SourceBatch => ({ receivedAt: batch.receivedAt, payloads: messagesOf(batch).map((m) => m.payload) });

/** Stages a chunk's output and notes the data store's last arrival, inside the caller's transaction. */
export async function stage(tx: SqlExecutor, region: string, datastore: string, output: ProcessedOutput, at: Date): Promise<void> {
  const where = { region, datastore };
  for (const p of output.partitions) await staging.stage(tx, where, p.partition, p.body, p.rows, p.columns, at);
  if (output.rows > 0) await staging.arrived(tx, where, at);
}
