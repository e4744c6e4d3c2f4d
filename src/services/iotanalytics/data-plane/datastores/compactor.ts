// Merges a partition's small files into one, so queries open few files.
// The merged file is announced and written, then one transaction records it
// and drops the files it replaces (their deletion follows a little later, so
// a reader that listed them just before can finish). JSON files merge by
// concatenation (gzip members concatenate into a valid gzip file); Parquet
// files through DuckDB.
import { rm, stat, writeFile } from 'node:fs/promises';
import type { Clock } from '../../../../lib/clock.ts';
import type { Database } from '../../../../storage/db/database.ts';
import type { DatastoreConfig } from '../../resources/datastore.ts';
import { resourceStore } from '../../resources/resource-store.ts';
import { announce, pendingObjects } from '../storage/pending-objects.ts';
import type { ResourceLocation, StorageAreas } from '../storage/storage-areas.ts';
import { datastoreFileIndex, type FileRecord } from './datastore-files.ts';
import type { DatastoreFileWriter } from './file-writer.ts';
import type { DatastoreRef } from './staging.ts';

export interface CompactorOptions {
  db: Database;
  areas: StorageAreas;
  writer: DatastoreFileWriter;
  clock: Clock;
  /** A partition is compacted once it has this many small files. */
  minFiles: number;
  /** Files below half this size are small; a merged file stays below it. */
  targetBytes: number;
}

export async function compactDatastores(options: CompactorOptions): Promise<boolean> {
  let more = false;
  for (const ref of await datastoreFileIndex.datastores(options.db.reader)) {
    if (await compactDatastore(options, ref)) more = true;
  }
  return more;
}

async function compactDatastore(options: CompactorOptions, ref: DatastoreRef): Promise<boolean> {
  const datastore = await resourceStore.find<DatastoreConfig>(options.db.reader, ref.region, 'datastore', ref.datastore);
  if (!datastore) return false;
  const location = options.areas.forDatastore(ref.region, ref.datastore, datastore.config.storage);
  const groups = await datastoreFileIndex.compactable(options.db.reader, ref, options.targetBytes / 2, options.minFiles);
  let merged = false;
  for (const group of groups) {
    const inputs = takeUpTo(group, options.targetBytes);
    if (inputs.length < 2) continue;
    await mergeFiles(options, ref, location, inputs);
    merged = true;
  }
  return merged;
}

function takeUpTo(files: FileRecord[], bytes: number): FileRecord[] {
  const taken: FileRecord[] = [];
  let total = 0;
  for (const file of files) {
    if (taken.length > 0 && total + file.bytes > bytes) break;
    taken.push(file);
    total += file.bytes;
  }
  return taken;
}

async function mergeFiles(options: CompactorOptions, ref: DatastoreRef, location: ResourceLocation, inputs: FileRecord[]): Promise<void> {
  const { db } = options;
  const first = inputs[0];
  const last = inputs[inputs.length - 1];
  const extension = first.format === 'parquet' ? 'parquet' : 'json.gz';
  const key = `${location.prefix}${first.partition}/${first.firstSeq}_${last.lastSeq}.${extension}`;
  const now = options.clock.now();
  const pending = await announce(db, location.area, [key], now);
  let bytes: number;
  if (first.format === 'json') {
    const body = Buffer.concat(await Promise.all(inputs.map((f) => location.area.get(f.key))));
    await location.area.put(key, body);
    bytes = body.length;
  } else {
    const local = await localCopies(options, location, inputs);
    try {
      const file = await options.writer.mergeParquet(local.paths);
      bytes = (await stat(file)).size;
      await location.area.putFile(key, file);
    } finally {
      await Promise.all(local.temporary.map((path) => rm(path, { force: true })));
    }
  }
  const replaced = inputs.map((f) => ({ area: location.area.id, key: f.key }));
  await db.transaction(async (tx) => {
    await datastoreFileIndex.insert(tx, ref, {
      key,
      partition: first.partition,
      day: first.day,
      format: first.format,
      rows: inputs.reduce((n, f) => n + f.rows, 0),
      bytes,
      firstSeq: first.firstSeq,
      lastSeq: last.lastSeq,
      createdAt: now.getTime(),
    });
    await datastoreFileIndex.remove(tx, ref, inputs.map((f) => f.key));
    await pendingObjects.remove(tx, pending);
    await pendingObjects.add(tx, replaced, 'deleting', now);
  });
}

/** Paths DuckDB can read: the files themselves in a local folder, downloaded copies from a bucket. */
async function localCopies(options: CompactorOptions, location: ResourceLocation, files: FileRecord[]): Promise<{ paths: string[]; temporary: string[] }> {
  const paths: string[] = [];
  const temporary: string[] = [];
  for (const file of files) {
    const local = location.area.localPath(file.key);
    if (local) {
      paths.push(local);
      continue;
    }
    const copy = await options.writer.scratchFile('.parquet');
    await writeFile(copy, await location.area.get(file.key));
    paths.push(copy);
    temporary.push(copy);
  }
  return { paths, temporary };
}
