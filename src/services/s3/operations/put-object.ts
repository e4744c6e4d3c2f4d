import type { PutObjectOutput, PutObjectRequest } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import { inS3Terms, localBucket } from '../access.ts';
import { verifyChecksums } from '../checksums.ts';
import type { S3Deps } from '../deps.ts';
import { errors } from '../errors.ts';
import { putOptions } from '../object-headers.ts';
import { objectRef } from '../resources.ts';

/** S3's limit on key length, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;

// The object's file is written and synced before the call's transaction; the
// object becomes visible in the same commit as the call's audit record.
export const putObject = (deps: S3Deps) =>
  defineOperation<PutObjectRequest, PutObjectOutput>({
    name: 'PutObject',
    readOnly: false,
    category: 'Data',
    resources: (input) => [objectRef(input.Bucket!, input.Key!)],
    async handler(input, ctx) {
      const bucket = input.Bucket!;
      const key = input.Key!;
      await localBucket(deps, bucket, ctx);
      if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw errors.keyTooLong(Buffer.byteLength(key));
      const body = (input.Body as unknown as Buffer | undefined) ?? Buffer.alloc(0);
      const checksums = verifyChecksums(body, input);
      const options = putOptions(input);
      const local = deps.buckets.local;
      return inS3Terms(async () =>
        local.commit(await local.stagePut(bucket, key, body, options), (apply) =>
          ctx.mutate(async (tx) => {
            const info = await apply(tx);
            return { ETag: info.etag, ...checksums };
          }),
        ),
      );
    },
  });
