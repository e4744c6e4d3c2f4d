// What ListObjects and ListObjectsV2 share: the max-keys rule, the listing of
// a local bucket, and encoding-type=url applied to every key-like element.
import type { _Object, CommonPrefix, Owner } from '@aws-sdk/client-s3';
import type { OperationContext } from '../../pipeline/operation.ts';
import type { ObjectListing } from '../../storage/buckets/bucket-store.ts';
import { MAX_KEYS } from '../../storage/buckets/bucket-store.ts';
import { inS3Terms, localBucket } from './access.ts';
import type { S3Deps } from './deps.ts';
import { errors } from './errors.ts';
import { urlEncodeKey } from './key-encoding.ts';

export interface ListingRequest {
  bucket: string;
  prefix?: string;
  delimiter?: string;
  startAfter?: string;
  maxKeys?: number;
}

export async function listBucket(deps: S3Deps, ctx: OperationContext, request: ListingRequest): Promise<{ listing: ObjectListing; maxKeys: number }> {
  const requested = request.maxKeys ?? MAX_KEYS;
  if (requested < 0) {
    throw errors.invalidArgument('Argument maxKeys must be an integer between 0 and 2147483647', 'maxKeys', String(requested));
  }
  const maxKeys = Math.min(requested, MAX_KEYS);
  await localBucket(deps, request.bucket, ctx);
  const listing = await inS3Terms(() =>
    deps.buckets.local.listObjects(request.bucket, {
      prefix: request.prefix,
      delimiter: request.delimiter,
      startAfter: request.startAfter,
      maxKeys,
    }),
  );
  return { listing, maxKeys };
}

/** The encoder encoding-type asks for: URL-encoding, or none. */
export function keyEncoder(encodingType: string | undefined): (text: string) => string {
  return encodingType === 'url' ? urlEncodeKey : (text) => text;
}

export function contents(listing: ObjectListing, encode: (text: string) => string, owner?: Owner): _Object[] {
  return listing.objects.map((o) => ({
    Key: encode(o.key),
    LastModified: o.lastModified,
    ETag: o.etag,
    Size: o.size,
    StorageClass: 'STANDARD',
    Owner: owner,
  }));
}

export function commonPrefixes(listing: ObjectListing, encode: (text: string) => string): CommonPrefix[] {
  return listing.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) }));
}
