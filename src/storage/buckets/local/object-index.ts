// The SQL of the local bucket store: buckets and the objects' metadata, each
// object row naming the blob file that holds its bytes.
import type { SqlExecutor } from '../../db/database.ts';
import type { BucketInfo, ObjectHeaders, ObjectInfo, ObjectSummary } from '../bucket-store.ts';

export interface StoredObject extends ObjectInfo {
  bucket: string;
  blobId: string;
}

interface BucketRow {
  name: string;
  region: string;
  created_at: number;
}

interface SummaryRow {
  key: string;
  size: number;
  etag: string;
  last_modified: number;
}

interface ObjectRow extends SummaryRow {
  bucket: string;
  blob_id: string;
  headers: string;
  metadata: string;
}

/** Where a scan starts: after a key, or at (and including) one. */
export type ScanFrom = { after: string } | { atLeast: string };

const toBucket = (row: BucketRow): BucketInfo => ({ name: row.name, region: row.region, creationDate: new Date(row.created_at) });

const toSummary = (row: SummaryRow): ObjectSummary => ({
  key: row.key,
  size: row.size,
  etag: row.etag,
  lastModified: new Date(row.last_modified),
});

const toStored = (row: ObjectRow): StoredObject => ({
  ...toSummary(row),
  ...(JSON.parse(row.headers) as ObjectHeaders),
  metadata: JSON.parse(row.metadata) as Record<string, string>,
  bucket: row.bucket,
  blobId: row.blob_id,
});

export const objectIndex = {
  async findBucket(db: SqlExecutor, name: string): Promise<BucketInfo | undefined> {
    const row = await db.get<BucketRow>('SELECT name, region, created_at FROM buckets WHERE name = @name', { name });
    return row && toBucket(row);
  },

  async listBuckets(db: SqlExecutor): Promise<BucketInfo[]> {
    return (await db.all<BucketRow>('SELECT name, region, created_at FROM buckets ORDER BY name')).map(toBucket);
  },

  async insertBucket(tx: SqlExecutor, bucket: BucketInfo): Promise<void> {
    await tx.run('INSERT INTO buckets (name, region, created_at) VALUES (@name, @region, @createdAt)', {
      name: bucket.name,
      region: bucket.region,
      createdAt: bucket.creationDate,
    });
  },

  async deleteBucket(tx: SqlExecutor, name: string): Promise<void> {
    await tx.run('DELETE FROM buckets WHERE name = @name', { name });
  },

  async hasObjects(db: SqlExecutor, bucket: string): Promise<boolean> {
    return (await db.get('SELECT 1 FROM bucket_objects WHERE bucket = @bucket LIMIT 1', { bucket })) !== undefined;
  },

  async findObject(db: SqlExecutor, bucket: string, key: string): Promise<StoredObject | undefined> {
    const row = await db.get<ObjectRow>(
      'SELECT bucket, key, blob_id, size, etag, last_modified, headers, metadata FROM bucket_objects WHERE bucket = @bucket AND key = @key',
      { bucket, key },
    );
    return row && toStored(row);
  },

  /** Inserts or replaces an object; returns the blob of the object it replaced. */
  async putObject(tx: SqlExecutor, object: StoredObject): Promise<string | undefined> {
    const previous = await tx.get<{ blob_id: string }>(
      'SELECT blob_id FROM bucket_objects WHERE bucket = @bucket AND key = @key',
      { bucket: object.bucket, key: object.key },
    );
    const { bucket, key, blobId, size, etag, lastModified, metadata, contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl } = object;
    const headers = JSON.stringify({ contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl });
    await tx.run(
      `INSERT INTO bucket_objects (bucket, key, blob_id, size, etag, last_modified, headers, metadata)
       VALUES (@bucket, @key, @blobId, @size, @etag, @lastModified, @headers, @metadata)
       ON CONFLICT (bucket, key) DO UPDATE SET blob_id = excluded.blob_id, size = excluded.size, etag = excluded.etag,
         last_modified = excluded.last_modified, headers = excluded.headers, metadata = excluded.metadata`,
      { bucket, key, blobId, size, etag, lastModified, headers, metadata: JSON.stringify(metadata) },
    );
    return previous?.blob_id;
  },

  /** Removes an object; returns its blob, undefined when there was none. */
  async deleteObject(tx: SqlExecutor, bucket: string, key: string): Promise<string | undefined> {
    const row = await tx.get<{ blob_id: string }>('SELECT blob_id FROM bucket_objects WHERE bucket = @bucket AND key = @key', { bucket, key });
    if (row) await tx.run('DELETE FROM bucket_objects WHERE bucket = @bucket AND key = @key', { bucket, key });
    return row?.blob_id;
  },

  /** Objects in key order from `from`, below `below` (exclusive) when given. */
  async scan(db: SqlExecutor, bucket: string, from: ScanFrom, below: string | undefined, limit: number): Promise<ObjectSummary[]> {
    const lower = 'after' in from ? 'key > @from' : 'key >= @from';
    const upper = below === undefined ? '' : 'AND key < @below';
    const rows = await db.all<SummaryRow>(
      `SELECT key, size, etag, last_modified FROM bucket_objects
       WHERE bucket = @bucket AND ${lower} ${upper} ORDER BY key LIMIT @limit`,
      { bucket, from: 'after' in from ? from.after : from.atLeast, below, limit },
    );
    return rows.map(toSummary);
  },

  async blobIds(db: SqlExecutor, bucket: string): Promise<Set<string>> {
    const rows = await db.all<{ blob_id: string }>('SELECT blob_id FROM bucket_objects WHERE bucket = @bucket', { bucket });
    return new Set(rows.map((r) => r.blob_id));
  },
};
