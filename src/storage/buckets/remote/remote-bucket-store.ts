// Buckets kept by any S3-compatible service (AWS S3, MinIO, Ceph RGW, …),
// reached through the official S3 client. Flexible checksums are only sent
// and checked when an operation requires them: several S3-compatible servers
// reject or ignore the CRC headers and aws-chunked trailers newer SDKs send
// by default.
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import {
  BucketStoreError,
  MAX_KEYS,
  type BucketErrorCode,
  type BucketInfo,
  type BucketStore,
  type ByteRange,
  type ListObjectsOptions,
  type ObjectBody,
  type ObjectContent,
  type ObjectInfo,
  type ObjectListing,
  type PutObjectOptions,
} from '../bucket-store.ts';
import { compareKeys } from '../key-order.ts';

export interface RemoteConnection {
  /** e.g. http://127.0.0.1:9000; omitted: AWS's endpoint for the region. */
  endpoint?: string;
  region: string;
  /** Omitted: the SDK's default credential chain (environment, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Path-style addressing (http://host/bucket/key), which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /** Milliseconds a connection may sit idle mid-request before the request fails (default 60 s). */
  idleTimeoutMs?: number;
}

/**
 * The SDK waits forever by default: a server that accepts a connection and
 * never answers would hang the caller (a trail's delivery, a dataset's
 * content) with no error to show. An idle limit turns it into a failure that
 * is reported and retried.
 */
const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 10_000;

const ERROR_CODES: Record<string, BucketErrorCode> = {
  InvalidBucketName: 'InvalidBucketName',
  NoSuchBucket: 'NoSuchBucket',
  NoSuchKey: 'NoSuchKey',
  BucketNotEmpty: 'BucketNotEmpty',
  BucketAlreadyExists: 'BucketAlreadyExists',
  BucketAlreadyOwnedByYou: 'BucketAlreadyExists',
  InvalidRange: 'InvalidRange',
};

export class RemoteBucketStore implements BucketStore {
  private readonly client: S3Client;

