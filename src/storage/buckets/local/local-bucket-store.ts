// The embedded default bucket store: object bytes in files under
// <data-dir>/buckets (blob-files.ts), buckets and object metadata in the
// server's database (object-index.ts), so listings are sorted range scans.
//
// Every change is staged first (a new blob written and synced), applied in a
// database transaction, then settled (the replaced or deleted blob removed
// after commit, the staged one removed after a rollback). The S3 API applies
// a change inside its call's own transaction (ctx.mutate), so the object and
// the call's audit record are committed together; other callers use the
// plain BucketStore methods, which run their own transaction.
import type { Clock } from '../../../lib/clock.ts';
import type { Database, SqlExecutor } from '../../db/database.ts';
import {
  BucketStoreError,
  MAX_KEYS,
  type BucketInfo,
  type BucketStore,
  type ByteRange,
  type ListObjectsOptions,
  type ObjectBody,
  type ObjectContent,
  type ObjectInfo,
  type ObjectListing,
  type ObjectSummary,
  type PutObjectOptions,
} from '../bucket-store.ts';
import { isValidBucketName } from '../bucket-names.ts';
import { commonPrefixOf, compareKeys, prefixSuccessor } from '../key-order.ts';
import { BlobFiles } from './blob-files.ts';
import { objectIndex, type ScanFrom, type StoredObject } from './object-index.ts';

/** A change whose files are in place, waiting to be applied inside a transaction. */
export interface StagedChange<R> {
  apply(tx: SqlExecutor): Promise<R>;
}

class Staged<R> implements StagedChange<R> {
  constructor(
    readonly apply: (tx: SqlExecutor) => Promise<R>,
    /** Runs once the transaction committed (true) or rolled back (false). */
    readonly settle: (committed: boolean) => Promise<void>,
  ) {}
}

const noSuchBucket = (bucket: string) => new BucketStoreError('NoSuchBucket', 'The specified bucket does not exist', bucket);

export class LocalBucketStore implements BucketStore {
  private readonly blobs: BlobFiles;

  constructor(
    private readonly db: Database,
    /** <data-dir>/buckets */
    root: string,
    private readonly clock: Clock,
  ) {
    this.blobs = new BlobFiles(root);
  }

  /**
   * Runs `transact`, which must call `apply` inside its transaction, and
   * settles the change's files according to the outcome.
   */
  async commit<R, T>(change: StagedChange<R>, transact: (apply: (tx: SqlExecutor) => Promise<R>) => Promise<T>): Promise<T> {
    const staged = change as Staged<R>;
    let result: T;
    try {
      result = await transact((tx) => staged.apply(tx));
    } catch (error) {
      await staged.settle(false);
      throw error;
    }
    await staged.settle(true);
    return result;
  }

  private run<R>(change: StagedChange<R>): Promise<R> {
    return this.commit(change, (apply) => this.db.transaction(apply));
  }

  /** Bucket names become directory names: only S3's DNS-safe names are accepted. */
  stageCreateBucket(name: string, region: string): StagedChange<BucketInfo> {
    if (!isValidBucketName(name)) throw new BucketStoreError('InvalidBucketName', 'The specified bucket is not valid.', name);
    return new Staged(
      async (tx) => {
        if (await objectIndex.findBucket(tx, name)) {
          throw new BucketStoreError('BucketAlreadyExists', 'The requested bucket name is not available.', name);
        }
        const bucket = { name, region, creationDate: this.clock.now() };
        await objectIndex.insertBucket(tx, bucket);
        return bucket;
      },
      async () => undefined,
    );
  }

  stageDeleteBucket(name: string): StagedChange<void> {
    return new Staged(
      async (tx) => {
        if (!(await objectIndex.findBucket(tx, name))) throw noSuchBucket(name);
        if (await objectIndex.hasObjects(tx, name)) {
          throw new BucketStoreError('BucketNotEmpty', 'The bucket you tried to delete is not empty', name);
        }
        await objectIndex.deleteBucket(tx, name);
      },
      async (committed) => {
        if (committed) await this.blobs.removeBucketDirectory(name);
      },
    );
  }

