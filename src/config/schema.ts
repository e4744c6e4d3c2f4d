// The server's configuration: one typed object, built once by loadConfig and
// passed down explicitly. No module reads the environment on import.
import type { LogLevel } from '../lib/logger.ts';

export interface Quotas {
  channels: number;
  datastores: number;
  pipelines: number;
  datasets: number;
}

export interface AuditConfig {
  /** Record every API call as a CloudTrail event. Switched off only to measure what recording costs. */
  enabled: boolean;
  /** Days of event history LookupEvents keeps (CloudTrail: 90). */
  retentionDays: number;
  /** LookupEvents at most 2 requests per second per account and region, as on AWS (ThrottlingException). */
  lookupEventsRateLimit: boolean;
}

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** Region for requests that carry no signature scope. */
  defaultRegion: string;
  logLevel: LogLevel;
  /** Bootstrap identity; only read on first start. */
  accountId?: string;
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** AWS IoT Analytics default quotas per account and region; adjustable as on AWS. */
  quotas: Quotas;
  audit: AuditConfig;
}

export const DEFAULTS: Config = {
  host: '127.0.0.1',
  port: 8686,
  dataDir: './oia-data',
  defaultRegion: 'us-east-1',
  logLevel: 'info',
  // BatchPutMessage: 100 messages of 128 KB, base64 in JSON.
  maxBodyBytes: 20 * 1024 * 1024,
  quotas: { channels: 50, datastores: 25, pipelines: 100, datasets: 100 },
  audit: { enabled: true, retentionDays: 90, lookupEventsRateLimit: false },
};
