import type { DeleteBucketRequest } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import { inS3Terms, localBucket } from '../access.ts';
import type { S3Deps } from '../deps.ts';
import { bucketRef } from '../resources.ts';

export const deleteBucket = (deps: S3Deps) =>
  defineOperation<DeleteBucketRequest, object>({
    name: 'DeleteBucket',
    readOnly: false,
    category: 'Management',
    resources: (input) => [bucketRef(input.Bucket!)],
    async handler(input, ctx) {
      const name = input.Bucket!;
      await localBucket(deps, name, ctx);
      const local = deps.buckets.local;
      return inS3Terms(() =>
        local.commit(local.stageDeleteBucket(name), (apply) =>
          ctx.mutate(async (tx) => {
            await apply(tx);
            return {};
          }),
        ),
      );
    },
  });
