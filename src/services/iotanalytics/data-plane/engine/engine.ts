// The data plane's background work, on its own thread (engine-main.ts): the
// channel archive, pipelines, data-store files, compaction, retention and
// the cleanup of objects. It has its own database connection and bucket
// stores and schedules its own jobs, so that a main thread busy with
// requests never holds it up. The main thread tells it the time (the
// injected clock rules here too) and when there is news: messages ingested,
// a pipeline changed.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataPlaneConfig } from '../../../../config/schema.ts';
import type { Clock } from '../../../../lib/clock.ts';
import type { Logger } from '../../../../lib/logger.ts';
import type { RemoteBucketConfig } from '../../../../storage/buckets/buckets.ts';
import { Buckets } from '../../../../storage/buckets/buckets.ts';
import { LocalBucketStore } from '../../../../storage/buckets/local/local-bucket-store.ts';
import { SqliteDatabase } from '../../../../storage/db/sqlite/sqlite-database.ts';
import { createFileThingDirectory, createLambdaInvoker, type LambdaInvoker, type LambdaInvokerOptions, type PipelineDeps, type ThingDirectory } from '../../pipeline-engine/index.ts';
import { archiveChannels } from '../channels/archiver.ts';
import { compactDatastores } from '../datastores/compactor.ts';
import { DatastoreFileWriter } from '../datastores/file-writer.ts';
import { flushDatastores } from '../datastores/flusher.ts';
import { Job } from '../job.ts';
import { CompiledPipelines } from '../pipelines/compiled-pipelines.ts';
import { PipelineLog } from '../pipelines/pipeline-log.ts';
import { PipelineStepper } from '../pipelines/pipeline-step.ts';
import { enforceRetention } from '../retention.ts';
import { deletePending } from '../storage/pending-objects.ts';
import { StorageAreas } from '../storage/storage-areas.ts';

export interface EngineInit {
  dataDir: string;
  accountId: string;
  config: DataPlaneConfig;
  remoteBuckets: RemoteBucketConfig[];
  lambdas: LambdaInvokerOptions;
  thingsFile: string;
}

/** How often the WAL is copied back into the database file (besides every 1,000 pages this connection commits). */
const CHECKPOINT_MS = 250;

interface PipelineJob {
  job: Job;
  stepper: PipelineStepper;
  region: string;
  channel?: string;
}

export class DataPlaneEngine {
  private readonly db: SqliteDatabase;
  private readonly areas: StorageAreas;
  private readonly writer: DatastoreFileWriter;
  private readonly log: PipelineLog;
  private readonly lambda: LambdaInvoker;
  private readonly things = new Map<string, ThingDirectory>();
  private readonly compiled = new CompiledPipelines();
  private readonly pipelines = new Map<string, PipelineJob>();
  private readonly jobs: Record<'archive' | 'flush' | 'compaction' | 'retention' | 'cleanup' | 'pipelines' | 'checkpoint', Job>;
  private readonly scratch: string;
  private stagedSinceFlush = 0;

  constructor(
    private readonly init: EngineInit,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    const root = join(init.dataDir, 'iotanalytics');
    const config = init.config;
    this.scratch = join(root, '.staging');
    this.db = SqliteDatabase.open(join(init.dataDir, 'oia.db'));
    const buckets = new Buckets(new LocalBucketStore(this.db, join(init.dataDir, 'buckets'), clock), init.remoteBuckets);
    this.areas = new StorageAreas(root, buckets);
    this.writer = new DatastoreFileWriter(this.scratch);
    this.log = new PipelineLog(this.db.reader, join(init.dataDir, 'logs', 'iotanalytics.log'), clock, logger);
    this.lambda = createLambdaInvoker(init.lambdas);
    const { db, areas, writer } = this;
    const job = (name: string, intervalMs: number, work: () => Promise<boolean>) => new Job(name, intervalMs, work, logger);
    this.jobs = {
      archive: job('channel archive', config.archiveIntervalMs, () =>
        archiveChannels({ db, areas, clock, accountId: init.accountId, maxObjectMessages: config.archiveObjectMessages }),
      ),
      flush: job('data-store flush', config.flushIntervalMs, () => {
        this.stagedSinceFlush = 0;
        return flushDatastores({ db, areas, writer, clock, maxRows: config.flushRows });
      }),
      compaction: job('data-store compaction', config.compactionIntervalMs, () =>
        compactDatastores({ db, areas, writer, clock, minFiles: config.compactionMinFiles, targetBytes: config.compactionTargetBytes }),
      ),
      retention: job('retention', config.retentionIntervalMs, () => enforceRetention({ db, areas, clock })),
      cleanup: job('object cleanup', Math.max(100, Math.min(config.deleteGraceMs, 10_000)), () =>
        deletePending(db, areas, logger, { atStart: false, now: clock.now(), graceMs: config.deleteGraceMs }),
      ),
      pipelines: job('pipelines', config.pipelineIntervalMs, () => this.syncPipelines()),
      // The main thread's connection leaves checkpoints to this one (app.ts).
      checkpoint: job('WAL checkpoint', CHECKPOINT_MS, async () => {
        this.db.checkpoint();
        return false;
      }),
    };
  }

