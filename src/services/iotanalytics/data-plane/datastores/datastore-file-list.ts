// The answer to "which files hold this data store", in the terms a query
// engine needs: where each file is (a local path, or a bucket and key), its
// format, and its Hive partition values. Layout under the data store's root:
//   <root>/__dt=YYYY-MM-DD 00:00:00[/__partition_<attr>=<value>…][/__year=YYYY/__month=MM/__day=DD/__hour=HH]/<firstSeq>_<lastSeq>.parquet|.json.gz
import type { DatastoreConfig } from '../../resources/datastore.ts';
import type { StoredResource } from '../../resources/resource-store.ts';
import type { ResourceLocation } from '../storage/storage-areas.ts';
import type { FileRecord } from './datastore-files.ts';
import { DEFAULT_PARTITION } from './partitions.ts';

export interface DatastoreFile {
  /** The object key: in the bucket, or under <data-dir>/iotanalytics/<region>/ for service-managed storage. */
  key: string;
  /** Service-managed storage: the file's path on this machine. */
  path?: string;
  /** Customer-managed storage: the bucket that holds the object (read it through Buckets). */
  bucket?: string;
  /** The Hive folders, e.g. `__dt=2024-05-01 00:00:00/__partition_site=berlin`. */
  partition: string;
  /** Decoded partition values; a missing value (Hive's default partition) is null. */
  partitionValues: Record<string, string | null>;
  format: 'json' | 'parquet';
  rows: number;
  bytes: number;
  createdAt: Date;
}

export interface DatastoreFiles {
  format: 'json' | 'parquet';
  /** Partition columns in folder order: `__dt` first. */
  partitionColumns: string[];
  /** Where the data store's folders start: a local folder, or a bucket and key prefix. */
  root: { path: string } | { bucket: string; prefix: string };
  files: DatastoreFile[];
}

export function describeFiles(location: ResourceLocation, datastore: StoredResource<DatastoreConfig>, files: FileRecord[]): DatastoreFiles {
  const bucket = location.area.id.startsWith('bucket:') ? location.area.id.slice('bucket:'.length) : undefined;
  const rootPath = location.area.localPath(location.prefix);
  const partitionColumns = ['__dt'];
  for (const p of datastore.config.datastorePartitions?.partitions ?? []) {
    if (p.attributePartition) partitionColumns.push(`__partition_${p.attributePartition.attributeName}`);
    else partitionColumns.push('__year', '__month', '__day', '__hour');
  }
  return {
    format: datastore.config.fileFormatConfiguration.parquetConfiguration ? 'parquet' : 'json',
    partitionColumns,
    root: bucket !== undefined ? { bucket, prefix: location.prefix } : { path: rootPath! },
    files: files.map((f) => ({
      key: f.key,
      ...(bucket !== undefined ? { bucket } : { path: location.area.localPath(f.key)! }),
      partition: f.partition,
      partitionValues: partitionValues(f.partition),
      format: f.format,
      rows: f.rows,
      bytes: f.bytes,
      createdAt: new Date(f.createdAt),
    })),
  };
}

function partitionValues(partition: string): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const folder of partition.split('/')) {
    const at = folder.indexOf('=');
    const value = folder.slice(at + 1);
    values[folder.slice(0, at)] = value === DEFAULT_PARTITION ? null : decodeURIComponent(value);
  }
  return values;
}
