// Writes staged rows into data-store files: one file per partition folder
// per flush, named after the staged rows it holds
// (`<prefix><partition>/<firstSeq>_<lastSeq>.parquet` or `.json.gz`). The
// file is announced, written, then recorded in the same transaction that
// removes its rows from staging, so each row is in exactly one live file
// (see storage/pending-objects.ts for a crash in between).
import { stat } from 'node:fs/promises';
import type { Clock } from '../../../../lib/clock.ts';
import type { Database } from '../../../../storage/db/database.ts';
import type { DatastoreConfig } from '../../resources/datastore.ts';
import { resourceStore } from '../../resources/resource-store.ts';
import { announce, pendingObjects } from '../storage/pending-objects.ts';
import type { ResourceLocation, StorageAreas } from '../storage/storage-areas.ts';
import { duckdbType, mergeColumns, type Columns } from './column-types.ts';
import { datastoreFileIndex, type FileRecord } from './datastore-files.ts';
import type { DatastoreFileWriter, ParquetColumn } from './file-writer.ts';
import { datastoreLayout, type DatastoreLayout } from './layout.ts';
import { partitionDay } from './partitions.ts';
import { staging, type DatastoreRef, type StagedChunk } from './staging.ts';

export interface FlusherOptions {
  db: Database;
  areas: StorageAreas;
  writer: DatastoreFileWriter;
  clock: Clock;
  /** Most rows one flush of a data store takes. */
  maxRows: number;
}

/** Flushes every data store with staged rows; true when rows are left. */
export async function flushDatastores(options: FlusherOptions): Promise<boolean> {
  let more = false;
  for (const summary of await staging.summary(options.db.reader)) {
    if (await flushDatastore(options, summary)) more = true;
  }
  return more;
}

async function flushDatastore(options: FlusherOptions, ref: DatastoreRef): Promise<boolean> {
  const { db } = options;
  const datastore = await resourceStore.find<DatastoreConfig>(db.reader, ref.region, 'datastore', ref.datastore);
  if (!datastore) return false;
  const location = options.areas.forDatastore(ref.region, ref.datastore, datastore.config.storage);
  const layout = datastoreLayout(datastore.config);
  const chunks = await staging.oldest(db.reader, ref, options.maxRows);
  if (chunks.length === 0) return false;
  const byPartition = new Map<string, StagedChunk[]>();
  for (const chunk of chunks) byPartition.set(chunk.partition, [...(byPartition.get(chunk.partition) ?? []), chunk]);

  const now = options.clock.now();
  const planned = [...byPartition].map(([partition, group]) => ({ partition, group, key: fileKey(location, partition, group, layout) }));
  const pending = await announce(db, location.area, planned.map((p) => p.key), now);
  const files: FileRecord[] = [];
  for (const { partition, group, key } of planned) {
    const bytes = await writeFile(options, location, layout, key, group);
    files.push({
      key,
      partition,
      day: partitionDay(partition),
      format: layout.format,
      rows: group.reduce((n, c) => n + c.rows, 0),
      bytes,
      firstSeq: group[0].seq,
      lastSeq: group[group.length - 1].seq,
      createdAt: now.getTime(),
    });
  }
  await db.transaction(async (tx) => {
    for (const file of files) await datastoreFileIndex.insert(tx, ref, file);
    await staging.remove(tx, chunks.map((c) => c.seq));
    await pendingObjects.remove(tx, pending);
  });
  const staged = chunks.reduce((n, c) => n + c.rows, 0);
  return staged >= options.maxRows;
}

function fileKey(location: ResourceLocation, partition: string, group: StagedChunk[], layout: DatastoreLayout): string {
  const extension = layout.format === 'parquet' ? 'parquet' : 'json.gz';
  return `${location.prefix}${partition}/${group[0].seq}_${group[group.length - 1].seq}.${extension}`;
}

async function writeFile(options: FlusherOptions, location: ResourceLocation, layout: DatastoreLayout, key: string, group: StagedChunk[]): Promise<number> {
  if (layout.format === 'json') {
    const body = await options.writer.jsonFile(Buffer.concat(group.map((c) => c.body)));
    await location.area.put(key, body);
    return body.length;
  }
  const { lines, columns } = parquetInput(group, layout);
  const file = await options.writer.parquetFile(lines, columns);
  const bytes = (await stat(file)).size;
  await location.area.putFile(key, file);
  return bytes;
}

/** The JSON lines and columns of a Parquet file made of staged chunks. */
function parquetInput(group: StagedChunk[], layout: DatastoreLayout): { lines: Buffer; columns: ParquetColumn[] } {
  if (layout.declared) return { lines: Buffer.concat(group.map((c) => c.body)), columns: layout.declared };
  const merged: Columns = {};
  for (const chunk of group) mergeColumns(merged, chunk.columns ?? {});
  const spelling = new Map<string, string>();
  for (const name of Object.keys(merged)) if (!spelling.has(name.toLowerCase())) spelling.set(name.toLowerCase(), name);
  if (spelling.size === Object.keys(merged).length) {
    return { lines: Buffer.concat(group.map((c) => c.body)), columns: Object.entries(merged).map(([name, t]) => ({ name, type: duckdbType(t) })) };
  }
  return unifiedCase(group, spelling);
}

// Rare: the same attribute arrived spelled differently (`temp`, `Temp`) in
// messages of one partition. SQL column names are case-insensitive, so the
// file gets one column, named as first seen, and the rows are rewritten.
function unifiedCase(group: StagedChunk[], spelling: Map<string, string>): { lines: Buffer; columns: ParquetColumn[] } {
  const columns: Columns = {};
  const lines: string[] = [];
  for (const chunk of group) {
    for (const [key, type] of Object.entries(chunk.columns ?? {})) mergeColumns(columns, { [spelling.get(key.toLowerCase())!]: type });
    for (const line of chunk.body.toString('utf8').split('\n')) {
      if (line === '') continue;
      const row: Record<string, unknown> = Object.create(null);
      for (const [key, value] of Object.entries(JSON.parse(line) as Record<string, unknown>)) row[spelling.get(key.toLowerCase()) ?? key] = value;
      lines.push(JSON.stringify(row));
    }
  }
  return { lines: Buffer.from(lines.join('\n') + '\n'), columns: Object.entries(columns).map(([name, t]) => ({ name, type: duckdbType(t) })) };
}
