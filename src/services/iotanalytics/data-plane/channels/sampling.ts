// SampleChannelData: "Retrieves a sample of messages from the specified
// channel ingested during the specified timeframe" (API reference). The
// sample is drawn at random from the newest messages in the timeframe (up
// to CANDIDATES of them): those of the newest batches still waiting to be
// archived, then those of the newest archive objects.
import type { Database } from '../../../../storage/db/database.ts';
import type { ChannelConfig } from '../../resources/channel.ts';
import type { StoredResource } from '../../resources/resource-store.ts';
import type { StorageAreas } from '../storage/storage-areas.ts';
import { channelObjects, decodeArchive } from './archive.ts';
import { channelLog, messagesOf } from './channel-log.ts';

const CANDIDATES = 1000;
/** Batches read for candidates: enough for a sample, few enough to read on the request path. */
const BATCHES = 50;

export interface SampleRequest {
  maxMessages: number;
  /** Ingestion time, ms: from inclusive, to exclusive. */
  from: number;
  to: number;
}

export async function sampleChannel(db: Database, areas: StorageAreas, channel: StoredResource<ChannelConfig>, request: SampleRequest): Promise<Buffer[]> {
  const where = { region: channel.region, channel: channel.name };
  const { archivedUpto } = await channelLog.state(db.reader, where);
  const candidates: Buffer[] = [];
  for (const batch of await channelLog.newest(db.reader, where, request.from, request.to, BATCHES)) {
    if (batch.seq <= archivedUpto || candidates.length >= CANDIDATES) break;
    for (const m of messagesOf(batch)) candidates.push(m.payload);
  }
  if (candidates.length < CANDIDATES) {
    const area = areas.forChannel(channel.region, channel.name, channel.config.storage).area;
    for (const object of await channelObjects.newest(db.reader, where, request.from, request.to, 3)) {
      for (const m of decodeArchive(await area.get(object.key))) {
        if (m.receivedAt >= request.from && m.receivedAt < request.to) candidates.push(m.payload);
      }
      if (candidates.length >= CANDIDATES) break;
    }
  }
  return pickAtRandom(candidates, request.maxMessages);
}

function pickAtRandom<T>(items: T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) {
    const i = Math.floor(Math.random() * pool.length);
    picked.push(pool[i]);
    pool[i] = pool[pool.length - 1];
    pool.pop();
  }
  return picked;
}
