// What the data plane keeps about a resource, set up and torn down inside
// the transaction of the control-plane call that creates, updates or
// deletes it.
import type { SqlExecutor } from '../../../storage/db/database.ts';
import type { ChannelConfig } from '../resources/channel.ts';
import type { DatastoreConfig } from '../resources/datastore.ts';
import type { StoredResource } from '../resources/resource-store.ts';
import { compilePipeline } from '../pipeline-engine/index.ts';
import type { PipelineConfig } from '../resources/pipeline.ts';
import { channelObjects } from './channels/archive.ts';
import { channelLog } from './channels/channel-log.ts';
import { datastoreFileIndex } from './datastores/datastore-files.ts';
import { staging } from './datastores/staging.ts';
import { cursors, type PipelineRef } from './pipelines/cursors.ts';
import { reprocessings } from './pipelines/reprocessings.ts';
import { pendingObjects } from './storage/pending-objects.ts';
import type { StorageAreas } from './storage/storage-areas.ts';

const channelOf = (config: PipelineConfig) => compilePipeline(config.activities).channelName;

/** A new pipeline processes the messages that arrive after it is created (older ones by reprocessing). */
export async function pipelineCreated(tx: SqlExecutor, ref: PipelineRef, config: PipelineConfig): Promise<void> {
  await cursors.set(tx, ref, { channel: channelOf(config), afterSeq: await channelLog.headSeq(tx) });
}

/** A pipeline that now reads another channel starts at that channel's newest message; otherwise it goes on where it was. */
export async function pipelineUpdated(tx: SqlExecutor, ref: PipelineRef, config: PipelineConfig): Promise<void> {
  const channel = channelOf(config);
  const cursor = await cursors.get(tx, ref);
  if (cursor?.channel !== channel) await cursors.set(tx, ref, { channel, afterSeq: await channelLog.headSeq(tx) });
}

export async function pipelineDeleted(tx: SqlExecutor, ref: PipelineRef): Promise<void> {
  await cursors.forget(tx, ref);
  await reprocessings.forget(tx, ref);
}

/**
 * Drops a deleted channel's messages and archive index. The archive objects
 * go too when the storage is service-managed; a customer's bucket keeps them.
 */
export async function channelDeleted(tx: SqlExecutor, areas: StorageAreas, channel: StoredResource<ChannelConfig>, now: Date): Promise<void> {
  const where = { region: channel.region, channel: channel.name };
  await channelLog.forget(tx, where);
  const location = areas.forChannel(channel.region, channel.name, channel.config.storage);
  for (;;) {
    const objects = await channelObjects.all(tx, where, 1000);
    if (objects.length === 0) break;
    const keys = objects.map((o) => o.key);
    await channelObjects.remove(tx, where, keys);
    if (!location.customerManaged) await pendingObjects.add(tx, keys.map((key) => ({ area: location.area.id, key })), 'deleting', now);
  }
}

/** Drops a deleted data store's staged rows and file index; its files as for channels. */
export async function datastoreDeleted(tx: SqlExecutor, areas: StorageAreas, datastore: StoredResource<DatastoreConfig>, now: Date): Promise<void> {
  const where = { region: datastore.region, datastore: datastore.name };
  await staging.forget(tx, where);
  const location = areas.forDatastore(datastore.region, datastore.name, datastore.config.storage);
  const keys = (await datastoreFileIndex.list(tx, where)).map((f) => f.key);
  await datastoreFileIndex.remove(tx, where, keys);
  if (!location.customerManaged) await pendingObjects.add(tx, keys.map((key) => ({ area: location.area.id, key })), 'deleting', now);
}