  /** Cleans up what a crash left half-done (before anything else writes), then starts the jobs. */
  async start(): Promise<void> {
    while (await deletePending(this.db, this.areas, this.logger, { atStart: true, now: this.clock.now(), graceMs: 0 }));
    await rm(this.scratch, { recursive: true, force: true });
    for (const job of Object.values(this.jobs)) job.start();
  }

  /** Waits for the work in progress, then closes the database and DuckDB. */
  async stop(): Promise<void> {
    await this.jobs.pipelines.stop();
    await Promise.all([...this.pipelines.values()].map((p) => p.job.stop()));
    await Promise.all(Object.values(this.jobs).map((job) => job.stop()));
    await this.writer.close();
    await this.db.close();
  }

  /** Messages were committed to a channel: its pipelines need not wait for their next round. */
  ingested(region: string, channel: string): void {
    for (const p of this.pipelines.values()) {
      if (p.region === region && (p.channel === undefined || p.channel === channel)) p.job.wake();
    }
  }

  /** A pipeline was created, updated or deleted, or a reprocessing run started. */
  pipelineChanged(region: string, pipeline: string): void {
    const known = this.pipelines.get(`${region}/${pipeline}`);
    if (known) known.job.wake();
    else this.jobs.pipelines.wake();
  }

  /** One job per pipeline: new pipelines get one, deleted ones lose theirs. */
  private async syncPipelines(): Promise<boolean> {
    const rows = await this.db.reader.all<{ region: string; name: string }>("SELECT region, name FROM iota_resources WHERE kind = 'pipeline'");
    const wanted = new Set(rows.map((p) => `${p.region}/${p.name}`));
    for (const [key, p] of this.pipelines) {
      if (wanted.has(key)) continue;
      this.pipelines.delete(key);
      await p.job.stop();
    }
    for (const { region, name } of rows) {
      const key = `${region}/${name}`;
      if (!this.pipelines.has(key)) this.startPipeline(key, region, name);
    }
    return false;
  }

  private startPipeline(key: string, region: string, pipeline: string): void {
    const config = this.init.config;
    const stepper = new PipelineStepper(
      {
        db: this.db,
        areas: this.areas,
        clock: this.clock,
        log: this.log,
        compiled: this.compiled,
        deps: (r) => this.deps(r),
        chunkMessages: config.chunkMessages,
        retryMinMs: config.retryMinMs,
        retryMaxMs: config.retryMaxMs,
        reprocessingAttempts: config.reprocessingAttempts,
      },
      { region, pipeline },
    );
    const entry: PipelineJob = {
      region,
      stepper,
      job: new Job(`pipeline ${key}`, config.pipelineIntervalMs, async () => {
        const result = await stepper.step();
        entry.channel = result.channel;
        if (result.holdMs) entry.job.holdFor(result.holdMs);
        if (result.needsArchive) this.jobs.archive.wake();
        this.stagedSinceFlush += result.staged;
        if (this.stagedSinceFlush >= config.flushRows) this.jobs.flush.wake();
        return result.more;
      }, this.logger),
    };
    this.pipelines.set(key, entry);
    entry.job.start();
  }

  private deps(region: string): PipelineDeps {
    let things = this.things.get(region);
    if (!things) {
      things = createFileThingDirectory(this.init.thingsFile, { region, accountId: this.init.accountId });
      this.things.set(region, things);
    }
    return { lambda: this.lambda, things };
  }
}
