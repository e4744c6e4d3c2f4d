// Enforces retentionPeriod: archive objects of a channel whose 30-second
// window ended, and data-store files whose `__dt` day ended, more than
// numberOfDays ago are dropped. As AWS documents, retention applies to
// service-managed storage only: what is in a customer's bucket stays. Messages
// a pipeline has not processed yet are kept until it has (they are still in
// the database), so retention never loses a message before it is stored.
import type { RetentionPeriod } from '@aws-sdk/client-iotanalytics';
import type { Clock } from '../../../lib/clock.ts';
import type { Database } from '../../../storage/db/database.ts';
import type { ChannelConfig } from '../resources/channel.ts';
import type { DatastoreConfig } from '../resources/datastore.ts';
import { resourceStore } from '../resources/resource-store.ts';
import { isCustomerManaged } from '../resources/storage.ts';
import { channelObjects } from './channels/archive.ts';
import { datastoreFileIndex } from './datastores/datastore-files.ts';
import { pendingObjects } from './storage/pending-objects.ts';
import type { StorageAreas } from './storage/storage-areas.ts';

const DAY_MS = 86_400_000;
const BATCH = 500;

export interface RetentionOptions {
  db: Database;
  areas: StorageAreas;
  clock: Clock;
}

/** Drops what is past retention; the objects go with the next deletion of pending objects. True when more is due. */
export async function enforceRetention(options: RetentionOptions): Promise<boolean> {
  const { db, clock } = options;
  const now = clock.now();
  let more = false;
  for (const region of await regions(db)) {
    for (const channel of await resourceStore.all<ChannelConfig>(db.reader, region, 'channel')) {
      const cutoff = cutoffOf(channel.config.retentionPeriod, channel.config.storage, now);
      if (cutoff === undefined) continue;
      const where = { region, channel: channel.name };
      const expired = await channelObjects.endedBefore(db.reader, where, cutoff, BATCH);
      if (expired.length === 0) continue;
      const area = options.areas.forChannel(region, channel.name, channel.config.storage).area;
      await db.transaction(async (tx) => {
        await channelObjects.remove(tx, where, expired.map((o) => o.key));
        await pendingObjects.add(tx, expired.map((o) => ({ area: area.id, key: o.key })), 'deleting', now);
      });
      more ||= expired.length === BATCH;
    }
    for (const datastore of await resourceStore.all<DatastoreConfig>(db.reader, region, 'datastore')) {
      const cutoff = cutoffOf(datastore.config.retentionPeriod, datastore.config.storage, now);
      if (cutoff === undefined) continue;
      const where = { region, datastore: datastore.name };
      const expired = await datastoreFileIndex.endedBefore(db.reader, where, cutoff, BATCH);
      if (expired.length === 0) continue;
      const area = options.areas.forDatastore(region, datastore.name, datastore.config.storage).area;
      await db.transaction(async (tx) => {
        await datastoreFileIndex.remove(tx, where, expired.map((f) => f.key));
        await pendingObjects.add(tx, expired.map((f) => ({ area: area.id, key: f.key })), 'deleting', now);
      });
      more ||= expired.length === BATCH;
    }
  }
  return more;
}

function cutoffOf(retention: RetentionPeriod, storage: object, now: Date): number | undefined {
  if (retention.unlimited || !retention.numberOfDays || isCustomerManaged(storage)) return undefined;
  return now.getTime() - retention.numberOfDays * DAY_MS;
}

async function regions(db: Database): Promise<string[]> {
  const rows = await db.reader.all<{ region: string }>("SELECT DISTINCT region FROM iota_resources WHERE kind IN ('channel', 'datastore')");
  return rows.map((r) => r.region);
}
