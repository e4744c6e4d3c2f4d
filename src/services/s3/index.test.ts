// What the S3 service declares around its handlers: IAM actions as S3 names
// them, and CloudTrail's split between management and data events (S3 user
// guide, "Amazon S3 CloudTrail events": bucket-level calls are management
// events; object-level calls, ListObjects(V2) and HeadBucket are data events).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isNotImplemented, type OperationSpec } from '../../pipeline/operation.ts';
import { createS3Service } from './index.ts';

describe('S3 service definition', () => {
  const service = createS3Service({ buckets: {} as never, tokens: {} as never });
  const built = [...service.operations.values()].filter((op) => !isNotImplemented(op)) as OperationSpec[];

  it('builds the subset and marks every other model operation as not built', () => {
    assert.deepEqual(built.map((op) => op.name).sort(), [
      'CreateBucket', 'DeleteBucket', 'DeleteObject', 'GetBucketLocation', 'GetObject', 'HeadBucket',
      'HeadObject', 'ListBuckets', 'ListObjects', 'ListObjectsV2', 'PutObject',
    ]);
    assert.equal(service.operations.size, service.model.operations.size);
  });

  it('names IAM actions and CloudTrail categories as S3 does', () => {
    const facts = Object.fromEntries(built.map((op) => [op.name, [op.action ?? `s3:${op.name}`, op.category, op.readOnly]]));
    assert.deepEqual(facts, {
      CreateBucket: ['s3:CreateBucket', 'Management', false],
      DeleteBucket: ['s3:DeleteBucket', 'Management', false],
      ListBuckets: ['s3:ListAllMyBuckets', 'Management', true],
      GetBucketLocation: ['s3:GetBucketLocation', 'Management', true],
      HeadBucket: ['s3:ListBucket', 'Data', true],
      ListObjects: ['s3:ListBucket', 'Data', true],
      ListObjectsV2: ['s3:ListBucket', 'Data', true],
      GetObject: ['s3:GetObject', 'Data', true],
      HeadObject: ['s3:GetObject', 'Data', true],
      PutObject: ['s3:PutObject', 'Data', false],
      DeleteObject: ['s3:DeleteObject', 'Data', false],
    });
  });

  it('names S3 resources by ARN', () => {
    const spec = (name: string) => built.find((op) => op.name === name)!;
    assert.deepEqual(spec('GetObject').resources!({ Bucket: 'b', Key: 'k/1' }, {} as never), [{ arn: 'arn:aws:s3:::b/k/1', type: 'AWS::S3::Object' }]);
    assert.deepEqual(spec('ListObjects').resources!({ Bucket: 'b' }, {} as never), [{ arn: 'arn:aws:s3:::b', type: 'AWS::S3::Bucket' }]);
  });
});
