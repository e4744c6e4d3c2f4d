import type { HeadObjectOutput, HeadObjectRequest } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { S3Deps } from '../deps.ts';
import { errors } from '../errors.ts';
import { beforeRead, readHeaders } from '../reading.ts';
import { objectRef } from '../resources.ts';

// IAM checks s3:GetObject for HeadObject; its 404 has no body (HEAD).
export const headObject = (deps: S3Deps) =>
  defineOperation<HeadObjectRequest, HeadObjectOutput>({
    name: 'HeadObject',
    readOnly: true,
    category: 'Data',
    action: 's3:GetObject',
    resources: (input) => [objectRef(input.Bucket!, input.Key!)],
    async handler(input, ctx) {
      await beforeRead(deps, ctx, input);
      const info = await deps.buckets.local.headObject(input.Bucket!, input.Key!);
      if (!info) throw errors.noSuchKey(input.Key!);
      return readHeaders(info, input) as HeadObjectOutput;
    },
  });
