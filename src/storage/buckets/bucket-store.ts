// Where objects live: trails write their log and digest files, channels, data
// stores and datasets their content, and users read them back with any S3
// tool. One interface, two implementations that pass the same conformance
// suite (test/conformance/bucket-store.ts): the local store (files under the
// data directory, metadata in the database) and any S3-compatible service.
import type { Readable } from 'node:stream';

export interface BucketInfo {
  name: string;
  /** us-east-1 for buckets created without a location constraint. */
  region: string;
  creationDate: Date;
}

/** Standard HTTP headers stored with an object and returned when it is read. */
export interface ObjectHeaders {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
}

export interface PutObjectOptions extends ObjectHeaders {
  /** User metadata (S3's x-amz-meta-*); keys are stored lower-cased. */
  metadata?: Record<string, string>;
}

export interface ObjectSummary {
  key: string;
  size: number;
  /** The MD5 of the content in lower-case hex, in double quotes, as S3 gives it. */
  etag: string;
  lastModified: Date;
}

export interface ObjectInfo extends ObjectSummary, ObjectHeaders {
  metadata: Record<string, string>;
}

/**
 * Bytes of an object, as in an HTTP Range header: `{start, end}` inclusive
 * (`end` omitted: to the end), or `{suffix}`: the last `suffix` bytes.
 */
export type ByteRange = { start: number; end?: number } | { suffix: number };

export interface ObjectContent {
  info: ObjectInfo;
  body: Readable;
  /** The bytes `body` holds when a range was asked for (inclusive), for Content-Range. */
  range?: { start: number; end: number };
}

export type ObjectBody = Buffer | Uint8Array | string | Readable;

export interface ListObjectsOptions {
  prefix?: string;
  /** Keys containing the delimiter after the prefix are rolled up into common prefixes. */
  delimiter?: string;
  /** List keys (and common prefixes) after this one: S3's marker, start-after or continuation. */
  startAfter?: string;
  /** At most this many keys and common prefixes together (default and maximum 1000). */
  maxKeys?: number;
}

export interface ObjectListing {
  /** Sorted by key, in UTF-8 byte order as S3 sorts. */
  objects: ObjectSummary[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** When truncated: the last key or common prefix returned, where the next page starts after. */
  nextMarker?: string;
}

export const MAX_KEYS = 1000;

export type BucketErrorCode = 'InvalidBucketName' | 'NoSuchBucket' | 'NoSuchKey' | 'BucketNotEmpty' | 'BucketAlreadyExists' | 'InvalidRange';

/** A failure every store reports the same way; the S3 API turns it into S3's error. */
export class BucketStoreError extends Error {
  constructor(
    readonly code: BucketErrorCode,
    message: string,
    readonly bucket: string,
    readonly key?: string,
  ) {
    super(message);
    this.name = code;
  }
}

export interface BucketStore {
  /** Rejects with InvalidBucketName (S3's naming rules), or BucketAlreadyExists when the name is taken. */
  createBucket(name: string, region: string): Promise<BucketInfo>;
  getBucket(name: string): Promise<BucketInfo | undefined>;
  /** Sorted by name. */
  listBuckets(): Promise<BucketInfo[]>;
  /** Rejects with NoSuchBucket, or BucketNotEmpty while it holds objects. */
  deleteBucket(name: string): Promise<void>;
  /** Replaces any object with the same key. Rejects with NoSuchBucket. */
  putObject(bucket: string, key: string, body: ObjectBody, options?: PutObjectOptions): Promise<ObjectInfo>;
  /** Rejects with NoSuchBucket, NoSuchKey, or InvalidRange when no byte of the range exists. */
  getObject(bucket: string, key: string, options?: { range?: ByteRange }): Promise<ObjectContent>;
  /** Undefined when the object (or its bucket) does not exist. */
  headObject(bucket: string, key: string): Promise<ObjectInfo | undefined>;
  /** Deleting a key that does not exist succeeds, as in S3. Rejects with NoSuchBucket. */
  deleteObject(bucket: string, key: string): Promise<void>;
  /** Rejects with NoSuchBucket. */
  listObjects(bucket: string, options?: ListObjectsOptions): Promise<ObjectListing>;
}