  constructor(connection: RemoteConnection) {
    const { endpoint, region, accessKeyId, secretAccessKey, sessionToken, forcePathStyle, idleTimeoutMs } = connection;
    this.client = new S3Client({
      endpoint,
      region,
      forcePathStyle,
      requestHandler: { requestTimeout: idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, throwOnRequestTimeout: true, connectionTimeout: CONNECT_TIMEOUT_MS },
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, sessionToken } : undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async createBucket(name: string, region: string): Promise<BucketInfo> {
    // us-east-1 is the one region S3 wants no location constraint for.
    const configuration = region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };
    await this.call(name, undefined, () => this.client.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: configuration })));
    return { name, region, creationDate: (await this.creationDate(name)) ?? new Date() };
  }

  async getBucket(name: string): Promise<BucketInfo | undefined> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: name }));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
    return { name, region: await this.region(name), creationDate: (await this.creationDate(name)) ?? new Date(0) };
  }

  async listBuckets(): Promise<BucketInfo[]> {
    const { Buckets = [] } = await this.client.send(new ListBucketsCommand({}));
    const buckets = await Promise.all(
      Buckets.map(async (b) => ({ name: b.Name!, region: await this.region(b.Name!), creationDate: b.CreationDate ?? new Date(0) })),
    );
    return buckets.sort((a, b) => compareKeys(a.name, b.name));
  }

  async deleteBucket(name: string): Promise<void> {
    await this.call(name, undefined, () => this.client.send(new DeleteBucketCommand({ Bucket: name })));
  }

  async putObject(bucket: string, key: string, body: ObjectBody, options: PutObjectOptions = {}): Promise<ObjectInfo> {
    // The client needs a length up front; streams are read into memory.
    const bytes = body instanceof Readable ? await readAll(body) : typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    await this.call(bucket, key, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: options.contentType,
          ContentEncoding: options.contentEncoding,
          ContentDisposition: options.contentDisposition,
          ContentLanguage: options.contentLanguage,
          CacheControl: options.cacheControl,
          Metadata: options.metadata,
        }),
      ),
    );
    const info = await this.headObject(bucket, key);
    if (!info) throw new BucketStoreError('NoSuchKey', 'The object disappeared right after it was written.', bucket, key);
    return info;
  }

  async getObject(bucket: string, key: string, options: { range?: ByteRange } = {}): Promise<ObjectContent> {
    const range = options.range && ('suffix' in options.range ? `bytes=-${options.range.suffix}` : `bytes=${options.range.start}-${options.range.end ?? ''}`);
    const output = await this.call(bucket, key, () => this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range })));
    const span = output.ContentRange && /bytes (\d+)-(\d+)\/(\d+)/.exec(output.ContentRange);
    return {
      info: { ...toInfo(key, output), ...(span ? { size: Number(span[3]) } : {}) },
      body: output.Body as Readable,
      range: span ? { start: Number(span[1]), end: Number(span[2]) } : undefined,
    };
  }

  async headObject(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    try {
      return toInfo(key, await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    await this.call(bucket, key, () => this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
  }

  async listObjects(bucket: string, options: ListObjectsOptions = {}): Promise<ObjectListing> {
    // ListObjects (v1) with a marker: every S3-compatible server has it, and
    // its paging needs no server-side continuation tokens.
    const output = await this.call(bucket, undefined, () =>
      this.client.send(
        new ListObjectsCommand({
          Bucket: bucket,
          Prefix: options.prefix || undefined,
          Delimiter: options.delimiter || undefined,
          Marker: options.startAfter,
          MaxKeys: Math.min(options.maxKeys ?? MAX_KEYS, MAX_KEYS),
        }),
      ),
    );
    const objects = (output.Contents ?? []).map((o) => ({ key: o.Key!, size: o.Size ?? 0, etag: o.ETag!, lastModified: o.LastModified! }));
    const commonPrefixes = (output.CommonPrefixes ?? []).map((p) => p.Prefix!);
    const isTruncated = output.IsTruncated === true;
    const returned = [...objects.map((o) => o.key), ...commonPrefixes].sort(compareKeys);
    return { objects, commonPrefixes, isTruncated, nextMarker: isTruncated ? (output.NextMarker ?? returned.at(-1)) : undefined };
  }

  private async region(bucket: string): Promise<string> {
    const { LocationConstraint } = await this.client.send(new GetBucketLocationCommand({ Bucket: bucket }));
    // An empty constraint means us-east-1; "EU" is the legacy name of eu-west-1.
    if (!LocationConstraint) return 'us-east-1';
    return LocationConstraint === 'EU' ? 'eu-west-1' : LocationConstraint;
  }

  private async creationDate(bucket: string): Promise<Date | undefined> {
    const { Buckets = [] } = await this.client.send(new ListBucketsCommand({}));
    return Buckets.find((b) => b.Name === bucket)?.CreationDate;
  }

  /** Runs a call, turning the service's errors into the store's. */
  private async call<T>(bucket: string, key: string | undefined, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const code = error instanceof S3ServiceException ? ERROR_CODES[error.name] : undefined;
      if (code) throw new BucketStoreError(code, error instanceof Error ? error.message : String(error), bucket, key);
      throw error;
    }
  }
}

function toInfo(key: string, output: {
  ContentLength?: number;
  ETag?: string;
  LastModified?: Date;
  ContentType?: string;
  ContentEncoding?: string;
  ContentDisposition?: string;
  ContentLanguage?: string;
  CacheControl?: string;
  Metadata?: Record<string, string>;
}): ObjectInfo {
  const info: ObjectInfo = {
    key,
    size: output.ContentLength ?? 0,
    etag: output.ETag!,
    lastModified: output.LastModified!,
    metadata: output.Metadata ?? {},
    contentType: output.ContentType,
    contentEncoding: output.ContentEncoding,
    contentDisposition: output.ContentDisposition,
    contentLanguage: output.ContentLanguage,
    cacheControl: output.CacheControl,
  };
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)) as ObjectInfo;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
