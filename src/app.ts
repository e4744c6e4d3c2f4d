// The composition root: builds the stores, services and pipeline from one
// configuration object and wires them to the listener. Nothing else reads
// configuration.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Config } from './config/schema.ts';
import { SqliteEventStore } from './audit/event-store/sqlite/sqlite-event-store.ts';
import type { EventStore } from './audit/event-store/event-store.ts';
import { AuditRecorder } from './audit/recorder.ts';
import { RetentionJob } from './audit/retention.ts';
import { rootOnlyAuthorizer } from './authz/authorizer.ts';
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
import { createCloudTrailService } from './services/cloudtrail/index.ts';
import { createIotAnalyticsService } from './services/iotanalytics/index.ts';
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
  /** The CloudTrail event history. */
  readonly events: EventStore;
  readonly registry: ServiceRegistry;
  readonly clock: Clock;
  readonly server: Server;
  listen(): Promise<{ host: string; port: number; url: string }>;
  close(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const { account, created } = ensureAccount(config.dataDir, config, clock.now());

  const database = SqliteDatabase.open(join(config.dataDir, 'oia.db'));
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

  const tokens = new PageTokens(account.serverSecret);
  const registry = new ServiceRegistry();
  registry.register(createIotAnalyticsService({ db: database, quotas: config.quotas, tokens }));
  const events = new SqliteEventStore(database);
  // Records committed just before the last stop (or crash) become visible.
  await database.transaction((tx) => events.index(tx));
  registry.register(
    createCloudTrailService({
      events,
      tokens,
      retentionDays: config.audit.retentionDays,
      lookupRateLimiter: config.audit.lookupEventsRateLimit ? new RateLimiter(2, clock) : undefined,
    }),
  );

  const hooks: PipelineHooks[] = [];
  const recorder = config.audit.enabled
    ? new AuditRecorder({ store: events, database, accountId: account.accountId, defaultRegion: config.defaultRegion, logger })
    : undefined;
  if (recorder) hooks.push(recorder);
  const retention = new RetentionJob({ store: events, clock, retentionDays: config.audit.retentionDays, intervalMs: 60 * 60 * 1000, logger });
  retention.start();
  const pipeline = new RequestPipeline({
    registry,
    authenticator: new SigV4Authenticator(new SqlCredentialStore(database.reader), clock),
    authorizer: rootOnlyAuthorizer,
    database,
    clock,
    accountId: account.accountId,
    defaultRegion: config.defaultRegion,
    hooks,
    logger,
  });
  const server = createListener(pipeline, { maxBodyBytes: config.maxBodyBytes, logger });

  return {
    config,
    account,
    accountCreated: created,
    database,
    events,
    registry,
    clock,
    server,
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
      await recorder?.close();
      await retention.stop();
      await database.close();
    },
  };
}
