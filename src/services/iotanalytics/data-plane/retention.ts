// Enforces retentionPeriod: archive objects of a channel whose 30-second
// window ended, and data-store files whose `__dt` day ended, more than
// numberOfDays ago are dropped. As AWS documents, retention applies to
// service-managed storage only: what is in a customer's bucket stays. Messages
// a pipeline has not processed yet are kept until it has (they are still in
// the database), so retention never loses a message before it is stored.
import type { RetentionPeriod } from '@aws-sdk/client-iotanalytics';
import type { Clock } from '../../../lib/clock.ts';
import type { Database, SqlExecutor } from '../../../storage/db/database.ts';
import type { ChannelConfig } from '../resources/channel.ts';
import type { DatastoreConfig } from '../resources/datastore.ts';
import { resourceStore } from '../resources/resource-store.ts';
import { isCustomerManaged } from '../resources/storage.ts';
import { channelObjects } from './channels/archive.ts';
import { datastoreFileIndex } from './datastores/datastore-files.ts';
import { pendingObjects } from './storage/pending-objects.ts';
import type { ObjectArea } from './storage/object-area.ts';
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
  const { db, areas, clock } = options;
  const now = clock.now();
  let more = false;
  for (const region of await regions(db)) {
    for (const channel of await resourceStore.all<ChannelConfig>(db.reader, region, 'channel')) {
      const where = { region, channel: channel.name };
      more ||= await drop(options, cutoffOf(channel.config.retentionPeriod, channel.config.storage, now), {
        area: () => areas.forChannel(region, channel.name, channel.config.storage).area,
        expired: (cutoff) => channelObjects.endedBefore(db.reader, where, cutoff, BATCH),
        remove: (tx, keys) => channelObjects.remove(tx, where, keys),
      });
    }
    for (const datastore of await resourceStore.all<DatastoreConfig>(db.reader, region, 'datastore')) {
      const where = { region, datastore: datastore.name };
      more ||= await drop(options, cutoffOf(datastore.config.retentionPeriod, datastore.config.storage, now), {
        area: () => areas.forDatastore(region, datastore.name, datastore.config.storage).area,
        expired: (cutoff) => datastoreFileIndex.endedBefore(db.reader, where, cutoff, BATCH),
        remove: (tx, keys) => datastoreFileIndex.remove(tx, where, keys),
      });
    }
  }
  return more;
}

interface Expiring {
  area(): ObjectArea;
  expired(cutoff: number): Promise<{ key: string }[]>;
  remove(tx: SqlExecutor, keys: string[]): Promise<void>;
}

/** Drops the index rows of what ended before `cutoff` and marks the objects for deletion, in one transaction. */
async function drop(options: RetentionOptions, cutoff: number | undefined, what: Expiring): Promise<boolean> {
  if (cutoff === undefined) return false;
  const expired = await what.expired(cutoff);
  if (expired.length === 0) return false;
  const keys = expired.map((e) => e.key);
  const area = what.area();
  await options.db.transaction(async (tx) => {
    await what.remove(tx, keys);
    await pendingObjects.add(tx, keys.map((key) => ({ area: area.id, key })), 'deleting', options.clock.now());
  });
  return expired.length === BATCH;
}

function cutoffOf(retention: RetentionPeriod, storage: object, now: Date): number | undefined {
  if (retention.unlimited || !retention.numberOfDays || isCustomerManaged(storage)) return undefined;
  return now.getTime() - retention.numberOfDays * DAY_MS;
}

async function regions(db: Database): Promise<string[]> {
  const rows = await db.reader.all<{ region: string }>("SELECT DISTINCT region FROM iota_resources WHERE kind IN ('channel', 'datastore')");
  return rows.map((r) => r.region);
}
