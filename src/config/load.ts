// Builds the configuration: defaults < config file (--config) < environment
// (OIA_*) < command-line flags.
import { readFileSync } from 'node:fs';
import { DEFAULTS, type AuditConfig, type Config, type Quotas } from './schema.ts';
import type { LogLevel } from '../lib/logger.ts';

export interface Flags {
  [name: string]: string | boolean | undefined;
}

type Partial2<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

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
  return out;
}

function fromFlags(flags: Flags): Partial2<Config> {
  const out: Partial2<Config> = {};
  if (typeof flags.host === 'string') out.host = flags.host;
  if (typeof flags.port === 'string') out.port = toPort(flags.port, '--port');
  if (typeof flags['data-dir'] === 'string') out.dataDir = flags['data-dir'];
  if (typeof flags['log-level'] === 'string') out.logLevel = flags['log-level'] as LogLevel;
  return out;
}

function toPort(value: string, name: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got '${value}'`);
  return port;
}

export function loadConfig(flags: Flags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const file = typeof flags.config === 'string' ? (JSON.parse(readFileSync(flags.config, 'utf8')) as Partial2<Config>) : {};
  const layers = [file, fromEnv(env), fromFlags(flags)];
  const config: Config = { ...DEFAULTS, quotas: { ...DEFAULTS.quotas }, audit: { ...DEFAULTS.audit } };
  for (const layer of layers) {
    const { quotas, audit, ...rest } = layer;
    Object.assign(config, rest);
    if (quotas) Object.assign(config.quotas, quotas as Partial<Quotas>);
    if (audit) Object.assign(config.audit, audit as Partial<AuditConfig>);
  }
  if (!(Number.isInteger(config.audit.retentionDays) && config.audit.retentionDays > 0)) {
    throw new Error(`audit.retentionDays must be a positive whole number of days, got ${config.audit.retentionDays}`);
  }
  for (const bucket of config.buckets) {
    if (typeof bucket?.name !== 'string' || typeof bucket.region !== 'string') {
      throw new Error(`each entry of "buckets" needs a "name" and a "region", got ${JSON.stringify(bucket)}`);
    }
  }
  const levels: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
  if (!levels.includes(config.logLevel)) throw new Error(`log level must be one of ${levels.join(', ')}`);
  return config;
}
