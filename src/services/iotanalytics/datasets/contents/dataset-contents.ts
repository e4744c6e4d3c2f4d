// Dataset contents off the request path. CreateDatasetContent commits a
// version CREATING and wakes the runner; the runner generates waiting
// versions, oldest first, at most `concurrentContents` at once (AWS: 2),
// and completes each SUCCEEDED (entries in the results bucket, delivered)
// or FAILED with a reason the user can act on. Versions found CREATING at
// start (the server stopped during a run) are generated again.
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetsConfig } from '../../../../config/schema.ts';
import type { Clock } from '../../../../lib/clock.ts';
import type { Logger } from '../../../../lib/logger.ts';
import type { Buckets } from '../../../../storage/buckets/buckets.ts';
import type { Database } from '../../../../storage/db/database.ts';
import type { DataPlane } from '../../data-plane/data-plane.ts';
import type { DatasetConfig } from '../../resources/dataset.ts';
import { resourceStore } from '../../resources/resource-store.ts';
import { DatasetQueryEngine } from '../query/engine.ts';
import { contentStore, type ContentEntry, type DatasetContent, type DatasetRef } from './content-store.ts';
import { ContentFailure } from './content-failure.ts';
import { runContainerAction } from './container-action.ts';
import { deliverContent } from './delivery.ts';
import { runQueryAction } from './query-action.ts';
import type { ResultsBucket } from './results-bucket.ts';
import { versionsToPurge } from './version-retention.ts';

export interface DatasetContentsOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  dataPlane: DataPlane;
  buckets: Buckets;
  results: ResultsBucket;
  config: DatasetsConfig;
  dataDir: string;
}

/** What the IoT Analytics operations use. */
export interface DatasetContentService {
  /** A version was committed CREATING: generate it when a slot is free. */
  wake(): void;
  /** A presigned URL of an entry; `origin` is how the client reached the server. */
  dataUri(entry: ContentEntry, origin: string | undefined, now: Date): string;
  /** Removes the files of versions that were deleted. */
  discard(entries: readonly ContentEntry[]): Promise<void>;
  /** Stops generating versions that were deleted (their output is thrown away, nothing is delivered). */
  cancel(ref: DatasetRef, versionIds: readonly string[]): void;
}

export class DatasetContents implements DatasetContentService {
  private readonly running = new Map<string, { done: Promise<void>; abort: AbortController }>();
  /** Versions whose run failed in a way that left them CREATING (e.g. the database failed): retried at the next start, not in a loop. */
  private readonly unfinishable = new Set<string>();
  private readonly succeededListeners: ((content: DatasetContent) => void)[] = [];
  private readonly workRoot: string;
  private engine?: DatasetQueryEngine;
  private pumping?: Promise<void>;
  private pumpAgain = false;
  private stopped = false;

  constructor(private readonly options: DatasetContentsOptions) {
    this.workRoot = join(options.dataDir, 'dataset-work');
  }

