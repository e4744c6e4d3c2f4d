// Where dataset contents live: a bucket of the server's local bucket store
// that the server creates for itself (AWS kept results in a service bucket
// too, results/<uuid>.csv). Users download them through presigned GET URLs
// of this server's S3 API (the content's dataURI), signed with the account's
// root key, which only the server holds: a URL cannot be made or altered
// without it, and it expires like AWS's (X-Amz-Expires, 7200 s by default).
import { createReadStream } from 'node:fs';
import type { LocalBucketStore } from '../../../../storage/buckets/local/local-bucket-store.ts';
import { presignGetObject } from '../../../s3/presign.ts';
import type { ContentEntry } from './content-store.ts';

export interface ResultsBucketOptions {
  store: LocalBucketStore;
  name: string;
  /** The region the bucket is created in and the URLs are signed for. */
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  expirySeconds: number;
}

/** Its name when the configuration names none: one per account, like AWS's service bucket. */
export function defaultResultsBucket(accountId: string): string {
  return `oia-iotanalytics-results-${accountId}`;
}

export class ResultsBucket {
  private ensured?: Promise<void>;

  constructor(private readonly options: ResultsBucketOptions) {}

  /** Creates the bucket when the first version is stored (a server without datasets has none). */
  private ensure(): Promise<void> {
    this.ensured ??= (async () => {
      const { store, name, region } = this.options;
      if (!(await store.getBucket(name))) await store.createBucket(name, region);
    })().catch((error: unknown) => {
      this.ensured = undefined;
      throw error;
    });
    return this.ensured;
  }

  static csvKey(versionId: string): string {
    return `results/${versionId}.csv`;
  }

  static outputKey(versionId: string, fileName: string): string {
    return `results/${versionId}/${fileName}`;
  }

  async putFile(key: string, path: string, contentType: string): Promise<void> {
    await this.ensure();
    await this.options.store.putObject(this.options.name, key, createReadStream(path), { contentType });
  }

  async delete(entries: readonly ContentEntry[]): Promise<void> {
    for (const entry of entries) await this.options.store.deleteObject(this.options.name, entry.key);
  }

  /** A fresh presigned URL for an entry, minted on every GetDatasetContent as AWS did. */
  dataUri(entry: ContentEntry, endpoint: string, now: Date): string {
    const { name, region, credentials, expirySeconds } = this.options;
    return presignGetObject({ endpoint, region, credentials, bucket: name, key: entry.key, expiresIn: expirySeconds, now });
  }

  read(key: string) {
    return this.options.store.getObject(this.options.name, key);
  }
}
