// Data store rules: storage (a union: service-managed, customer bucket or
// IoT SiteWise multi-layer), file format (JSON unless Parquet is chosen) and
// partitions, all fixed at creation except the settings within a storage kind
// and the Parquet schema; retention unlimited by default.
import type {
  Datastore,
  DatastorePartitions,
  DatastoreStorage,
  DatastoreSummary,
  FileFormatConfiguration,
  RetentionPeriod,
} from '@aws-sdk/client-iotanalytics';
import { errors } from '../errors.ts';
import { exactlyOne, firstDuplicate, setMembers } from './one-of.ts';
import type { StoredResource } from './resource-store.ts';
import { normaliseRetention, retentionOnUpdate, UNLIMITED_RETENTION } from './retention.ts';
import { isCustomerManaged, SERVICE_MANAGED, storageOnUpdate } from './storage.ts';

/** Parquet schema columns per data store (quota L-41F5CE82, not adjustable). */
export const MAX_PARQUET_COLUMNS = 100;

export interface DatastoreConfig {
  storage: DatastoreStorage;
  retentionPeriod: RetentionPeriod;
  fileFormatConfiguration: FileFormatConfiguration;
  datastorePartitions?: DatastorePartitions;
}

export interface DatastoreSettings {
  datastoreStorage?: DatastoreStorage;
  retentionPeriod?: RetentionPeriod;
  fileFormatConfiguration?: FileFormatConfiguration;
}

const JSON_FORMAT: FileFormatConfiguration = { jsonConfiguration: {} };

function validFormat(format: FileFormatConfiguration | undefined): FileFormatConfiguration | undefined {
  if (!format || setMembers(format).length === 0) return undefined;
  exactlyOne(format, 'Only one of jsonConfiguration or parquetConfiguration may be specified.');
  const columns = format.parquetConfiguration?.schemaDefinition?.columns ?? [];
  if (columns.length > MAX_PARQUET_COLUMNS) {
    throw errors.limitExceeded(`A Parquet schema can have at most ${MAX_PARQUET_COLUMNS} columns.`);
  }
  // SQL resolves column names without regard to case.
  const duplicate = firstDuplicate(columns, (c) => c.name!.toLowerCase());
  if (duplicate) throw errors.invalidRequest(`Column names must be unique; '${duplicate.name}' is used more than once.`);
  return format;
}

function validPartitions(partitions: DatastorePartitions | undefined): DatastorePartitions | undefined {
  if (!partitions) return undefined;
  const list = partitions.partitions ?? [];
  for (const p of list) exactlyOne(p, 'Exactly one partition type should be provided');
  if (list.filter((p) => p.timestampPartition).length > 1) {
    throw errors.invalidRequest('A data store can have at most one timestamp partition.');
  }
  const names = list.map((p) => (p.attributePartition ?? p.timestampPartition)!.attributeName!);
  const duplicate = firstDuplicate(names);
  if (duplicate) throw errors.invalidRequest(`Partition attribute names must be unique; '${duplicate}' is used more than once.`);
  return partitions;
}

export function newDatastoreConfig(settings: DatastoreSettings & { datastorePartitions?: DatastorePartitions }): DatastoreConfig {
  const config: DatastoreConfig = {
    storage: settings.datastoreStorage ?? SERVICE_MANAGED,
    retentionPeriod: normaliseRetention(settings.retentionPeriod, UNLIMITED_RETENTION),
    fileFormatConfiguration: validFormat(settings.fileFormatConfiguration) ?? JSON_FORMAT,
  };
  const partitions = validPartitions(settings.datastorePartitions);
  if (partitions) config.datastorePartitions = partitions;
  return config;
}

export function updatedDatastoreConfig(stored: DatastoreConfig, settings: DatastoreSettings): DatastoreConfig {
  const format = validFormat(settings.fileFormatConfiguration) ?? stored.fileFormatConfiguration;
  if (setMembers(format)[0] !== setMembers(stored.fileFormatConfiguration)[0]) {
    throw errors.invalidRequest("The file format of a data store can't be changed after it is created.");
  }
  const customerManaged = isCustomerManaged(stored.storage) ? { what: 'data store' } : undefined;
  return {
    ...stored,
    storage: storageOnUpdate(stored.storage, settings.datastoreStorage, 'data store'),
    retentionPeriod: retentionOnUpdate(stored.retentionPeriod, settings.retentionPeriod, UNLIMITED_RETENTION, customerManaged),
    fileFormatConfiguration: format,
  };
}

/** `lastMessageArrivalTime` comes from the data plane; absent before the first message is stored. */
export function datastoreDescription(datastore: StoredResource<DatastoreConfig>, lastMessageArrivalTime?: Date): Datastore {
  return {
    name: datastore.name,
    arn: datastore.arn,
    status: 'ACTIVE',
    storage: datastore.config.storage,
    retentionPeriod: datastore.config.retentionPeriod,
    creationTime: datastore.createdAt,
    lastUpdateTime: datastore.updatedAt,
    lastMessageArrivalTime,
    fileFormatConfiguration: datastore.config.fileFormatConfiguration,
    datastorePartitions: datastore.config.datastorePartitions,
  };
}

export function datastoreSummary(datastore: StoredResource<DatastoreConfig>, lastMessageArrivalTime?: Date): DatastoreSummary {
  return {
    datastoreName: datastore.name,
    // The summary shapes carry the same members as the storage itself.
    datastoreStorage: datastore.config.storage as DatastoreSummary['datastoreStorage'],
    status: 'ACTIVE',
    creationTime: datastore.createdAt,
    lastUpdateTime: datastore.updatedAt,
    lastMessageArrivalTime,
    fileFormatType: datastore.config.fileFormatConfiguration.parquetConfiguration ? 'PARQUET' : 'JSON',
    datastorePartitions: datastore.config.datastorePartitions,
  };
}
