// Channel configuration rules (docs/FIDELITY.md lists the decisions taken
// where AWS's documentation is silent).
import type { ChannelStorage, RetentionPeriod } from '@aws-sdk/client-iotanalytics';
import { errors } from '../errors.ts';

export interface ChannelConfig {
  storage: ChannelStorage;
  retentionPeriod: RetentionPeriod;
}

/** Exactly one storage kind; service-managed when none is given. */
export function validateChannelStorage(storage: ChannelStorage | undefined): ChannelStorage {
  if (!storage || (!storage.serviceManagedS3 && !storage.customerManagedS3)) return { serviceManagedS3: {} };
  if (storage.serviceManagedS3 && storage.customerManagedS3) {
    throw errors.invalidRequest('Only one of serviceManagedS3 or customerManagedS3 may be specified.');
  }
  return storage;
}

/**
 * AWS echoes retention in normalised form: {numberOfDays: 90} comes back as
 * {numberOfDays: 90, unlimited: false}; channels default to unlimited.
 */
export function channelRetention(retention: RetentionPeriod | undefined, _storage: ChannelStorage): RetentionPeriod {
  if (!retention || (retention.numberOfDays === undefined && !retention.unlimited)) return { unlimited: true };
  if (retention.unlimited && retention.numberOfDays !== undefined) {
    throw errors.invalidRequest('Only one of unlimited or numberOfDays may be specified in retentionPeriod.');
  }
  return retention.unlimited ? { unlimited: true } : { unlimited: false, numberOfDays: retention.numberOfDays };
}
