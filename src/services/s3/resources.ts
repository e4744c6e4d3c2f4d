// S3 resources as IAM and CloudTrail name them: arn:aws:s3:::bucket and
// arn:aws:s3:::bucket/key (no region, no account).
import type { ResourceRef } from '../../pipeline/operation.ts';

export const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;

export const bucketRef = (bucket: string): ResourceRef => ({ arn: bucketArn(bucket), type: 'AWS::S3::Bucket' });

/**
 * The object an object-level call acts on. IAM evaluates s3:GetObject and
 * friends against the object's ARN only; CloudTrail's record of such a data
 * event lists the bucket too, which the recorder can derive from this ARN.
 */
export const objectRef = (bucket: string, key: string): ResourceRef => ({ arn: `${bucketArn(bucket)}/${key}`, type: 'AWS::S3::Object' });
