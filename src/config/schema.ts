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

/** A topic filter whose messages go into a channel, as an AWS IoT rule with an iotAnalytics action did. */
export interface MqttRoute {
  topicFilter: string;
  channelName: string;
  /** The channel's region (default: defaultRegion). */
  region?: string;
  /** As the rule action's batchMode: a payload that is a JSON array is split into one message per element. */
  batchMode?: boolean;
}

export interface MqttConfig {
  /** mqtt://host:port or mqtts://host:port. */
  url: string;
  routes: MqttRoute[];
  /** The session's client id; the session persists, so messages published while the server is down wait at the broker. */
  clientId?: string;
  username?: string;
  password?: string;
}

export interface LambdaConfig {
  /** Where `<lambdaName>.mjs` or `.js` is looked for (default `<data-dir>/lambdas`). */
  directory?: string;
  /** lambdaName → a module path or an http(s):// URL (docs/PIPELINES.md). */
  functions: Record<string, string>;
  /** How long one invocation may take. */
  timeoutMs: number;
}

/** How the data plane paces its background work (tests make these short). */
export interface DataPlaneConfig {
  /** How often an idle pipeline looks for messages (new messages wake it at once). */
  pipelineIntervalMs: number;
  /** Messages a pipeline processes per transaction. */
  chunkMessages: number;
  /** Back-off after a failing activity: from retryMinMs, doubling up to retryMaxMs. */
  retryMinMs: number;
  retryMaxMs: number;
  /** Tries a reprocessing run gives one archive object before it is FAILED. */
  reprocessingAttempts: number;
  archiveIntervalMs: number;
  /** Most messages in one archive object. */
  archiveObjectMessages: number;
  /** Processed messages are in data-store files after at most about this long... */
  flushIntervalMs: number;
  /** ...or as soon as this many wait. */
  flushRows: number;
  compactionIntervalMs: number;
  /** A partition with this many small files is compacted. */
  compactionMinFiles: number;
  /** Size a compacted file stays below; files under half of it are small. */
  compactionTargetBytes: number;
  retentionIntervalMs: number;
  /** Files replaced by compaction or past retention are deleted this long after (readers may still have them open). */
  deleteGraceMs: number;
}

/** Trail log-file delivery and digests (docs/FIDELITY.md, "Trails" and "Trail integrity"). */
export interface TrailsConfig {
  /** Seconds between deliveries of a trail's log files (AWS: about 300; `oia serve --delivery-interval`). */
  deliveryIntervalSeconds: number;
  /** Seconds each digest file covers, for trails with log file validation (AWS: 3600; `oia serve --digest-interval`). */
  digestIntervalSeconds: number;
  /** A delivery takes at most this many journal records, and starts early once this many wait. */
  maxFileRecords: number;
  /**
   * Uncompressed bytes after which a log file is closed. AWS caps files at 50 MB compressed; the
   * default, 4 MiB, keeps them far below and lets one delivery compress several files in parallel.
   */
  maxFileBytes: number;
}

/** Dataset contents: the runner, the scheduler and the content URIs. */
export interface DatasetsConfig {
  /** Contents generated at once; more wait (AWS: 2, not adjustable). */
  concurrentContents: number;
  /** How long a content's dataURI stays valid, in seconds (AWS's examples: 7200). */
  dataUriExpirySeconds: number;
  /**
   * The base URL dataURIs point at (e.g. https://oia.example.com behind a
   * proxy). Default: the scheme and Host of the GetDatasetContent request.
   */
  dataUriEndpoint?: string;
  /** The local bucket contents are kept in (default oia-iotanalytics-results-<account>). */
  resultsBucket?: string;
  /** How often schedules, dataset triggers, late data and retention are looked at (by the injected clock). */
  schedulerIntervalMs: number;
  /** containerAction images → local executables (docs/FIDELITY.md, "Datasets: versions, triggers, delivery and containers"). */
  containers: ContainersConfig;
}

export interface ContainersConfig {
  /** Image URI (as in containerAction.image) → path of the executable that stands in for it. */
  images: Record<string, string>;
  /** How long one container run may take before it is stopped and the content FAILED. */
  timeoutMs: number;
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
  trails: TrailsConfig;
  /** MQTT ingestion: topics whose messages go into channels. */
  mqtt?: MqttConfig;
  lambdas: LambdaConfig;
  /** Things and shadows for deviceRegistryEnrich/deviceShadowEnrich (default `<data-dir>/things.json`). */
  thingsFile?: string;
  dataPlane: DataPlaneConfig;
  datasets: DatasetsConfig;
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
  trails: { deliveryIntervalSeconds: 300, digestIntervalSeconds: 3600, maxFileRecords: 20_000, maxFileBytes: 4 * 1024 * 1024 },
  lambdas: { functions: {}, timeoutMs: 30_000 },
  dataPlane: {
    pipelineIntervalMs: 1000,
    chunkMessages: 5000,
    retryMinMs: 1000,
    retryMaxMs: 60_000,
    reprocessingAttempts: 5,
    archiveIntervalMs: 5000,
    archiveObjectMessages: 100_000,
    flushIntervalMs: 1000,
    flushRows: 100_000,
    compactionIntervalMs: 30_000,
    compactionMinFiles: 8,
    compactionTargetBytes: 128 * 1024 * 1024,
    retentionIntervalMs: 60_000,
    deleteGraceMs: 60_000,
  },
  datasets: {
    concurrentContents: 2,
    dataUriExpirySeconds: 7200,
    schedulerIntervalMs: 1000,
    containers: { images: {}, timeoutMs: 60 * 60 * 1000 },
  },
};
