// The server's configuration: one typed object, built once by loadConfig and
// passed down explicitly. No module reads the environment on import.
import type { LogLevel } from '../lib/logger.ts';
import type { RemoteBucketConfig } from '../storage/buckets/buckets.ts';

export interface Quotas {
  channels: number;
  datastores: number;
  pipelines: number;
  datasets: number;
  /** Tags on one channel, data store, pipeline or dataset. */
  tagsPerResource: number;
  /** Activities in one pipeline (AWS: 25, not adjustable; the model also caps it at 25). */
  activitiesPerPipeline: number;
  /** Container datasets one SQL dataset may trigger (AWS: 10). */
  datasetsTriggeredPerDataset: number;
  /** Shortest schedule of a container dataset, in minutes (AWS: 15, adjustable). */
  containerScheduleMinutes: number;
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
  /** Buckets kept in S3-compatible services instead of the local store (config file only). */
  buckets: RemoteBucketConfig[];
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
  quotas: {
    channels: 50,
    datastores: 25,
    pipelines: 100,
    datasets: 100,
    tagsPerResource: 50,
    activitiesPerPipeline: 25,
    datasetsTriggeredPerDataset: 10,
    containerScheduleMinutes: 15,
  },
  buckets: [],
  audit: { enabled: true, retentionDays: 90, lookupEventsRateLimit: false },
};
