// Where channel archives and data-store files are written: a folder of the
// data directory for service-managed storage, or a customer's bucket (local
// or remote, through Buckets) for customer-managed storage. Keys are the
// object keys users see (the raw layout of s3Paths, the data-store layout).
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { syncPath } from '../../../../lib/fsync.ts';
import type { Buckets } from '../../../../storage/buckets/buckets.ts';
import { BucketStoreError } from '../../../../storage/buckets/bucket-store.ts';

export interface ObjectArea {
  /** Names the area in iota_pending_objects: `service:<region>` or `bucket:<name>`. */
  readonly id: string;
  /** Writes an object durably, replacing any object with that key. */
  put(key: string, body: Buffer): Promise<void>;
  /** Writes the content of a local file as an object; the file is consumed. */
  putFile(key: string, file: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Deleting an object that does not exist succeeds. */
  delete(key: string): Promise<void>;
  /** The file that holds the object, when the area is a local folder (DuckDB reads it in place). */
  localPath(key: string): string | undefined;
}

/**
 * Service-managed storage: <data-dir>/iotanalytics/<region>/<key>. A file is
 * written to a staging folder, synced, renamed into place and its folder
 * synced, so an object either exists whole or not at all.
 */
export class FolderArea implements ObjectArea {
  readonly id: string;

  constructor(
    region: string,
    private readonly root: string,
    private readonly staging: string,
  ) {
    this.id = `service:${region}`;
  }

  localPath(key: string): string {
    return join(this.root, key);
  }

  async put(key: string, body: Buffer): Promise<void> {
    const temp = await this.stagingFile();
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.place(temp, key);
  }

  async putFile(key: string, file: string): Promise<void> {
    await syncPath(file, 'r+');
    await this.place(file, key);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.localPath(key));
  }

  async delete(key: string): Promise<void> {
    await unlink(this.localPath(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  private async stagingFile(): Promise<string> {
    await mkdir(this.staging, { recursive: true, mode: 0o700 });
    return join(this.staging, randomBytes(12).toString('hex'));
  }

  private async place(temp: string, key: string): Promise<void> {
    const target = this.localPath(key);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    try {
      await rename(temp, target);
    } catch (error) {
      // A file made elsewhere (DuckDB's temporary folder) may be on another file system.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(temp, target);
      await rm(temp, { force: true });
    }
    await syncPath(dirname(target));
  }
}

/** Customer-managed storage: a bucket, wherever Buckets keeps it. */
export class BucketArea implements ObjectArea {
  readonly id: string;

  constructor(
    private readonly buckets: Buckets,
    private readonly bucket: string,
  ) {
    this.id = `bucket:${bucket}`;
  }

  localPath(): undefined {
    return undefined;
  }

  async put(key: string, body: Buffer): Promise<void> {
    await this.buckets.storeFor(this.bucket).putObject(this.bucket, key, body, { contentType: contentTypeOf(key) });
  }

  async putFile(key: string, file: string): Promise<void> {
    try {
      await this.buckets.storeFor(this.bucket).putObject(this.bucket, key, createReadStream(file), { contentType: contentTypeOf(key) });
    } finally {
      await rm(file, { force: true });
    }
  }

  async get(key: string): Promise<Buffer> {
    const { body } = await this.buckets.storeFor(this.bucket).getObject(this.bucket, key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async delete(key: string): Promise<void> {
    try {
      await this.buckets.storeFor(this.bucket).deleteObject(this.bucket, key);
    } catch (error) {
      // Nothing to delete in a bucket that is gone.
      if (!(error instanceof BucketStoreError && error.code === 'NoSuchBucket')) throw error;
    }
  }
}

function contentTypeOf(key: string): string {
  if (key.endsWith('.parquet')) return 'application/vnd.apache.parquet';
  if (key.endsWith('.json.gz')) return 'application/gzip';
  return 'application/octet-stream';
}
