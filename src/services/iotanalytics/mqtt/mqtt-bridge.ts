// MQTT ingestion, put together: a session with the broker whose messages
// go into channels by the configured routes.
import type { MqttConfig } from '../../../config/schema.ts';
import type { Clock } from '../../../lib/clock.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { Database } from '../../../storage/db/database.ts';
import { MqttConnection } from './mqtt-connection.ts';
import { MqttIngestion } from './mqtt-ingestion.ts';
import { routes } from './topic-routes.ts';

export interface MqttBridgeOptions {
  config: MqttConfig;
  defaultRegion: string;
  accountId: string;
  db: Database;
  clock: Clock;
  logger: Logger;
  ingested(region: string, channel: string): void;
}

export interface MqttBridge {
  /** Resolves once connected to the broker and subscribed. */
  ready(): Promise<void>;
  /** Acknowledges what is being stored, then disconnects; the broker keeps the session. */
  stop(): Promise<void>;
}

/** A session lasts a week at the broker while the server is away. */
const SESSION_EXPIRY_SECONDS = 7 * 24 * 3600;

export function startMqttBridge(options: MqttBridgeOptions): MqttBridge {
  const { config, logger } = options;
  const routed = routes(config.routes, options.defaultRegion);
  const ingestion = new MqttIngestion({ db: options.db, clock: options.clock, logger, routes: routed, ingested: options.ingested });
  const connection = new MqttConnection({
    url: config.url,
    clientId: config.clientId ?? `oia-${options.accountId}`,
    username: config.username,
    password: config.password,
    subscriptions: routed.map((r) => ({ topicFilter: r.topicFilter, identifier: r.identifier })),
    keepaliveSeconds: 30,
    sessionExpirySeconds: SESSION_EXPIRY_SECONDS,
    reconnectMinMs: 500,
    reconnectMaxMs: 30_000,
    logger,
    onMessage: (message) => ingestion.handle(message),
  });
  connection.start();
  return { ready: () => connection.ready(), stop: () => connection.stop() };
}
