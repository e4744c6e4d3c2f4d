import type { GetBucketLocationOutput, GetBucketLocationRequest } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import { localBucket } from '../access.ts';
import type { S3Deps } from '../deps.ts';
import { bucketRef } from '../resources.ts';

// Answered whatever Region the request was signed for: clients (aws
// cloudtrail validate-logs among them) ask it to learn which Region to use.
export const getBucketLocation = (deps: S3Deps) =>
  defineOperation<GetBucketLocationRequest, GetBucketLocationOutput>({
    name: 'GetBucketLocation',
    readOnly: true,
    category: 'Management',
    resources: (input) => [bucketRef(input.Bucket!)],
    async handler(input, ctx) {
      const bucket = await localBucket(deps, input.Bucket!, ctx, { anyRegion: true });
      // us-east-1 buckets have an empty LocationConstraint.
      return bucket.region === 'us-east-1' ? {} : { LocationConstraint: bucket.region as GetBucketLocationOutput['LocationConstraint'] };
    },
  });
