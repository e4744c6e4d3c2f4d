// Generates a SQL dataset's version: the dataset's SQL on DuckDB over the
// files of the data stores it names, the result as Athena's CSV in the
// results bucket. Files of customer-managed data stores are copied into the
// run's folder first (keeping their Hive folders), as DuckDB reads only local
// files here.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Buckets } from '../../../../storage/buckets/buckets.ts';
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import type { DataPlane } from '../../data-plane/data-plane.ts';
import type { DatastoreConfig } from '../../resources/datastore.ts';
import type { DatasetConfig } from '../../resources/dataset.ts';
import { resourceStore } from '../../resources/resource-store.ts';
import type { DatasetQueryEngine } from '../query/engine.ts';
import { dataStoreScan } from '../query/data-store-scan.ts';
import { DatasetQueryError } from '../sql/query-error.ts';
import type { DatasetContent, ContentEntry } from './content-store.ts';
import { ContentFailure } from './content-failure.ts';
import { deltaTimeOf } from './new-version.ts';
import { ResultsBucket } from './results-bucket.ts';

export interface QueryActionDeps {
  db: SqlExecutor;
  engine: DatasetQueryEngine;
  dataPlane: DataPlane;
  buckets: Buckets;
  results: ResultsBucket;
}

export async function runQueryAction(
  deps: QueryActionDeps,
  content: DatasetContent,
  config: DatasetConfig,
  workDir: string,
  signal: AbortSignal,
): Promise<ContentEntry[]> {
  const sql = config.actions[0].queryAction!.sqlQuery!;
  const tables = await dataStoreTables(deps, content.region, sql, workDir);
  const outputPath = join(workDir, 'result.csv');
  const delta = deltaTimeOf(config);
  try {
    await deps.engine.runDatasetQuery({
      sql,
      tables: (name) => tables.get(name),
      outputPath,
      queryTime: content.scheduleTime,
      delta: delta && content.window && { window: content.window, timeExpression: delta.timeExpression },
      signal,
    });
  } catch (error) {
    if (error instanceof DatasetQueryError) throw new ContentFailure(error.message);
    throw error;
  }
  const key = ResultsBucket.csvKey(content.versionId);
  await deps.results.putFile(key, outputPath, 'text/csv');
  return [{ key }];
}

/**
 * DuckDB table expressions of the region's data stores the SQL mentions
 * (by name, ignoring case, as Athena folds table names). The SQL translator
 * reports any other table as missing.
 */
async function dataStoreTables(deps: QueryActionDeps, region: string, sql: string, workDir: string): Promise<Map<string, string>> {
  const tables = new Map<string, string>();
  const datastores = await resourceStore.all<DatastoreConfig>(deps.db, region, 'datastore');
  for (const datastore of datastores) {
    if (!mentionsDataStore(sql, datastore.name)) continue;
    const listing = await deps.dataPlane.datastoreFiles(region, datastore.name);
    if (!listing) continue;
    const paths: string[] = [];
    for (const [i, file] of listing.files.entries()) {
      if (file.path) paths.push(file.path);
      else paths.push(await copyObject(deps.buckets, file.bucket!, file.key, join(workDir, 'stores', datastore.name, String(i), file.partition)));
    }
    const columns = datastore.config.fileFormatConfiguration.parquetConfiguration?.schemaDefinition?.columns;
    tables.set(
      datastore.name.toLowerCase(),
      dataStoreScan({ format: listing.format, files: paths, columns: columns?.map((c) => ({ name: c.name!, type: c.type! })) }),
    );
  }
  return tables;
}

/** Whether the SQL names the data store (a word, any case): the ones a run needs to look at. */
export function mentionsDataStore(sql: string, name: string): boolean {
  return new RegExp(`(^|[^\\w])${name}([^\\w]|$)`, 'i').test(sql);
}

async function copyObject(buckets: Buckets, bucket: string, key: string, folder: string): Promise<string> {
  const { body } = await buckets.storeFor(bucket).getObject(bucket, key);
  await mkdir(folder, { recursive: true });
  const path = join(folder, key.split('/').pop()!);
  await writeFile(path, body as Readable);
  return path;
}
