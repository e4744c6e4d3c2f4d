import type { ListBucketsOutput } from '@aws-sdk/client-s3';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { S3Deps } from '../deps.ts';
import { accountOwner } from '../owner.ts';

// Lists the local buckets of every Region, as S3 lists all of an account's buckets.
export const listBuckets = (deps: S3Deps) =>
  defineOperation<object, ListBucketsOutput>({
    name: 'ListBuckets',
    readOnly: true,
    category: 'Management',
    action: 's3:ListAllMyBuckets',
    async handler(_input, ctx) {
      const buckets = await deps.buckets.local.listBuckets();
      return {
        Buckets: buckets.map((b) => ({ Name: b.name, CreationDate: b.creationDate })),
        Owner: accountOwner(ctx.accountId),
      };
    },
  });
