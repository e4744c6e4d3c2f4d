// What trail delivery and digest writing do when a bucket fails: retry after
// 1 s, doubling up to 5 minutes, nothing skipped meanwhile; GetTrailStatus
// shows S3's error code.
import { S3ServiceException } from '@aws-sdk/client-s3';
import { BucketStoreError } from '../../storage/buckets/bucket-store.ts';

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 5 * 60 * 1000;

/** Exponential back-off per key (a trail's ARN). */
export class RetryBackoff {
  private readonly entries = new Map<string, { failures: number; nextAttemptAt: number }>();

  /** Whether `key` failed lately and must not be tried again before its back-off ends. */
  waiting(key: string, now: Date): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && now.getTime() < entry.nextAttemptAt;
  }

  /** Records a failure; returns how long to wait before the next attempt, in ms. */
  failed(key: string, now: Date): number {
    const failures = (this.entries.get(key)?.failures ?? 0) + 1;
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (failures - 1));
    this.entries.set(key, { failures, nextAttemptAt: now.getTime() + delay });
    return delay;
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }
}

/**
 * The error as GetTrailStatus shows it: S3's error code (NoSuchBucket,
 * AccessDenied, …). A bucket that cannot be reached at all has no S3 code:
 * it shows as ServiceUnavailable (docs/FIDELITY.md, "Trails").
 */
export function s3ErrorCode(error: unknown): string {
  if (error instanceof BucketStoreError) return error.code;
  if (error instanceof S3ServiceException) return error.name;
  return 'ServiceUnavailable';
}
