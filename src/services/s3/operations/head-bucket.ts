import type { HeadBucketRequest } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import { localBucket } from '../access.ts';
import type { S3Deps } from '../deps.ts';
import { bucketRef } from '../resources.ts';

// A data event: CloudTrail logs HeadBucket with the object-level actions
// (S3 user guide, "Amazon S3 CloudTrail events"); IAM checks s3:ListBucket.
export const headBucket = (deps: S3Deps) =>
  defineOperation<HeadBucketRequest, object>({
    name: 'HeadBucket',
    readOnly: true,
    category: 'Data',
    action: 's3:ListBucket',
    resources: (input) => [bucketRef(input.Bucket!)],
    async handler(input, ctx) {
      await localBucket(deps, input.Bucket!, ctx);
      return {};
    },
  });
