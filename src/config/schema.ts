// The server's configuration: one typed object, built once by loadConfig and
// passed down explicitly. No module reads the environment on import.
import type { LogLevel } from '../lib/logger.ts';
import type { RemoteBucketConfig } from '../storage/buckets/buckets.ts';

export interface Quotas {
  channels: number;
  datastores: number;
  pipelines: number;
  datasets: number;
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
  /** Buckets kept in S3-compatible services instead of the local store (config file only). */
  buckets: RemoteBucketConfig[];
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
  buckets: [],
};
