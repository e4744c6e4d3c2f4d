// Rolls accepted batches into the channel's archive objects, in seq order,
// one 30-second window at a time, then lets go of the batches that are
// archived and processed by every pipeline. A window is archived once it has
// closed, so a quiet channel gets one object per window as on AWS; a busy
// one is cut into parts (`_<n>_`) of at most `maxObjectMessages` as it goes,
// which bounds what the database holds.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Clock } from '../../../../lib/clock.ts';
import type { Database } from '../../../../storage/db/database.ts';
import type { ChannelConfig } from '../../resources/channel.ts';
import { resourceStore } from '../../resources/resource-store.ts';
import { announce, pendingObjects } from '../storage/pending-objects.ts';
import type { StorageAreas } from '../storage/storage-areas.ts';
import { reprocessings } from '../pipelines/reprocessings.ts';
import { archiveKey, channelObjects, encodeArchive, windowOf, WINDOW_MS } from './archive.ts';
import { channelLog, type ChannelRef, type StoredBatch } from './channel-log.ts';

export interface ArchiverOptions {
  db: Database;
  areas: StorageAreas;
  clock: Clock;
  accountId: string;
  /** Largest object, in messages; also how many may wait in an open window before a part is cut. */
  maxObjectMessages: number;
}

const gzipAsync = promisify(gzip);
const TRIM_ROWS = 200;

/**
 * One run over every channel with unarchived batches; true when there is
 * more to do. A channel that a reprocessing run waits on has its open window
 * archived too, up to the batch the run needs.
 */
export async function archiveChannels(options: ArchiverOptions): Promise<boolean> {
  const waiting = await reprocessings.waitingOnArchive(options.db.reader);
  let more = false;
  for (const ref of await channelLog.withUnarchived(options.db.reader)) {
    const needed = Math.max(0, ...waiting.filter((w) => w.region === ref.region && w.channel === ref.channel).map((w) => w.uptoSeq));
    if (await archiveChannel(options, ref, needed)) more = true;
  }
  return more;
}

async function archiveChannel(options: ArchiverOptions, ref: ChannelRef, neededSeq: number): Promise<boolean> {
  const { db } = options;
  const channel = await resourceStore.find<ChannelConfig>(db.reader, ref.region, 'channel', ref.channel);
  if (!channel) return false;
  const location = options.areas.forChannel(ref.region, ref.channel, channel.config.storage);
  const { archivedUpto } = await channelLog.state(db.reader, ref);
  const batches = await channelLog.readAfter(db.reader, ref, archivedUpto, options.maxObjectMessages);
  const part = nextObject(batches, options.maxObjectMessages, options.clock.now().getTime(), neededSeq);
  if (part.length > 0) {
    const windowStart = windowOf(part[0].receivedAt);
    const firstSeq = part[0].seq;
    const lastSeq = part[part.length - 1].seq;
    const n = await channelObjects.partsIn(db.reader, ref, windowStart);
    const key = archiveKey(location.prefix, windowStart, options.accountId, ref.channel, n, firstSeq);
    const body = await gzipAsync(encodeArchive(part), { level: 1 });
    const pending = await announce(db, location.area, [key], options.clock.now());
    await location.area.put(key, body);
    const messages = part.reduce((sum, b) => sum + b.count, 0);
    await db.transaction(async (tx) => {
      await channelObjects.insert(tx, ref, { key, windowStart, firstSeq, lastSeq, messages, bytes: body.length });
      await channelLog.markArchived(tx, ref, lastSeq, part[part.length - 1].receivedAt);
      await pendingObjects.remove(tx, pending);
    });
  }
  let trimmed: number;
  do trimmed = await db.transaction((tx) => channelLog.trim(tx, ref, TRIM_ROWS));
  while (trimmed === TRIM_ROWS);
  return part.length > 0;
}

/**
 * The batches of the next object: the leading run of one window, cut at
 * `maxMessages`. Empty while that window is still open and holds fewer,
 * unless a batch up to `neededSeq` is in it.
 */
function nextObject(batches: StoredBatch[], maxMessages: number, now: number, neededSeq: number): StoredBatch[] {
  if (batches.length === 0) return [];
  const window = windowOf(batches[0].receivedAt);
  const part: StoredBatch[] = [];
  let messages = 0;
  for (const batch of batches) {
    if (windowOf(batch.receivedAt) !== window) return part;
    if (part.length > 0 && messages + batch.count > maxMessages) return part;
    part.push(batch);
    messages += batch.count;
  }
  const closed = window + WINDOW_MS <= now;
  return closed || messages >= maxMessages || part[0].seq <= neededSeq ? part : [];
}
