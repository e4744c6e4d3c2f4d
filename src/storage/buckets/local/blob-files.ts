// The files that hold object bytes: <root>/<bucket>/<xx>/<blob id>, where the
// blob id is random and xx its first two characters. Keys never become file
// names (a key may be 1,024 bytes, contain '..', or be both 'a' and 'a/b'),
// and a new version of an object is a new file, so replacing one is atomic:
// the database row switches from the old file to the new in one commit.
//
// A blob is written to <root>/.staging, fsynced, renamed into place and its
// directory fsynced before any row may point at it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { syncPath } from '../../../lib/fsync.ts';
import type { ObjectBody } from '../bucket-store.ts';

export interface WrittenBlob {
  blobId: string;
  size: number;
  /** MD5 of the bytes, lower-case hex. */
  md5: string;
}

const STAGING = '.staging';

export class BlobFiles {
  constructor(private readonly root: string) {}

  path(bucket: string, blobId: string): string {
    return join(this.root, bucket, blobId.slice(0, 2), blobId);
  }

  async write(bucket: string, body: ObjectBody): Promise<WrittenBlob> {
    const blobId = randomBytes(16).toString('hex');
    const staging = join(this.root, STAGING);
    await mkdir(staging, { recursive: true });
    const temp = join(staging, blobId);
    const hash = createHash('md5');
    let size = 0;
    const file = await open(temp, 'wx', 0o600);
    try {
      for await (const chunk of chunks(body)) {
        hash.update(chunk);
        size += chunk.length;
        await file.write(chunk);
      }
      await file.sync();
    } catch (error) {
      await file.close();
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await file.close();
    const final = this.path(bucket, blobId);
    const dir = join(this.root, bucket, blobId.slice(0, 2));
    await mkdir(dir, { recursive: true });
    await rename(temp, final);
    await syncPath(dir);
    return { blobId, size, md5: hash.digest('hex') };
  }

  /** Opens a blob for reading; undefined when the file is gone (replaced or deleted meanwhile). */
  async open(bucket: string, blobId: string): Promise<FileHandle | undefined> {
    try {
      return await open(this.path(bucket, blobId), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async remove(bucket: string, blobId: string): Promise<void> {
    await unlink(this.path(bucket, blobId)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /** Removes a deleted bucket's directory as far as it is empty; leftovers are swept at the next start. */
  async removeBucketDirectory(bucket: string): Promise<void> {
    const dir = join(this.root, bucket);
    for (const shard of await readdir(dir).catch(() => [] as string[])) await rmdir(join(dir, shard)).catch(() => undefined);
    await rmdir(dir).catch(() => undefined);
  }

  /**
   * Deletes what a crash can leave behind: staged files, blobs no row points
   * at, directories of buckets that no longer exist. Only safe while nothing
   * is being written (at start).
   */
  async sweep(blobsOf: (bucket: string) => Promise<Set<string> | undefined>): Promise<number> {
    await rm(join(this.root, STAGING), { recursive: true, force: true });
    let removed = 0;
    for (const bucket of await readdir(this.root).catch(() => [] as string[])) {
      const referenced = await blobsOf(bucket);
      if (!referenced) {
        await rm(join(this.root, bucket), { recursive: true, force: true });
        continue;
      }
      for (const shard of await readdir(join(this.root, bucket))) {
        for (const blobId of await readdir(join(this.root, bucket, shard))) {
          if (referenced.has(blobId)) continue;
          await this.remove(bucket, blobId);
          removed++;
        }
      }
    }
    return removed;
  }
}

async function* chunks(body: ObjectBody): AsyncIterable<Buffer> {
  if (body instanceof Readable) {
    for await (const chunk of body) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
  } else {
    yield typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
}
