// Range and conditional requests on GetObject
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, RFC 7232/7233).
import type { ByteRange, ObjectInfo } from '../../storage/buckets/bucket-store.ts';
import { errors } from './errors.ts';

/**
 * A single `bytes=` range; anything else (several ranges, other units, bad
 * syntax) is ignored and the whole object is returned, as S3 does.
 */
export function parseRange(header: string | undefined): ByteRange | undefined {
  const m = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') return { suffix: Number(m[2]) };
  const start = Number(m[1]);
  if (m[2] === '') return { start };
  const end = Number(m[2]);
  return end < start ? undefined : { start, end };
}

export interface Conditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

/** Throws 412 PreconditionFailed or 304 NotModified when the object does not meet the conditions. */
export function checkConditions(info: ObjectInfo, conditions: Conditions): void {
  const modified = Math.floor(info.lastModified.getTime() / 1000) * 1000;
  if (conditions.IfMatch !== undefined) {
    if (!etagMatches(info.etag, conditions.IfMatch)) throw errors.preconditionFailed('If-Match');
  } else if (conditions.IfUnmodifiedSince && modified > conditions.IfUnmodifiedSince.getTime()) {
    throw errors.preconditionFailed('If-Unmodified-Since');
  }
  if (conditions.IfNoneMatch !== undefined) {
    if (etagMatches(info.etag, conditions.IfNoneMatch)) throw errors.notModified();
  } else if (conditions.IfModifiedSince && modified <= conditions.IfModifiedSince.getTime()) {
    throw errors.notModified();
  }
}

function etagMatches(etag: string, header: string): boolean {
  const bare = etag.replace(/"/g, '');
  return header.split(',').some((candidate) => {
    const c = candidate.trim().replace(/^W\//, '').replace(/"/g, '');
    return c === '*' || c === bare;
  });
}
