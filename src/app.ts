// The composition root: builds the stores, services and pipeline from one
// configuration object and wires them to the listener. Nothing else reads
// configuration.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Config } from './config/schema.ts';
import { PolicyAuthorizer } from './authz/policy-authorizer.ts';
import { SqliteEventStore } from './audit/event-store/sqlite/sqlite-event-store.ts';
import type { EventStore } from './audit/event-store/event-store.ts';
import { DigestStore } from './audit/integrity/digest-store.ts';
import { DigestWriter } from './audit/integrity/digest-writer.ts';
import { SigningKeys } from './audit/integrity/keys/signing-keys.ts';
import { AuditRecorder } from './audit/recorder.ts';
import { RetentionJob } from './audit/retention.ts';
import { DeliveryStore } from './audit/delivery/delivery-store.ts';
import { TrailDelivery } from './audit/delivery/trail-delivery.ts';
import { TrailLifecycle } from './audit/trails/lifecycle.ts';
import { TrailStore } from './audit/trails/trail-store.ts';
import { ensureAccount, type Account } from './identity/account.ts';
import { SigV4Authenticator } from './identity/authenticator.ts';
import { rootCaller } from './identity/caller.ts';
import { putAccessKey, SqlCredentialStore } from './identity/credentials/sqlite-credential-store.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { PageTokens } from './lib/page-token.ts';
import { RateLimiter } from './lib/rate-limiter.ts';
import type { PipelineHooks } from './pipeline/hooks.ts';
import { RequestPipeline } from './pipeline/request-pipeline.ts';
import { ServiceRegistry } from './pipeline/service-registry.ts';
import { createListener } from './server/http-listener.ts';
import { iamPolicySource, iamRoleLookup } from './services/iam/directory.ts';
import { createIamService } from './services/iam/index.ts';
import { createCloudTrailService } from './services/cloudtrail/index.ts';
import { createIotAnalyticsService } from './services/iotanalytics/index.ts';
import { DataPlane } from './services/iotanalytics/data-plane/data-plane.ts';
import { DatasetContents } from './services/iotanalytics/datasets/contents/dataset-contents.ts';
import { DatasetScheduler } from './services/iotanalytics/datasets/contents/dataset-scheduler.ts';
import { LateDataDetector } from './services/iotanalytics/datasets/contents/late-data-detector.ts';
import { defaultResultsBucket, ResultsBucket } from './services/iotanalytics/datasets/contents/results-bucket.ts';
import { startMqttBridge, type MqttBridge } from './services/iotanalytics/mqtt/mqtt-bridge.ts';
import { createS3Service } from './services/s3/index.ts';
import { createStsService } from './services/sts/index.ts';
import { Buckets } from './storage/buckets/buckets.ts';
import { LocalBucketStore } from './storage/buckets/local/local-bucket-store.ts';
import { SqliteDatabase } from './storage/db/sqlite/sqlite-database.ts';
import { migrateSqlite } from './storage/migrations/migrate.ts';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
}

