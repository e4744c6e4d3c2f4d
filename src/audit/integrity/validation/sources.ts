// What the validation walk reads, kept apart from how it is reached: the
// trail's buckets (the local bucket store, or any S3 endpoint through
// RemoteBucketStore, our own server's S3 API included) and the Region's
// public keys (ListPublicKeys, or the key store directly).
import type { BucketStore } from '../../../storage/buckets/bucket-store.ts';

export type BucketReader = Pick<BucketStore, 'listObjects' | 'getObject'>;

export interface ValidationSources {
  /** The store holding `bucket` (Buckets.storeFor has this shape). */
  storeFor(bucket: string): BucketReader;
  /** ListPublicKeys for [start, end] in the Region being validated. */
  publicKeys(start: Date, end: Date): Promise<{ fingerprint: string; value: Uint8Array }[]>;
}

/**
 * A storage or CloudTrail service answered with an error (other than a
 * missing object): awscli lets its ClientError abort the run (exit 254), with
 * botocore's text.
 */
export class ServiceCallError extends Error {
  constructor(operation: string, code: string, message: string) {
    super(`An error occurred (${code}) when calling the ${operation} operation: ${message}`);
  }
}
