// Between S3's object headers and what the bucket store keeps.
import type { GetObjectOutput, PutObjectRequest } from '@aws-sdk/client-s3';
import type { ObjectInfo, PutObjectOptions } from '../../storage/buckets/bucket-store.ts';
import { errors } from './errors.ts';

/** S3 gives objects stored without a Content-Type this one. */
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';
const MAX_METADATA_BYTES = 2048;

export function putOptions(input: PutObjectRequest): PutObjectOptions {
  const metadata = Object.fromEntries(Object.entries(input.Metadata ?? {}).map(([k, v]) => [k.toLowerCase(), fromHeader(v)]));
  const size = Object.entries(metadata).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (size > MAX_METADATA_BYTES) throw errors.metadataTooLarge(size);
  return {
    contentType: input.ContentType ?? DEFAULT_CONTENT_TYPE,
    contentEncoding: input.ContentEncoding,
    contentDisposition: input.ContentDisposition,
    contentLanguage: input.ContentLanguage,
    cacheControl: input.CacheControl,
    metadata,
  };
}

export function objectHeaders(info: ObjectInfo): GetObjectOutput {
  return {
    AcceptRanges: 'bytes',
    LastModified: info.lastModified,
    ContentLength: info.size,
    ETag: info.etag,
    CacheControl: info.cacheControl,
    ContentDisposition: info.contentDisposition,
    ContentEncoding: info.contentEncoding,
    ContentLanguage: info.contentLanguage,
    ContentType: info.contentType ?? DEFAULT_CONTENT_TYPE,
    Metadata: Object.fromEntries(Object.entries(info.metadata).map(([k, v]) => [k, toHeader(v)])),
  };
}

/**
 * Header values arrive as Latin-1 text of the bytes sent; clients send UTF-8.
 * (S3 stores non-ASCII metadata as UTF-8 and returns it RFC 2047-encoded.)
 */
function fromHeader(value: string): string {
  if (!/[^\x00-\x7f]/.test(value)) return value;
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? value : utf8;
}

function toHeader(value: string): string {
  return /[^\x20-\x7e]/.test(value) ? `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=` : value;
}
