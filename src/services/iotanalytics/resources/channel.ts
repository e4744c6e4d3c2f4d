// Channel rules: storage (service-managed unless a customer bucket is given,
// its kind fixed at creation), retention (unlimited by default).
import type { Channel, ChannelStorage, ChannelSummary, RetentionPeriod } from '@aws-sdk/client-iotanalytics';
import { errors } from '../errors.ts';
import { setMembers } from './one-of.ts';
import type { StoredResource } from './resource-store.ts';
import { normaliseRetention, retentionOnUpdate, UNLIMITED_RETENTION } from './retention.ts';
import { isCustomerManaged, SERVICE_MANAGED, storageOnUpdate } from './storage.ts';

export interface ChannelConfig {
  storage: ChannelStorage;
  retentionPeriod: RetentionPeriod;
}

export interface ChannelSettings {
  channelStorage?: ChannelStorage;
  retentionPeriod?: RetentionPeriod;
}

/** ChannelStorage is a structure, not a union, in the model: at most one kind may be set. */
function validStorage(storage: ChannelStorage | undefined): ChannelStorage | undefined {
  if (!storage || setMembers(storage).length === 0) return undefined;
  if (setMembers(storage).length > 1) {
    throw errors.invalidRequest('Only one of serviceManagedS3 or customerManagedS3 may be specified.');
  }
  return storage;
}

export function newChannelConfig(settings: ChannelSettings): ChannelConfig {
  return {
    storage: validStorage(settings.channelStorage) ?? SERVICE_MANAGED,
    retentionPeriod: normaliseRetention(settings.retentionPeriod, UNLIMITED_RETENTION),
  };
}

export function updatedChannelConfig(stored: ChannelConfig, settings: ChannelSettings): ChannelConfig {
  const storage = storageOnUpdate(stored.storage, validStorage(settings.channelStorage), 'channel');
  const customerManaged = isCustomerManaged(stored.storage) ? { what: 'channel' } : undefined;
  return {
    storage,
    retentionPeriod: retentionOnUpdate(stored.retentionPeriod, settings.retentionPeriod, UNLIMITED_RETENTION, customerManaged),
  };
}

/** `lastMessageArrivalTime` comes from the data plane; absent before the first message. */
export function channelDescription(channel: StoredResource<ChannelConfig>, lastMessageArrivalTime?: Date): Channel {
  return {
    name: channel.name,
    arn: channel.arn,
    status: 'ACTIVE',
    storage: channel.config.storage,
    retentionPeriod: channel.config.retentionPeriod,
    creationTime: channel.createdAt,
    lastUpdateTime: channel.updatedAt,
    lastMessageArrivalTime,
  };
}

export function channelSummary(channel: StoredResource<ChannelConfig>, lastMessageArrivalTime?: Date): ChannelSummary {
  return {
    channelName: channel.name,
    channelStorage: channel.config.storage,
    status: 'ACTIVE',
    creationTime: channel.createdAt,
    lastUpdateTime: channel.updatedAt,
    lastMessageArrivalTime,
  };
}