export interface App {
  readonly config: Config;
  readonly account: Account;
  /** True when this start created the account. */
  readonly accountCreated: boolean;
  readonly database: SqliteDatabase;
  /** Which store holds a bucket: the local one, or a remote one declared in the config. */
  readonly buckets: Buckets;
  /** The CloudTrail event history. */
  readonly events: EventStore;
  /** Trails as stored (the read side the integrity side builds on). */
  readonly trails: TrailStore;
  /** Where StopLogging and DeleteTrail are announced once committed (register a TrailLifecycleListener). */
  readonly trailLifecycle: TrailLifecycle;
  /** Log-file delivery; runOnce() delivers what is due by the clock (tests drive it on an injected clock). */
  readonly trailDelivery: TrailDelivery;
  /** Digest files of trails with log file validation; runOnce() writes what is due by the clock. */
  readonly trailDigests: DigestWriter;
  /** Event history retention; runOnce() purges what is past it by the clock (and delivered by every logging trail). */
  readonly retention: RetentionJob;
  /** Writes the audit records still buffered (read-only calls wait a few milliseconds to be written together). */
  settleAudit(): Promise<void>;
  readonly registry: ServiceRegistry;
  /** IoT Analytics ingestion, pipelines and data stores; datastoreFiles() is what datasets query. */
  readonly dataPlane: DataPlane;
  /** Dataset versions: the runner that generates them, at most datasets.concurrentContents at once. */
  readonly datasetContents: DatasetContents;
  /** Schedules, dataset triggers, late data and version retention, on the injected clock. */
  readonly datasetScheduler: DatasetScheduler;
  /** MQTT ingestion, when the configuration has `mqtt`. */
  readonly mqtt?: MqttBridge;
  readonly clock: Clock;
  readonly server: Server;
  /** The request pipeline the listener hands requests to (benchmarks drive it without HTTP). */
  readonly pipeline: RequestPipeline;
  listen(): Promise<{ host: string; port: number; url: string }>;
  close(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const { account, created } = ensureAccount(config.dataDir, config, clock.now());

  // The data plane's thread checkpoints the WAL (its jobs run on their own
  // connection), so that no request pays for copying pages and an fsync.
  const database = SqliteDatabase.open(join(config.dataDir, 'oia.db'), { checkpoints: false });
  await migrateSqlite(database);
  await database.transaction((tx) =>
    putAccessKey(
      tx,
      {
        accessKeyId: account.rootAccessKeyId,
        secretAccessKey: account.rootSecretAccessKey,
        status: 'Active',
        caller: rootCaller(account.accountId),
      },
      clock.now(),
    ),
  );

  const localBuckets = new LocalBucketStore(database, join(config.dataDir, 'buckets'), clock);
  await localBuckets.sweep();
  const buckets = new Buckets(localBuckets, config.buckets);

  const dataPlane = new DataPlane({
    db: database,
    buckets,
    clock,
    logger,
    accountId: account.accountId,
    dataDir: config.dataDir,
    config: config.dataPlane,
    lambdas: config.lambdas,
    thingsFile: config.thingsFile,
  });

  const results = new ResultsBucket({
    store: localBuckets,
    name: config.datasets.resultsBucket ?? defaultResultsBucket(account.accountId),
    region: config.defaultRegion,
    credentials: { accessKeyId: account.rootAccessKeyId, secretAccessKey: account.rootSecretAccessKey },
    expirySeconds: config.datasets.dataUriExpirySeconds,
  });
  const datasetContents = new DatasetContents({
    db: database,
    clock,
    logger,
    dataPlane,
    buckets,
    results,
    config: config.datasets,
    dataDir: config.dataDir,
  });

  const tokens = new PageTokens(account.serverSecret);
  const credentials = new SqlCredentialStore(database);
  const authorizer = new PolicyAuthorizer(iamPolicySource(database.reader, credentials));
  const registry = new ServiceRegistry();
  registry.register(createIotAnalyticsService({ db: database, quotas: config.quotas, tokens, statistics: dataPlane, dataPlane, datasetContents }));
  registry.register(createIamService({ db: database, tokens, accountCreatedAt: new Date(account.createdAt) }));
  registry.register(createStsService({ db: database, findRole: iamRoleLookup(database.reader), authorizer }));
  const events = new SqliteEventStore(database);
  const signingKeys = new SigningKeys(database);
  // Records committed just before the last stop (or crash) become visible.
  await database.transaction((tx) => events.index(tx));
  const trails = new TrailStore(database);
  const deliveries = new DeliveryStore(database);
  const trailLifecycle = new TrailLifecycle(logger);
  const trailDelivery = new TrailDelivery({
    db: database,
    events,
    trails,
    deliveries,
    buckets,
    clock,
    logger,
    intervalSeconds: config.trails.deliveryIntervalSeconds,
    maxFileRecords: config.trails.maxFileRecords,
    maxFileBytes: config.trails.maxFileBytes,
    pollMs: 1000,
  });
  const digests = new DigestStore(database);
  const trailDigests = new DigestWriter({
    digests,
    deliveries,
    delivery: trailDelivery,
    trails,
    buckets,
    signingKeys,
    clock,
    logger,
    intervalSeconds: config.trails.digestIntervalSeconds,
    pollMs: 1000,
  });
  trailLifecycle.register(trailDigests);
  registry.register(
    createCloudTrailService({
      events,
      tokens,
      retentionDays: config.audit.retentionDays,
      lookupRateLimiter: config.audit.lookupEventsRateLimit ? new RateLimiter(2, clock) : undefined,
      trails,
      deliveries,
      delivery: trailDelivery,
      digests,
      lifecycle: trailLifecycle,
      buckets,
      signingKeys,
    }),
  );
  // S3's path-style routes match almost any unsigned request: keep it registered last.
  registry.register(createS3Service({ buckets, tokens }));

  const hooks: PipelineHooks[] = [];
  const recorder = config.audit.enabled
    ? new AuditRecorder({ store: events, database, accountId: account.accountId, defaultRegion: config.defaultRegion, logger })
    : undefined;
  if (recorder) hooks.push(recorder);
  const retention = new RetentionJob({
    store: events,
    clock,
    retentionDays: config.audit.retentionDays,
    intervalMs: 60 * 60 * 1000,
    logger,
    deliveredUpTo: () => deliveries.deliveredUpTo(),
  });
  retention.start();
  trailDelivery.start();
  trailDigests.start();
  const pipeline = new RequestPipeline({
    registry,
    authenticator: new SigV4Authenticator(credentials, clock),
    authorizer,
    database,
    clock,
    accountId: account.accountId,
    defaultRegion: config.defaultRegion,
    hooks,
    logger,
  });
  const server = createListener(pipeline, { maxBodyBytes: config.maxBodyBytes, logger });
  await dataPlane.start();
  await datasetContents.start();
  const datasetScheduler = new DatasetScheduler({
    db: database,
    clock,
    logger,
    contents: datasetContents,
    lateData: new LateDataDetector({
      db: database,
      clock,
      dataPlane,
      engine: () => datasetContents.queryEngine,
      workDir: datasetContents.workDirectory,
    }),
    intervalMs: config.datasets.schedulerIntervalMs,
    invoke: (call) => pipeline.invokeAsService(call),
  });
  datasetScheduler.start();
  const mqtt = config.mqtt
    ? startMqttBridge({
        config: config.mqtt,
        defaultRegion: config.defaultRegion,
        accountId: account.accountId,
        db: database,
        clock,
        logger,
        ingested: (region, channel) => dataPlane.ingested(region, channel),
      })
    : undefined;

  return {
    config,
    account,
    accountCreated: created,
    database,
    buckets,
    events,
    trails,
    trailLifecycle,
    trailDelivery,
    trailDigests,
    retention,
    settleAudit: async () => {
      await recorder?.settle();
    },
    registry,
    dataPlane,
    datasetContents,
    datasetScheduler,
    mqtt,
    clock,
    server,
    pipeline,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          resolve({ host: config.host, port, url: `http://${config.host}:${port}` });
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await mqtt?.stop();
      await datasetScheduler.stop();
      await datasetContents.stop();
      await dataPlane.stop();
      await recorder?.close();
      await trailDigests.stop();
      await trailDelivery.stop();
      await retention.stop();
      await database.close();
    },
  };
}
