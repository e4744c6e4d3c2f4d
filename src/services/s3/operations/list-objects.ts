import type { ListObjectsOutput, ListObjectsRequest } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { S3Deps } from '../deps.ts';
import { commonPrefixes, contents, keyEncoder, listBucket } from '../listing.ts';
import { accountOwner } from '../owner.ts';
import { bucketRef } from '../resources.ts';

// Listing is logged with the data events (as ListObjectsV2 is documented to
// be), and IAM checks s3:ListBucket. NextMarker is only given with a
// delimiter; without one, clients continue after the last key.
export const listObjects = (deps: S3Deps) =>
  defineOperation<ListObjectsRequest, ListObjectsOutput>({
    name: 'ListObjects',
    readOnly: true,
    category: 'Data',
    action: 's3:ListBucket',
    resources: (input) => [bucketRef(input.Bucket!)],
    async handler(input, ctx) {
      const { listing, maxKeys } = await listBucket(deps, ctx, {
        bucket: input.Bucket!,
        prefix: input.Prefix,
        delimiter: input.Delimiter,
        startAfter: input.Marker,
        maxKeys: input.MaxKeys,
      });
      const encode = keyEncoder(input.EncodingType);
      return {
        Name: input.Bucket,
        Prefix: encode(input.Prefix ?? ''),
        Marker: encode(input.Marker ?? ''),
        MaxKeys: maxKeys,
        Delimiter: input.Delimiter === undefined ? undefined : encode(input.Delimiter),
        IsTruncated: listing.isTruncated,
        Contents: contents(listing, encode, accountOwner(ctx.accountId)),
        CommonPrefixes: commonPrefixes(listing, encode),
        NextMarker: input.Delimiter && listing.nextMarker !== undefined ? encode(listing.nextMarker) : undefined,
        EncodingType: input.EncodingType,
      };
    },
  });
