// The IoT Analytics data plane, main-thread side: what the operations ask
// of it (statistics, samples, data-store files, resource lifecycle). The
// background work runs on the data plane's own thread (engine/).
// docs/ARCHITECTURE.md, "The data path", describes the whole.
import { join } from 'node:path';
import type { DataPlaneConfig, LambdaConfig } from '../../../config/schema.ts';
import type { Clock } from '../../../lib/clock.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { Buckets } from '../../../storage/buckets/buckets.ts';
import type { Database, SqlExecutor } from '../../../storage/db/database.ts';
import { createFileThingDirectory, createLambdaInvoker, type LambdaInvoker, type PipelineDeps, type ThingDirectory } from '../pipeline-engine/index.ts';
import type { ChannelConfig } from '../resources/channel.ts';
import type { DatastoreConfig } from '../resources/datastore.ts';
import { resourceStore, type StoredResource } from '../resources/resource-store.ts';
import type { EstimatedSize, ResourceStatistics, StatisticsSubject } from '../statistics.ts';
import { channelObjects } from './channels/archive.ts';
import { channelLog } from './channels/channel-log.ts';
import { sampleChannel, type SampleRequest } from './channels/sampling.ts';
import { describeFiles, type DatastoreFiles } from './datastores/datastore-file-list.ts';
import { datastoreFileIndex } from './datastores/datastore-files.ts';
import { staging } from './datastores/staging.ts';
import { EngineThread } from './engine/engine-thread.ts';
import { channelDeleted, datastoreDeleted } from './lifecycle.ts';
import { StorageAreas } from './storage/storage-areas.ts';

export interface DataPlaneOptions {
  db: Database;
  buckets: Buckets;
  clock: Clock;
  logger: Logger;
  accountId: string;
  dataDir: string;
  config: DataPlaneConfig;
  lambdas: LambdaConfig;
  thingsFile?: string;
}

export class DataPlane implements ResourceStatistics {
  private readonly areas: StorageAreas;
  private readonly engine: EngineThread;
  private readonly lambda: LambdaInvoker;
  private readonly things = new Map<string, ThingDirectory>();
  private readonly thingsFile: string;

  constructor(private readonly options: DataPlaneOptions) {
    const { clock, logger, config, dataDir } = options;
    this.areas = new StorageAreas(join(dataDir, 'iotanalytics'), options.buckets);
    this.thingsFile = options.thingsFile ?? join(dataDir, 'things.json');
    const lambdas = {
      moduleDirectory: options.lambdas.directory ?? join(dataDir, 'lambdas'),
      functions: options.lambdas.functions,
      timeoutMs: options.lambdas.timeoutMs,
    };
    this.lambda = createLambdaInvoker(lambdas);
    this.engine = new EngineThread(
      { dataDir, accountId: options.accountId, config, remoteBuckets: options.buckets.remoteBuckets(), lambdas, thingsFile: this.thingsFile },
      clock,
      logger,
    );
  }

  /** Starts the data plane's thread; it cleans up what a crash left half-done before it starts its work. */
  start(): Promise<void> {
    return this.engine.start();
  }

  /** Waits for the work in progress, then stops the thread. */
  stop(): Promise<void> {
    return this.engine.stop();
  }

  /** Messages were committed to a channel: its pipelines need not wait for their next round. */
  ingested(region: string, channel: string): void {
    this.engine.notify('ingested', region, channel);
  }

  /** A pipeline was created, updated or deleted, or a reprocessing run started. */
  pipelineChanged(region: string, pipeline: string): void {
    this.engine.notify('pipelineChanged', region, pipeline);
  }

  /** What activities reach outside the engine through, for RunPipelineActivity (the same functions and things as the pipelines). */
  pipelineDeps(region: string): PipelineDeps {
    let things = this.things.get(region);
    if (!things) {
      things = createFileThingDirectory(this.thingsFile, { region, accountId: this.options.accountId });
      this.things.set(region, things);
    }
    return { lambda: this.lambda, things };
  }

  sample(channel: StoredResource<ChannelConfig>, request: SampleRequest): Promise<Buffer[]> {
    return sampleChannel(this.options.db, this.areas, channel, request);
  }

  /** The files that hold a data store's rows, for datasets to query (docs/ARCHITECTURE.md, "Data-store files"). */
  async datastoreFiles(region: string, datastoreName: string): Promise<DatastoreFiles | undefined> {
    const datastore = await resourceStore.find<DatastoreConfig>(this.options.db.reader, region, 'datastore', datastoreName);
    if (!datastore) return undefined;
    const files = await datastoreFileIndex.list(this.options.db.reader, { region, datastore: datastoreName });
    return describeFiles(this.areas.forDatastore(region, datastoreName, datastore.config.storage), datastore, files);
  }

  channelDeleted(tx: SqlExecutor, channel: StoredResource<ChannelConfig>): Promise<void> {
    return channelDeleted(tx, this.areas, channel, this.options.clock.now());
  }

  datastoreDeleted(tx: SqlExecutor, datastore: StoredResource<DatastoreConfig>): Promise<void> {
    return datastoreDeleted(tx, this.areas, datastore, this.options.clock.now());
  }

  async estimatedSize(resource: StatisticsSubject): Promise<EstimatedSize> {
    const db = this.options.db.reader;
    const bytes =
      resource.kind === 'channel'
        ? (await channelObjects.totalBytes(db, { region: resource.region, channel: resource.name })) +
          (await channelLog.unarchivedBytes(db, { region: resource.region, channel: resource.name }))
        : (await datastoreFileIndex.totalBytes(db, { region: resource.region, datastore: resource.name })) +
          (await staging.stagedBytes(db, { region: resource.region, datastore: resource.name }));
    return { bytes, estimatedOn: this.options.clock.now() };
  }

  async lastMessageArrival(resource: StatisticsSubject): Promise<Date | undefined> {
    const db = this.options.db.reader;
    if (resource.kind === 'channel') return (await channelLog.state(db, { region: resource.region, channel: resource.name })).lastArrival;
    return staging.lastArrival(db, { region: resource.region, datastore: resource.name });
  }
}
