// Builds the configuration: defaults < config file (--config) < environment
// (OIA_*) < command-line flags.
import { readFileSync } from 'node:fs';
import { DEFAULTS, type Config, type MqttRoute } from './schema.ts';
import type { LogLevel } from '../lib/logger.ts';

export interface Flags {
  [name: string]: string | string[] | boolean | undefined;
}

type Partial2<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/** Sections merged member by member, so a file can set one member and keep the other defaults. */
const SECTIONS = ['quotas', 'audit', 'trails', 'lambdas', 'dataPlane', 'mqtt', 'datasets'] as const;

function fromEnv(env: NodeJS.ProcessEnv): Partial2<Config> {
  const out: Partial2<Config> = {};
  if (env.OIA_HOST) out.host = env.OIA_HOST;
  if (env.OIA_PORT) out.port = toPort(env.OIA_PORT, 'OIA_PORT');
  if (env.OIA_DATA_DIR) out.dataDir = env.OIA_DATA_DIR;
  if (env.OIA_DEFAULT_REGION) out.defaultRegion = env.OIA_DEFAULT_REGION;
  if (env.OIA_LOG_LEVEL) out.logLevel = env.OIA_LOG_LEVEL as LogLevel;
  if (env.OIA_ACCOUNT_ID) out.accountId = env.OIA_ACCOUNT_ID;
  if (env.OIA_ROOT_ACCESS_KEY_ID) out.rootAccessKeyId = env.OIA_ROOT_ACCESS_KEY_ID;
  if (env.OIA_ROOT_SECRET_ACCESS_KEY) out.rootSecretAccessKey = env.OIA_ROOT_SECRET_ACCESS_KEY;
  if (env.OIA_MQTT_URL) out.mqtt = { url: env.OIA_MQTT_URL } as Config['mqtt'];
  return out;
}

function fromFlags(flags: Flags): Partial2<Config> {
  const out: Partial2<Config> = {};
  if (typeof flags.host === 'string') out.host = flags.host;
  if (typeof flags.port === 'string') out.port = toPort(flags.port, '--port');
  if (typeof flags['data-dir'] === 'string') out.dataDir = flags['data-dir'];
  if (typeof flags['log-level'] === 'string') out.logLevel = flags['log-level'] as LogLevel;
  if (typeof flags['lambda-dir'] === 'string') out.lambdas = { directory: flags['lambda-dir'] };
  if (typeof flags['things-file'] === 'string') out.thingsFile = flags['things-file'];
  const trails: Partial<Config['trails']> = {};
  if (typeof flags['delivery-interval'] === 'string') trails.deliveryIntervalSeconds = Number(flags['delivery-interval']);
  if (typeof flags['digest-interval'] === 'string') trails.digestIntervalSeconds = Number(flags['digest-interval']);
  if (Object.keys(trails).length > 0) out.trails = trails;
  const mqtt: Partial<NonNullable<Config['mqtt']>> = {};
  if (typeof flags['mqtt-url'] === 'string') mqtt.url = flags['mqtt-url'];
  const routes = flags['mqtt-route'];
  if (routes !== undefined) mqtt.routes = (Array.isArray(routes) ? routes : [String(routes)]).map(parseRoute);
  if (Object.keys(mqtt).length > 0) out.mqtt = mqtt as Config['mqtt'];
  return out;
}

/** `--mqtt-route 'sensors/+/data=telemetry'`: a topic filter, '=', a channel name (which cannot contain '='). */
export function parseRoute(text: string): MqttRoute {
  const at = text.lastIndexOf('=');
  if (at <= 0 || at === text.length - 1) throw new Error(`--mqtt-route must be TOPIC_FILTER=CHANNEL, got '${text}'`);
  return { topicFilter: text.slice(0, at), channelName: text.slice(at + 1) };
}

