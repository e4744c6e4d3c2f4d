// The checks every bucket-level and object-level call makes first: the bucket
// is one of ours (a bucket declared remote is answered with S3's redirect to
// its endpoint), it exists, and the request was signed for its Region, as S3
// requires (clients retry in the Region the error names).
import type { OperationContext } from '../../pipeline/operation.ts';
import type { BucketInfo } from '../../storage/buckets/bucket-store.ts';
import type { S3Deps } from './deps.ts';
import { errors, fromStoreError } from './errors.ts';

export async function localBucket(deps: S3Deps, bucket: string, ctx: OperationContext, options: { anyRegion?: boolean } = {}): Promise<BucketInfo> {
  const remote = deps.buckets.remote(bucket);
  if (remote) throw errors.permanentRedirect(bucket, remote.endpoint ? new URL(remote.endpoint).host : `s3.${remote.region}.amazonaws.com`);
  const info = await deps.buckets.local.getBucket(bucket);
  if (!info) throw errors.noSuchBucket(bucket);
  if (!options.anyRegion && info.region !== ctx.region) throw errors.wrongRegion(ctx.region, info.region);
  return info;
}

/** Runs a store call, turning its failures into S3's errors. */
export async function inS3Terms<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromStoreError(error);
  }
}
