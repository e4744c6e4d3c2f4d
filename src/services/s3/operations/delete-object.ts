import type { DeleteObjectOutput, DeleteObjectRequest } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import { inS3Terms, localBucket } from '../access.ts';
import type { S3Deps } from '../deps.ts';
import { objectRef } from '../resources.ts';

// Deleting a key that does not exist succeeds (204), as in S3.
export const deleteObject = (deps: S3Deps) =>
  defineOperation<DeleteObjectRequest, DeleteObjectOutput>({
    name: 'DeleteObject',
    readOnly: false,
    category: 'Data',
    resources: (input) => [objectRef(input.Bucket!, input.Key!)],
    async handler(input, ctx) {
      await localBucket(deps, input.Bucket!, ctx);
      const local = deps.buckets.local;
      return inS3Terms(() =>
        local.commit(local.stageDelete(input.Bucket!, input.Key!), (apply) =>
          ctx.mutate(async (tx) => {
            await apply(tx);
            return {};
          }),
        ),
      );
    },
  });
