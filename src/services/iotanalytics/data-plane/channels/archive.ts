// A channel's archive (reference §5.1, "Raw layout"): gzip JSON-lines
// objects, each spanning part of one 30-second window, named as AWS named
// them, e.g.
//   channel/mychannel/__dt=2020-02-29 00:00:00/1582940490000_1582940520000_123456789012_mychannel_0_2118.0.json.gz
// These keys are what StartPipelineReprocessing's channelMessages.s3Paths
// name. Each line is one message, unchanged: its payload base64-encoded
// (payloads may be binary), with its messageId and arrival time
// (docs/FIDELITY.md, "Channel archive").
import { gunzipSync } from 'node:zlib';
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import { decodeBatch } from '../messages/batch-codec.ts';
import type { ChannelRef } from './channel-log.ts';

export const WINDOW_MS = 30_000;

export interface ArchivedMessage {
  messageId: string;
  receivedAt: number;
  payload: Buffer;
}

export interface ChannelObject {
  key: string;
  windowStart: number;
  firstSeq: number;
  lastSeq: number;
  messages: number;
  bytes: number;
}

export function windowOf(receivedAt: number): number {
  return receivedAt - (receivedAt % WINDOW_MS);
}

/** `__dt=YYYY-MM-DD 00:00:00`, the day partition of raw and stored data (UTC). */
export function dayFolder(time: number): string {
  return `__dt=${new Date(time).toISOString().slice(0, 10)} 00:00:00`;
}

export function archiveKey(prefix: string, windowStart: number, accountId: string, channel: string, part: number, firstSeq: number): string {
  return `${prefix}${dayFolder(windowStart)}/${windowStart}_${windowStart + WINDOW_MS}_${accountId}_${channel}_${part}_${firstSeq}.0.json.gz`;
}

/** The JSON lines of an archive object (to be gzipped), from stored batches (batch-codec.ts). */
export function encodeArchive(batches: readonly { receivedAt: number; blob: Uint8Array }[]): Buffer {
  const lines: string[] = [];
  for (const batch of batches) {
    const receivedAt = `,"receivedAt":${batch.receivedAt},"payload":"`;
    for (const m of decodeBatch(Buffer.from(batch.blob.buffer, batch.blob.byteOffset, batch.blob.byteLength))) {
      lines.push(`{"messageId":${JSON.stringify(m.messageId)}${receivedAt}${m.payload.toString('base64')}"}`);
    }
  }
  return Buffer.from(lines.join('\n') + '\n');
}

export function decodeArchive(gzipped: Buffer): ArchivedMessage[] {
  const text = gunzipSync(gzipped).toString('utf8');
  const out: ArchivedMessage[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line) as { messageId: string; receivedAt: number; payload: string };
    out.push({ messageId: record.messageId, receivedAt: record.receivedAt, payload: Buffer.from(record.payload, 'base64') });
  }
  return out;
}

interface ObjectRow {
  key: string;
  window_start: number;
  first_seq: number;
  last_seq: number;
  messages: number;
  bytes: number;
}

const COLUMNS = 'key, window_start, first_seq, last_seq, messages, bytes';

const toObject = (row: ObjectRow): ChannelObject => ({
  key: row.key,
  windowStart: row.window_start,
  firstSeq: row.first_seq,
  lastSeq: row.last_seq,
  messages: row.messages,
  bytes: row.bytes,
});

export const channelObjects = {
  async insert(tx: SqlExecutor, where: ChannelRef, object: ChannelObject): Promise<void> {
    await tx.run(
      `INSERT INTO iota_channel_objects (region, channel, ${COLUMNS})
       VALUES (@region, @channel, @key, @windowStart, @firstSeq, @lastSeq, @messages, @bytes)`,
      { ...where, ...object },
    );
  },

  /** How many objects the window already has (the next part number). */
  async partsIn(db: SqlExecutor, where: ChannelRef, windowStart: number): Promise<number> {
    const row = await db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM iota_channel_objects WHERE region = @region AND channel = @channel AND window_start = @windowStart',
      { ...where, windowStart },
    );
    return row?.n ?? 0;
  },

  async byKeys(db: SqlExecutor, where: ChannelRef, keys: readonly string[]): Promise<ChannelObject[]> {
    const out: ChannelObject[] = [];
    for (const key of keys) {
      const row = await db.get<ObjectRow>(`SELECT ${COLUMNS} FROM iota_channel_objects WHERE region = @region AND channel = @channel AND key = @key`, { ...where, key });
      if (row) out.push(toObject(row));
    }
    return out;
  },

  /** Objects in seq order after `afterSeq`, up to `uptoSeq`, whose window overlaps [from, to). */
  async inRange(db: SqlExecutor, where: ChannelRef, afterSeq: number, uptoSeq: number, from: number, to: number, limit: number): Promise<ChannelObject[]> {
    const rows = await db.all<ObjectRow>(
      `SELECT ${COLUMNS} FROM iota_channel_objects
       WHERE region = @region AND channel = @channel AND first_seq > @afterSeq AND first_seq <= @uptoSeq
         AND window_start < @to AND window_start + ${WINDOW_MS} > @from
       ORDER BY first_seq LIMIT @limit`,
      { ...where, afterSeq, uptoSeq, from, to, limit },
    );
    return rows.map(toObject);
  },

  /** The newest objects whose window overlaps [from, to), newest first. */
  async newest(db: SqlExecutor, where: ChannelRef, from: number, to: number, limit: number): Promise<ChannelObject[]> {
    const rows = await db.all<ObjectRow>(
      `SELECT ${COLUMNS} FROM iota_channel_objects
       WHERE region = @region AND channel = @channel AND window_start < @to AND window_start + ${WINDOW_MS} > @from
       ORDER BY first_seq DESC LIMIT @limit`,
      { ...where, from, to, limit },
    );
    return rows.map(toObject);
  },

  async totalBytes(db: SqlExecutor, where: ChannelRef): Promise<number> {
    const row = await db.get<{ bytes: number | null }>('SELECT SUM(bytes) AS bytes FROM iota_channel_objects WHERE region = @region AND channel = @channel', where);
    return row?.bytes ?? 0;
  },

  /** Objects whose whole window ended before `before` (retention). */
  async endedBefore(db: SqlExecutor, where: ChannelRef, before: number, limit: number): Promise<ChannelObject[]> {
    const rows = await db.all<ObjectRow>(
      `SELECT ${COLUMNS} FROM iota_channel_objects
       WHERE region = @region AND channel = @channel AND window_start + ${WINDOW_MS} <= @before ORDER BY window_start LIMIT @limit`,
      { ...where, before, limit },
    );
    return rows.map(toObject);
  },

  async all(db: SqlExecutor, where: ChannelRef, limit: number): Promise<ChannelObject[]> {
    const rows = await db.all<ObjectRow>(`SELECT ${COLUMNS} FROM iota_channel_objects WHERE region = @region AND channel = @channel LIMIT @limit`, { ...where, limit });
    return rows.map(toObject);
  },

  async remove(tx: SqlExecutor, where: ChannelRef, keys: readonly string[]): Promise<void> {
    for (const key of keys) await tx.run('DELETE FROM iota_channel_objects WHERE region = @region AND channel = @channel AND key = @key', { ...where, key });
  },
};