  /** Writes the object's bytes; nothing is visible until the change is applied. */
  async stagePut(bucket: string, key: string, body: ObjectBody, options: PutObjectOptions = {}): Promise<StagedChange<ObjectInfo>> {
    if (!(await objectIndex.findBucket(this.db.reader, bucket))) throw noSuchBucket(bucket);
    const blob = await this.blobs.write(bucket, body);
    let replaced: string | undefined;
    const { metadata = {}, ...headers } = options;
    return new Staged(
      async (tx) => {
        if (!(await objectIndex.findBucket(tx, bucket))) throw noSuchBucket(bucket);
        const object: StoredObject = {
          bucket,
          key,
          blobId: blob.blobId,
          size: blob.size,
          etag: `"${blob.md5}"`,
          lastModified: this.clock.now(),
          ...definedOnly(headers),
          metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v])),
        };
        replaced = await objectIndex.putObject(tx, object);
        return publicInfo(object);
      },
      async (committed) => {
        if (committed && replaced) await this.blobs.remove(bucket, replaced);
        if (!committed) await this.blobs.remove(bucket, blob.blobId);
      },
    );
  }

  stageDelete(bucket: string, key: string): StagedChange<void> {
    let removed: string | undefined;
    return new Staged(
      async (tx) => {
        if (!(await objectIndex.findBucket(tx, bucket))) throw noSuchBucket(bucket);
        removed = await objectIndex.deleteObject(tx, bucket, key);
      },
      async (committed) => {
        if (committed && removed) await this.blobs.remove(bucket, removed);
      },
    );
  }

  async createBucket(name: string, region: string): Promise<BucketInfo> {
    return this.run(this.stageCreateBucket(name, region));
  }

  getBucket(name: string): Promise<BucketInfo | undefined> {
    return objectIndex.findBucket(this.db.reader, name);
  }

  listBuckets(): Promise<BucketInfo[]> {
    return objectIndex.listBuckets(this.db.reader);
  }

  async deleteBucket(name: string): Promise<void> {
    return this.run(this.stageDeleteBucket(name));
  }

  async putObject(bucket: string, key: string, body: ObjectBody, options?: PutObjectOptions): Promise<ObjectInfo> {
    return this.run(await this.stagePut(bucket, key, body, options));
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    return this.run(this.stageDelete(bucket, key));
  }

  async headObject(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    const object = await objectIndex.findObject(this.db.reader, bucket, key);
    return object && publicInfo(object);
  }

  async getObject(bucket: string, key: string, options: { range?: ByteRange } = {}): Promise<ObjectContent> {
    // A concurrent overwrite or delete can remove the file between reading the
    // row and opening it; the row read again then names the current file.
    for (let attempt = 0; attempt < 3; attempt++) {
      const object = await objectIndex.findObject(this.db.reader, bucket, key);
      if (!object) {
        if (!(await objectIndex.findBucket(this.db.reader, bucket))) throw noSuchBucket(bucket);
        throw new BucketStoreError('NoSuchKey', 'The specified key does not exist.', bucket, key);
      }
      const range = options.range && resolveRange(options.range, object.size, bucket, key);
      const file = await this.blobs.open(bucket, object.blobId);
      if (!file) continue;
      const body = file.createReadStream(range ? { start: range.start, end: range.end } : {});
      return { info: publicInfo(object), body, range };
    }
    throw new Error(`${bucket}/${key} keeps changing while being read`);
  }

  async listObjects(bucket: string, options: ListObjectsOptions = {}): Promise<ObjectListing> {
    if (!(await objectIndex.findBucket(this.db.reader, bucket))) throw noSuchBucket(bucket);
    const prefix = options.prefix ?? '';
    const { delimiter, startAfter } = options;
    const maxKeys = Math.min(Math.max(options.maxKeys ?? MAX_KEYS, 0), MAX_KEYS);
    const below = prefix === '' ? undefined : prefixSuccessor(prefix);
    const objects: ObjectSummary[] = [];
    const commonPrefixes: string[] = [];
    let last: string | undefined;
    const done = (isTruncated: boolean): ObjectListing => ({ objects, commonPrefixes, isTruncated, nextMarker: isTruncated ? last : undefined });
    if (maxKeys === 0) return done(false);

    let from: ScanFrom = startAfter !== undefined && compareKeys(startAfter, prefix) >= 0 ? { after: startAfter } : { atLeast: prefix };
    for (;;) {
      const batch = Math.min(maxKeys - objects.length - commonPrefixes.length + 1, MAX_KEYS);
      const rows = await objectIndex.scan(this.db.reader, bucket, from, below, batch);
      let jumped = false;
      for (const row of rows) {
        if (objects.length + commonPrefixes.length === maxKeys) return done(true);
        const common = commonPrefixOf(row.key, prefix, delimiter);
        if (common === undefined) {
          objects.push(row);
          last = row.key;
          from = { after: row.key };
          continue;
        }
        // A common prefix at or before the marker was returned on an earlier page.
        if (startAfter === undefined || compareKeys(common, startAfter) > 0) {
          commonPrefixes.push(common);
          last = common;
        }
        const next = prefixSuccessor(common);
        if (next === undefined) return done(false);
        from = { atLeast: next };
        jumped = true;
        break;
      }
      if (!jumped && rows.length < batch) return done(false);
    }
  }

  /** Removes files a crash left behind; run at start, before serving. */
  sweep(): Promise<number> {
    return this.blobs.sweep(async (bucket) =>
      (await objectIndex.findBucket(this.db.reader, bucket)) ? objectIndex.blobIds(this.db.reader, bucket) : undefined,
    );
  }
}

function publicInfo(object: StoredObject): ObjectInfo {
  const { bucket: _bucket, blobId: _blobId, ...info } = object;
  return info;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The inclusive byte span of a range over an object of `size` bytes, as S3 resolves it. */
export function resolveRange(range: ByteRange, size: number, bucket: string, key: string): { start: number; end: number } {
  const unsatisfiable = () => new BucketStoreError('InvalidRange', 'The requested range is not satisfiable', bucket, key);
  if ('suffix' in range) {
    if (range.suffix <= 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(size - range.suffix, 0), end: size - 1 };
  }
  if (range.start >= size) throw unsatisfiable();
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}