  async start(): Promise<void> {
    await rm(this.workRoot, { recursive: true, force: true });
    mkdirSync(this.workRoot, { recursive: true });
    this.engine = await DatasetQueryEngine.open({
      allowedDirectories: [join(this.options.dataDir, 'iotanalytics'), this.workRoot],
      tempDirectory: join(this.workRoot, 'spill'),
    });
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const run of this.running.values()) run.abort.abort();
    await this.pumping;
    await Promise.all([...this.running.values()].map((r) => r.done));
    this.engine?.close();
  }

  /** Called with each version that SUCCEEDED (what dataset triggers hang on). */
  onSucceeded(listener: (content: DatasetContent) => void): void {
    this.succeededListeners.push(listener);
  }

  /** The DuckDB engine runs use (once started). */
  get queryEngine(): DatasetQueryEngine | undefined {
    return this.engine;
  }

  /** Where runs keep their scratch files (DuckDB may read and write there). */
  get workDirectory(): string {
    return this.workRoot;
  }

  /** Versions being generated right now. */
  get runningCount(): number {
    return this.running.size;
  }

  wake(): void {
    if (this.stopped || !this.engine) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
    });
  }

  dataUri(entry: ContentEntry, origin: string | undefined, now: Date): string {
    const endpoint = this.options.config.dataUriEndpoint ?? origin ?? 'http://127.0.0.1';
    return this.options.results.dataUri(entry, endpoint, now);
  }

  async discard(entries: readonly ContentEntry[]): Promise<void> {
    try {
      await this.options.results.delete(entries);
    } catch (error) {
      this.options.logger.warn('dataset content files not deleted', { error: String(error) });
    }
  }

  cancel(ref: DatasetRef, versionIds: readonly string[]): void {
    for (const versionId of versionIds) this.running.get(runId({ ...ref, versionId }))?.abort.abort();
  }

  /**
   * Purges the versions a dataset no longer keeps (versioning and
   * retention). A dataset that is gone keeps none, not even those CREATING:
   * nothing would ever finish them (DeleteDataset removes its versions
   * itself; this catches any left from before it did).
   */
  async purge(ref: DatasetRef): Promise<void> {
    const { db, clock } = this.options;
    const dataset = await resourceStore.find<DatasetConfig>(db.reader, ref.region, 'dataset', ref.dataset);
    const contents = await contentStore.all(db.reader, ref);
    const purged = dataset ? versionsToPurge(contents, dataset.config, clock.now()) : contents;
    if (purged.length === 0) return;
    const ids = purged.map((c) => c.versionId);
    // A version generated again meanwhile (CreateDatasetContent with its versionId) is CREATING and kept.
    await db.transaction((tx) => (dataset ? contentStore.deleteFinished(tx, ref, ids) : contentStore.delete(tx, ref, ids)));
    if (!dataset) this.cancel(ref, ids);
    await this.discard(purged.flatMap((c) => c.entries));
  }

  private async pump(): Promise<void> {
    do {
      this.pumpAgain = false;
      const waiting = await contentStore.creating(this.options.db.reader);
      for (const content of waiting) {
        if (this.stopped || this.running.size >= this.options.config.concurrentContents) break;
        const id = runId(content);
        if (this.running.has(id) || this.unfinishable.has(id)) continue;
        const abort = new AbortController();
        const done = this.generate(content, abort.signal)
          .catch((error: unknown) => {
            this.unfinishable.add(id);
            this.options.logger.error('dataset content left CREATING until the next start', { dataset: content.dataset, version: content.versionId, error: String(error) });
          })
          .finally(() => {
            this.running.delete(id);
            this.wake();
          });
        this.running.set(id, { done, abort });
      }
    } while (this.pumpAgain && !this.stopped);
  }

  private async generate(content: DatasetContent, signal: AbortSignal): Promise<void> {
    const { db, clock, logger, buckets, results } = this.options;
    const ref = { region: content.region, dataset: content.dataset };
    const dataset = await resourceStore.find<DatasetConfig>(db.reader, content.region, 'dataset', content.dataset);
    if (!dataset) return this.purge(ref);
    const workDir = join(this.workRoot, content.versionId);
    let entries: ContentEntry[] = [];
    let outcome: { state: 'SUCCEEDED' | 'FAILED'; reason?: string };
    try {
      mkdirSync(workDir, { recursive: true });
      const action = dataset.config.actions[0];
      entries = action.queryAction
        ? await runQueryAction({ db: db.reader, engine: this.engine!, dataPlane: this.options.dataPlane, buckets, results }, content, dataset.config, workDir, signal)
        : await runContainerAction({ db: db.reader, config: this.options.config.containers, results }, content, dataset.config, workDir, signal);
      if (signal.aborted) return this.discard(entries); // deleted, or the server is stopping
      const problems = await deliverContent(buckets, results, dataset.config.contentDeliveryRules, content, entries);
      outcome = { state: 'SUCCEEDED', ...(problems.length > 0 && { reason: problems.join(' ') }) };
    } catch (error) {
      // Stopping: generated again at the next start. Canceled: the version is gone.
      if (signal.aborted) return;
      if (!(error instanceof ContentFailure)) logger.error('dataset content failed', { dataset: content.dataset, version: content.versionId, error: String(error) });
      outcome = { state: 'FAILED', reason: error instanceof ContentFailure ? error.message : `Internal error: ${String(error)}` };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
    const completed = await db.transaction((tx) => contentStore.complete(tx, content, { ...outcome, entries, at: clock.now() }));
    if (!completed) return this.discard(entries);
    if (outcome.state === 'SUCCEEDED') for (const listener of this.succeededListeners) listener(content);
    await this.purge(ref);
  }
}

function runId(content: DatasetRef & { versionId: string }): string {
  return `${content.region}/${content.dataset}/${content.versionId}`;
}
