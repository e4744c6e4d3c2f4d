// S3 errors. The codes and texts are S3's own (Amazon S3 API Reference,
// "Error responses", and captures listed in /work/notes/auth-errors.md §3);
// the extra elements S3 puts beside <Message> are the fields, in S3's order.
// Modelled errors (NoSuchBucket, NoSuchKey, BucketAlreadyExists,
// BucketAlreadyOwnedByYou) take their status from the model.
import { ApiError } from '../../protocol/errors.ts';
import { BucketStoreError } from '../../storage/buckets/bucket-store.ts';

const err = (code: string, message: string, status: number | undefined, fields: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  new ApiError(code, message, { status, fields, headers });

export const errors = {
  noSuchBucket: (bucket: string) => err('NoSuchBucket', 'The specified bucket does not exist', undefined, { BucketName: bucket }),
  noSuchKey: (key: string) => err('NoSuchKey', 'The specified key does not exist.', undefined, { Key: key }),
  bucketNotEmpty: (bucket: string) =>
    err('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket }),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    err('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', undefined, {
      BucketName: bucket,
    }),
  bucketAlreadyExists: (bucket: string) =>
    err(
      'BucketAlreadyExists',
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      undefined,
      { BucketName: bucket },
    ),
  invalidBucketName: (bucket: string) => err('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket }),
  invalidArgument: (message: string, name?: string, value?: string) =>
    err('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value }),
  invalidRequest: (message: string) => err('InvalidRequest', message, 400),
  invalidRange: (requested: string, size: number) =>
    err('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: requested, ActualObjectSize: size }),
  keyTooLong: (size: number) => err('KeyTooLongError', 'Your key is too long', 400, { MaxSizeAllowed: 1024, Size: size }),
  metadataTooLarge: (size: number) =>
    err('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', 400, { Size: size, MaxSizeAllowed: 2048 }),
  invalidDigest: (contentMd5: string) => err('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': contentMd5 }),
  badDigest: (expected: string, calculated: string) =>
    err('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
      ExpectedDigest: expected,
      CalculatedDigest: calculated,
    }),
  badChecksum: (algorithm: string) => err('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400),
  incompleteBody: () => err('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', 400),
  illegalLocationConstraint: (constraint: string | undefined) =>
    err(
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    ),
  invalidLocationConstraint: (constraint: string) =>
    err('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: constraint }),
  /** A request signed for another region than the bucket's; clients retry in the Region given. */
  wrongRegion: (signed: string, actual: string) =>
    err(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${signed}' is wrong; expecting '${actual}'`,
      400,
      { Region: actual },
      { 'x-amz-bucket-region': actual },
    ),
  permanentRedirect: (bucket: string, endpoint: string) =>
    err(
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      301,
      { Bucket: bucket, Endpoint: endpoint },
    ),
  preconditionFailed: (condition: string) =>
    err('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition }),
  notModified: () => err('NotModified', 'Not Modified', 304),
  malformedXml: () =>
    err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400),
  methodNotAllowed: (method: string, resourceType: string) =>
    err('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: resourceType }),
  accessDenied: (message = 'Access Denied', fields: Record<string, unknown> = {}) => err('AccessDenied', message, 403, fields),
  notImplemented: (message: string) => err('NotImplemented', message, 501),
  internalError: () => err('InternalError', 'We encountered an internal error. Please try again.', 500),
};

/** The S3 error for a bucket store's failure; anything else passes through. */
export function fromStoreError(error: unknown, range?: { requested: string; size: number }): unknown {
  if (!(error instanceof BucketStoreError)) return error;
  switch (error.code) {
    case 'InvalidBucketName':
      return errors.invalidBucketName(error.bucket);
    case 'NoSuchBucket':
      return errors.noSuchBucket(error.bucket);
    case 'NoSuchKey':
      return errors.noSuchKey(error.key ?? '');
    case 'BucketNotEmpty':
      return errors.bucketNotEmpty(error.bucket);
    case 'BucketAlreadyExists':
      return errors.bucketAlreadyOwnedByYou(error.bucket);
    case 'InvalidRange':
      return errors.invalidRange(range?.requested ?? '', range?.size ?? 0);
  }
}