function toPort(value: string, name: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got '${value}'`);
  return port;
}

export function loadConfig(flags: Flags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const file = typeof flags.config === 'string' ? (JSON.parse(readFileSync(flags.config, 'utf8')) as Partial2<Config>) : {};
  const layers = [file, fromEnv(env), fromFlags(flags)];
  const config: Config = {
    ...DEFAULTS,
    quotas: { ...DEFAULTS.quotas },
    audit: { ...DEFAULTS.audit },
    trails: { ...DEFAULTS.trails },
    lambdas: { ...DEFAULTS.lambdas },
    dataPlane: { ...DEFAULTS.dataPlane },
    datasets: { ...DEFAULTS.datasets, containers: { ...DEFAULTS.datasets.containers } },
  };
  for (const layer of layers) {
    const rest: Record<string, unknown> = { ...layer };
    for (const section of SECTIONS) {
      const value = rest[section];
      delete rest[section];
      if (value !== undefined) Object.assign(config, { [section]: { ...(config[section] as object | undefined), ...(value as object) } });
    }
    Object.assign(config, rest);
  }
  for (const bucket of config.buckets) {
    if (typeof bucket?.name !== 'string' || typeof bucket.region !== 'string') {
      throw new Error(`each entry of "buckets" needs a "name" and a "region", got ${JSON.stringify(bucket)}`);
    }
  }
  if (!(Number.isInteger(config.audit.retentionDays) && config.audit.retentionDays > 0)) {
    throw new Error(`audit.retentionDays must be a positive whole number of days, got ${config.audit.retentionDays}`);
  }
  const { maxFileRecords, maxFileBytes } = config.trails;
  for (const [what, flag, member] of [
    ['delivery', '--delivery-interval', 'deliveryIntervalSeconds'],
    ['digest', '--digest-interval', 'digestIntervalSeconds'],
  ] as const) {
    const seconds = config.trails[member];
    if (!(Number.isInteger(seconds) && seconds >= 1)) {
      throw new Error(`the ${what} interval (${flag}, trails.${member}) must be a whole number of seconds, at least 1, got ${seconds}`);
    }
  }
  if (!(Number.isInteger(maxFileRecords) && maxFileRecords >= 1 && Number.isInteger(maxFileBytes) && maxFileBytes >= 1)) {
    throw new Error('trails.maxFileRecords and trails.maxFileBytes must be positive whole numbers');
  }
  if (config.mqtt) checkMqtt(config.mqtt);
  checkDatasets(config.datasets, env);
  const levels: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
  if (!levels.includes(config.logLevel)) throw new Error(`log level must be one of ${levels.join(', ')}`);
  return config;
}

function checkMqtt(mqtt: Partial<NonNullable<Config['mqtt']>>): asserts mqtt is NonNullable<Config['mqtt']> {
  if (typeof mqtt.url !== 'string' || !/^mqtts?:\/\//.test(mqtt.url)) throw new Error(`"mqtt.url" must be an mqtt:// or mqtts:// URL, got ${JSON.stringify(mqtt.url)}`);
  mqtt.routes ??= [];
  for (const route of mqtt.routes) {
    if (typeof route?.topicFilter !== 'string' || typeof route.channelName !== 'string') {
      throw new Error(`each entry of "mqtt.routes" needs a "topicFilter" and a "channelName", got ${JSON.stringify(route)}`);
    }
  }
}

function checkDatasets(datasets: Config['datasets'], env: NodeJS.ProcessEnv): void {
  if (!(Number.isInteger(datasets.concurrentContents) && datasets.concurrentContents > 0)) {
    throw new Error(`datasets.concurrentContents must be a positive whole number, got ${datasets.concurrentContents}`);
  }
  if (!(Number.isInteger(datasets.dataUriExpirySeconds) && datasets.dataUriExpirySeconds >= 1 && datasets.dataUriExpirySeconds <= 604800)) {
    throw new Error(`datasets.dataUriExpirySeconds must be 1 to 604800 seconds (SigV4's limit), got ${datasets.dataUriExpirySeconds}`);
  }
  // A file's `containers` replaces the defaults as a whole; images may also
  // come from OIA_CONTAINER_IMAGES, a JSON object of image URI → executable.
  datasets.containers = { ...DEFAULTS.datasets.containers, ...datasets.containers };
  if (env.OIA_CONTAINER_IMAGES) {
    datasets.containers.images = { ...datasets.containers.images, ...(JSON.parse(env.OIA_CONTAINER_IMAGES) as Record<string, string>) };
  }
}
