import type { ListObjectsV2Output, ListObjectsV2Request } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { S3Deps } from '../deps.ts';
import { errors } from '../errors.ts';
import { commonPrefixes, contents, keyEncoder, listBucket } from '../listing.ts';
import { accountOwner } from '../owner.ts';
import { bucketRef } from '../resources.ts';

// Continuation tokens are opaque and MAC'd: the key to continue after, bound
// to the bucket, so an edited or foreign token is refused as S3 refuses it.
export const listObjectsV2 = (deps: S3Deps) =>
  defineOperation<ListObjectsV2Request, ListObjectsV2Output>({
    name: 'ListObjectsV2',
    readOnly: true,
    category: 'Data',
    action: 's3:ListBucket',
    resources: (input) => [bucketRef(input.Bucket!)],
    async handler(input, ctx) {
      const bucket = input.Bucket!;
      const scope = `s3:ListObjectsV2:${bucket}`;
      let startAfter = input.StartAfter;
      if (input.ContinuationToken !== undefined) {
        startAfter = deps.tokens.decode<string>(scope, input.ContinuationToken);
        if (startAfter === undefined) {
          throw errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token');
        }
      }
      const { listing, maxKeys } = await listBucket(deps, ctx, {
        bucket,
        prefix: input.Prefix,
        delimiter: input.Delimiter,
        startAfter,
        maxKeys: input.MaxKeys,
      });
      const encode = keyEncoder(input.EncodingType);
      return {
        Name: bucket,
        Prefix: encode(input.Prefix ?? ''),
        MaxKeys: maxKeys,
        KeyCount: listing.objects.length + listing.commonPrefixes.length,
        Delimiter: input.Delimiter === undefined ? undefined : encode(input.Delimiter),
        IsTruncated: listing.isTruncated,
        Contents: contents(listing, encode, input.FetchOwner ? accountOwner(ctx.accountId) : undefined),
        CommonPrefixes: commonPrefixes(listing, encode),
        EncodingType: input.EncodingType,
        ContinuationToken: input.ContinuationToken,
        NextContinuationToken: listing.nextMarker === undefined ? undefined : deps.tokens.encode(scope, listing.nextMarker),
        StartAfter: input.StartAfter === undefined ? undefined : encode(input.StartAfter),
      };
    },
  });
