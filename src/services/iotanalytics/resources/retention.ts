// Retention periods: normalised the way AWS echoes them ({numberOfDays: 90}
// comes back as {numberOfDays: 90, unlimited: false}), with each kind's
// default when none is given (AWS CLI examples: channels and data stores
// unlimited, datasets 90 days).
import type { RetentionPeriod } from '@aws-sdk/client-iotanalytics';
import { isDeepStrictEqual } from 'node:util';
import { errors } from '../errors.ts';

export const UNLIMITED_RETENTION: RetentionPeriod = { unlimited: true };
export const DATASET_DEFAULT_RETENTION: RetentionPeriod = { unlimited: false, numberOfDays: 90 };

export function normaliseRetention(given: RetentionPeriod | undefined, fallback: RetentionPeriod): RetentionPeriod {
  if (!given || (given.numberOfDays === undefined && !given.unlimited)) return { ...fallback };
  if (given.unlimited && given.numberOfDays !== undefined) {
    throw errors.invalidRequest('Only one of unlimited or numberOfDays may be specified in retentionPeriod.');
  }
  return given.unlimited ? { unlimited: true } : { unlimited: false, numberOfDays: given.numberOfDays };
}

/**
 * Update* replaces the retention (omitted means the default again), except on
 * customer-managed storage, where AWS documents that it "can't be updated":
 * there it may only be omitted or repeated unchanged.
 */
export function retentionOnUpdate(
  stored: RetentionPeriod,
  given: RetentionPeriod | undefined,
  fallback: RetentionPeriod,
  customerManaged: { what: string } | undefined,
): RetentionPeriod {
  if (!customerManaged) return normaliseRetention(given, fallback);
  if (given === undefined || isDeepStrictEqual(normaliseRetention(given, fallback), stored)) return stored;
  throw errors.invalidRequest(`The retention period can't be updated for a ${customerManaged.what} whose S3 storage is customer-managed.`);
}
