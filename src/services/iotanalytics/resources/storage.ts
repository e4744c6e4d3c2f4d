// Where channels and data stores keep their data. The kind of storage is
// fixed when the resource is created (AWS: "You can't change this storage
// option after the channel is created"); its settings, e.g. the role of a
// customer-managed bucket, may be updated.
import { errors } from '../errors.ts';
import { setMembers } from './one-of.ts';

export const SERVICE_MANAGED = { serviceManagedS3: {} };

export function storageKind(storage: object): string {
  return setMembers(storage)[0] ?? 'serviceManagedS3';
}

export function isCustomerManaged(storage: object): boolean {
  return storageKind(storage) !== 'serviceManagedS3';
}

/** The storage after an update: unchanged when none is given, else of the same kind. */
export function storageOnUpdate<S extends object>(stored: S, given: S | undefined, what: string): S {
  if (!given || setMembers(given).length === 0) return stored;
  if (storageKind(given) !== storageKind(stored)) {
    throw errors.invalidRequest(`The storage type of a ${what} can't be changed after it is created.`);
  }
  return given;
}

/** includeStatistics is documented as unusable "with a channel whose S3 storage is customer-managed". */
export function requireStatisticsSupport(storage: object, what: string): void {
  if (isCustomerManaged(storage)) {
    throw errors.invalidRequest(`includeStatistics can't be used with a ${what} whose S3 storage is customer-managed.`);
  }
}
