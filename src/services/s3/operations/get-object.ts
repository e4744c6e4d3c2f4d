import type { GetObjectOutput, GetObjectRequest } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import { BucketStoreError } from '../../../storage/buckets/bucket-store.ts';
import { parseRange } from '../conditions.ts';
import type { S3Deps } from '../deps.ts';
import { errors, fromStoreError } from '../errors.ts';
import { beforeRead, readHeaders } from '../reading.ts';
import { objectRef } from '../resources.ts';

// The body is streamed from the object's file. One byte range is served
// (206 with Content-Range); several ranges or a malformed Range header get
// the whole object, as S3 does.
export const getObject = (deps: S3Deps) =>
  defineOperation<GetObjectRequest, GetObjectOutput>({
    name: 'GetObject',
    readOnly: true,
    category: 'Data',
    resources: (input) => [objectRef(input.Bucket!, input.Key!)],
    async handler(input, ctx) {
      const bucket = input.Bucket!;
      const key = input.Key!;
      await beforeRead(deps, ctx, input);
      const local = deps.buckets.local;
      let content;
      try {
        content = await local.getObject(bucket, key, { range: parseRange(input.Range) });
      } catch (error) {
        if (error instanceof BucketStoreError && error.code === 'InvalidRange') {
          throw errors.invalidRange(input.Range!, (await local.headObject(bucket, key))?.size ?? 0);
        }
        throw fromStoreError(error);
      }
      const { info, body, range } = content;
      let headers: GetObjectOutput;
      try {
        headers = readHeaders(info, input);
      } catch (error) {
        body.destroy();
        throw error;
      }
      return {
        ...headers,
        Body: body as unknown as GetObjectOutput['Body'],
        ContentLength: range ? range.end - range.start + 1 : info.size,
        ContentRange: range && `bytes ${range.start}-${range.end}/${info.size}`,
      };
    },
  });
