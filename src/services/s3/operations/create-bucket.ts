import type { CreateBucketOutput, CreateBucketRequest } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import { inS3Terms } from '../access.ts';
import { isValidBucketName } from '../../../storage/buckets/bucket-names.ts';
import type { S3Deps } from '../deps.ts';
import { errors } from '../errors.ts';
import { bucketRef } from '../resources.ts';

export const createBucket = (deps: S3Deps) =>
  defineOperation<CreateBucketRequest, CreateBucketOutput>({
    name: 'CreateBucket',
    readOnly: false,
    category: 'Management',
    resources: (input) => [bucketRef(input.Bucket!)],
    async handler(input, ctx) {
      const name = input.Bucket!;
      if (!isValidBucketName(name)) throw errors.invalidBucketName(name);
      if (deps.buckets.remote(name)) throw errors.bucketAlreadyExists(name);
      // Any Region name: ours are whatever clients sign with (see model/SOURCE.md).
      const constraint = input.CreateBucketConfiguration?.LocationConstraint as string | undefined;
      // S3 wants no constraint for us-east-1 and refuses one naming it; "EU" is eu-west-1's legacy name.
      if (constraint === 'us-east-1') throw errors.invalidLocationConstraint(constraint);
      const region = constraint === 'EU' ? 'eu-west-1' : (constraint ?? 'us-east-1');
      // Only the us-east-1 endpoint creates buckets in other Regions.
      if (ctx.region !== 'us-east-1' && region !== ctx.region) throw errors.illegalLocationConstraint(constraint);
      const output = { Location: `/${name}` };
      const local = deps.buckets.local;
      // S3's legacy behaviour: re-creating a bucket you own in us-east-1 succeeds and changes nothing.
      const existing = await local.getBucket(name);
      if (existing?.region === 'us-east-1' && region === 'us-east-1') return output;
      return inS3Terms(() =>
        local.commit(local.stageCreateBucket(name, region), (apply) =>
          ctx.mutate(async (tx) => {
            await apply(tx);
            return output;
          }),
        ),
      );
    },
  });
