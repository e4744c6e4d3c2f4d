// Amazon S3 (2006-03-01, restXml): the subset the server's buckets need —
// buckets, single-request object reads and writes, listings — over the local
// bucket store. Every other model operation is explicitly not built.
import { notImplemented } from '../../pipeline/operation.ts';
import { defineService, type ServiceDefinition } from '../../pipeline/service-definition.ts';
import { ServiceModel, vendoredModelPath } from '../../protocol/model/service-model.ts';
import type { S3Deps } from './deps.ts';
import { errors } from './errors.ts';
import { createBucket } from './operations/create-bucket.ts';
import { deleteBucket } from './operations/delete-bucket.ts';
import { deleteObject } from './operations/delete-object.ts';
import { getBucketLocation } from './operations/get-bucket-location.ts';
import { getObject } from './operations/get-object.ts';
import { headBucket } from './operations/head-bucket.ts';
import { headObject } from './operations/head-object.ts';
import { listBuckets } from './operations/list-buckets.ts';
import { listObjects } from './operations/list-objects.ts';
import { listObjectsV2 } from './operations/list-objects-v2.ts';
import { putObject } from './operations/put-object.ts';
import { S3Protocol } from './s3-protocol.ts';

const MULTIPART = 'multipart uploads; single PutObject requests up to the request size limit work (docs/FIDELITY.md, "S3 subset")';
const OBJECTS = 'object features beyond the S3 subset: copies, batch deletes, versions, tags, ACLs, locks, restore, select';
const CONFIGURATION = 'bucket configuration beyond the S3 subset (ACL, policy, CORS, lifecycle, encryption, logging, …)';

const NOT_BUILT: Record<string, string[]> = {
  [MULTIPART]: ['AbortMultipartUpload', 'CompleteMultipartUpload', 'CreateMultipartUpload', 'ListMultipartUploads', 'ListParts', 'UploadPart', 'UploadPartCopy'],
  [OBJECTS]: [
    'CopyObject', 'DeleteObjects', 'DeleteObjectTagging', 'GetObjectAcl', 'GetObjectAttributes', 'GetObjectLegalHold',
    'GetObjectRetention', 'GetObjectTagging', 'GetObjectTorrent', 'ListObjectVersions', 'PutObjectAcl', 'PutObjectLegalHold',
    'PutObjectRetention', 'PutObjectTagging', 'RestoreObject', 'SelectObjectContent', 'WriteGetObjectResponse',
  ],
  [CONFIGURATION]: [
    'DeleteBucketAnalyticsConfiguration', 'DeleteBucketCors', 'DeleteBucketEncryption', 'DeleteBucketIntelligentTieringConfiguration',
    'DeleteBucketInventoryConfiguration', 'DeleteBucketLifecycle', 'DeleteBucketMetricsConfiguration', 'DeleteBucketOwnershipControls',
    'DeleteBucketPolicy', 'DeleteBucketReplication', 'DeleteBucketTagging', 'DeleteBucketWebsite', 'DeletePublicAccessBlock',
    'GetBucketAccelerateConfiguration', 'GetBucketAcl', 'GetBucketAnalyticsConfiguration', 'GetBucketCors', 'GetBucketEncryption',
    'GetBucketIntelligentTieringConfiguration', 'GetBucketInventoryConfiguration', 'GetBucketLifecycle', 'GetBucketLifecycleConfiguration',
    'GetBucketLogging', 'GetBucketMetricsConfiguration', 'GetBucketNotification', 'GetBucketNotificationConfiguration',
    'GetBucketOwnershipControls', 'GetBucketPolicy', 'GetBucketPolicyStatus', 'GetBucketReplication', 'GetBucketRequestPayment',
    'GetBucketTagging', 'GetBucketVersioning', 'GetBucketWebsite', 'GetObjectLockConfiguration', 'GetPublicAccessBlock',
    'ListBucketAnalyticsConfigurations', 'ListBucketIntelligentTieringConfigurations', 'ListBucketInventoryConfigurations',
    'ListBucketMetricsConfigurations', 'PutBucketAccelerateConfiguration', 'PutBucketAcl', 'PutBucketAnalyticsConfiguration',
    'PutBucketCors', 'PutBucketEncryption', 'PutBucketIntelligentTieringConfiguration', 'PutBucketInventoryConfiguration',
    'PutBucketLifecycle', 'PutBucketLifecycleConfiguration', 'PutBucketLogging', 'PutBucketMetricsConfiguration',
    'PutBucketNotification', 'PutBucketNotificationConfiguration', 'PutBucketOwnershipControls', 'PutBucketPolicy',
    'PutBucketReplication', 'PutBucketRequestPayment', 'PutBucketTagging', 'PutBucketVersioning', 'PutBucketWebsite',
    'PutObjectLockConfiguration', 'PutPublicAccessBlock',
  ],
};

export function createS3Service(deps: S3Deps): ServiceDefinition {
  const model = ServiceModel.load(vendoredModelPath('s3'));
  return defineService({
    model,
    protocol: new S3Protocol(model),
    s3Signing: true,
    // S3 has no Coral validation layer; a value the model forbids is an InvalidArgument.
    validationError: (message) => errors.invalidArgument(message),
    operations: [
      createBucket(deps),
      deleteBucket(deps),
      headBucket(deps),
      listBuckets(deps),
      getBucketLocation(deps),
      listObjects(deps),
      listObjectsV2(deps),
      getObject(deps),
      headObject(deps),
      putObject(deps),
      deleteObject(deps),
      ...Object.entries(NOT_BUILT).flatMap(([plan, names]) => names.map((name) => notImplemented(name, plan))),
    ],
  });
}
