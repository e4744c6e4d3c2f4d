// What GetObject and HeadObject share: the checks before an object is read
// and the headers it is answered with.
import type { GetObjectOutput, GetObjectRequest } from '@aws-sdk/client-s3';
import type { OperationContext } from '../../pipeline/operation.ts';
import type { ObjectInfo } from '../../storage/buckets/bucket-store.ts';
import { localBucket } from './access.ts';
import { checkConditions } from './conditions.ts';
import type { S3Deps } from './deps.ts';
import { errors } from './errors.ts';
import { objectHeaders } from './object-headers.ts';

type ReadRequest = Pick<
  GetObjectRequest,
  | 'Bucket'
  | 'VersionId'
  | 'IfMatch'
  | 'IfNoneMatch'
  | 'IfModifiedSince'
  | 'IfUnmodifiedSince'
  | 'ResponseCacheControl'
  | 'ResponseContentDisposition'
  | 'ResponseContentEncoding'
  | 'ResponseContentLanguage'
  | 'ResponseContentType'
  | 'ResponseExpires'
>;

/** Buckets are unversioned: the only version of an object is "null". */
export async function beforeRead(deps: S3Deps, ctx: OperationContext, input: ReadRequest): Promise<void> {
  await localBucket(deps, input.Bucket!, ctx);
  if (input.VersionId !== undefined && input.VersionId !== 'null') {
    throw errors.invalidArgument('Invalid version id specified', 'versionId', input.VersionId);
  }
}

/** The object's headers after its conditions held, with the response-* overrides a (presigned) request asks for. */
export function readHeaders(info: ObjectInfo, input: ReadRequest): GetObjectOutput {
  checkConditions(info, input);
  const headers = objectHeaders(info);
  return {
    ...headers,
    CacheControl: input.ResponseCacheControl ?? headers.CacheControl,
    ContentDisposition: input.ResponseContentDisposition ?? headers.ContentDisposition,
    ContentEncoding: input.ResponseContentEncoding ?? headers.ContentEncoding,
    ContentLanguage: input.ResponseContentLanguage ?? headers.ContentLanguage,
    ContentType: input.ResponseContentType ?? headers.ContentType,
    Expires: input.ResponseExpires,
  };
}
