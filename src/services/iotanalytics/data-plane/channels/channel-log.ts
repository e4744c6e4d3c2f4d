// The SQL of a channel's recent messages: the batches accepted and not yet
// both archived and processed by every pipeline, and the channel's state.
import type { SqlExecutor } from '../../../../storage/db/database.ts';
import { decodeBatch, encodeBatch, type ChannelMessage } from '../messages/batch-codec.ts';

/** A stored batch; `blob` is its encoding (batch-codec.ts), decoded only where messages are needed. */
export interface StoredBatch {
  seq: number;
  receivedAt: number;
  count: number;
  blob: Buffer;
}

interface BatchRow {
  seq: number;
  received_at: number;
  count: number;
  messages: Buffer;
}

const toBatch = (row: BatchRow): StoredBatch => ({ seq: row.seq, receivedAt: row.received_at, count: row.count, blob: row.messages });

export function messagesOf(batch: StoredBatch): ChannelMessage[] {
  return decodeBatch(batch.blob);
}

export type ChannelRef = { region: string; channel: string };

/** Most batches one read takes (a batch holds at least one message). */
const MAX_ROWS_READ = 5000;

export const channelLog = {
  /**
   * Stores accepted messages; the caller's transaction is what acknowledges
   * them. One row and nothing else, so that ingestion stays cheap: the
   * channel's last arrival is read from its newest batch (and kept in the
   * channel's state once batches are archived).
   */
  async append(tx: SqlExecutor, where: ChannelRef, messages: readonly ChannelMessage[], receivedAt: Date): Promise<void> {
    const blob = encodeBatch(messages);
    let bytes = 0;
    for (const m of messages) bytes += m.payload.length;
    await tx.run(
      `INSERT INTO iota_channel_batches (region, channel, received_at, count, bytes, messages)
       VALUES (@region, @channel, @receivedAt, @count, @bytes, @blob)`,
      { region: where.region, channel: where.channel, receivedAt: receivedAt.getTime(), count: messages.length, bytes, blob },
    );
  },

  /** Batches after `afterSeq`, in order, until about `maxMessages` messages (always at least one batch). */
  async readAfter(db: SqlExecutor, where: ChannelRef, afterSeq: number, maxMessages: number): Promise<StoredBatch[]> {
    // Sizes first (from the covering index), blobs only for what is taken.
    const bounds = await db.get<{ upto: number | null; first: number | null }>(
      `SELECT MAX(CASE WHEN total <= @maxMessages THEN seq END) AS upto, MIN(seq) AS first FROM (
         SELECT seq, SUM(count) OVER (ORDER BY seq) AS total FROM (
           SELECT seq, count FROM iota_channel_batches
           WHERE region = @region AND channel = @channel AND seq > @afterSeq ORDER BY seq LIMIT @rows))`,
      { ...where, afterSeq, maxMessages, rows: Math.min(maxMessages, MAX_ROWS_READ) },
    );
    const upto = bounds?.upto ?? bounds?.first;
    if (upto == null) return [];
    const rows = await db.all<BatchRow>(
      `SELECT seq, received_at, count, messages FROM iota_channel_batches
       WHERE region = @region AND channel = @channel AND seq > @afterSeq AND seq <= @upto ORDER BY seq`,
      { ...where, afterSeq, upto },
    );
    return rows.map(toBatch);
  },

  /** Batches with seq in (afterSeq, uptoSeq], received in [from, to). */
  async readRange(db: SqlExecutor, where: ChannelRef, afterSeq: number, uptoSeq: number, limit: number, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<StoredBatch[]> {
    const rows = await db.all<BatchRow>(
      `SELECT seq, received_at, count, messages FROM iota_channel_batches
       WHERE region = @region AND channel = @channel AND seq > @afterSeq AND seq <= @uptoSeq
         AND received_at >= @from AND received_at < @to
       ORDER BY seq LIMIT @limit`,
      { ...where, afterSeq, uptoSeq, from, to, limit },
    );
    return rows.map(toBatch);
  },

  /** The newest batches received in [from, to), newest first. */
  async newest(db: SqlExecutor, where: ChannelRef, from: number, to: number, limit: number): Promise<StoredBatch[]> {
    const rows = await db.all<BatchRow>(
      `SELECT seq, received_at, count, messages FROM iota_channel_batches
       WHERE region = @region AND channel = @channel AND received_at >= @from AND received_at < @to
       ORDER BY seq DESC LIMIT @limit`,
      { ...where, from, to, limit },
    );
    return rows.map(toBatch);
  },

  /** The last seq any batch of any channel has (0 when none): where a new pipeline starts. */
  async headSeq(db: SqlExecutor): Promise<number> {
    const row = await db.get<{ seq: number | null }>("SELECT seq FROM sqlite_sequence WHERE name = 'iota_channel_batches'");
    return row?.seq ?? 0;
  },

  async state(db: SqlExecutor, where: ChannelRef): Promise<{ lastArrival?: Date; archivedUpto: number }> {
    const row = await db.get<{ last_arrival: number | null; archived_upto: number | null; newest: number | null }>(
      `SELECT s.last_arrival, s.archived_upto,
         (SELECT received_at FROM iota_channel_batches b WHERE b.region = @region AND b.channel = @channel ORDER BY seq DESC LIMIT 1) AS newest
       FROM (SELECT 1) LEFT JOIN iota_channel_state s ON s.region = @region AND s.channel = @channel`,
      where,
    );
    const lastArrival = Math.max(row?.last_arrival ?? 0, row?.newest ?? 0);
    return { lastArrival: lastArrival > 0 ? new Date(lastArrival) : undefined, archivedUpto: row?.archived_upto ?? 0 };
  },

  /** Payload bytes of the batches not yet in an archive object. */
  async unarchivedBytes(db: SqlExecutor, where: ChannelRef): Promise<number> {
    const row = await db.get<{ bytes: number | null }>(
      `SELECT SUM(b.bytes) AS bytes FROM iota_channel_batches b
       WHERE b.region = @region AND b.channel = @channel
         AND b.seq > COALESCE((SELECT archived_upto FROM iota_channel_state s WHERE s.region = @region AND s.channel = @channel), 0)`,
      where,
    );
    return row?.bytes ?? 0;
  },

  /** Channels that have batches not yet archived, with the first such seq. */
  async withUnarchived(db: SqlExecutor): Promise<ChannelRef[]> {
    return db.all<ChannelRef>(
      `SELECT DISTINCT b.region, b.channel FROM iota_channel_batches b
       LEFT JOIN iota_channel_state s ON s.region = b.region AND s.channel = b.channel
       WHERE b.seq > COALESCE(s.archived_upto, 0)`,
    );
  },

  /** Batches up to `uptoSeq` are archived; the newest of them arrived at `lastArrival`. */
  async markArchived(tx: SqlExecutor, where: ChannelRef, uptoSeq: number, lastArrival: number): Promise<void> {
    await tx.run(
      `INSERT INTO iota_channel_state (region, channel, archived_upto, last_arrival) VALUES (@region, @channel, @uptoSeq, @lastArrival)
       ON CONFLICT (region, channel) DO UPDATE SET archived_upto = MAX(archived_upto, excluded.archived_upto),
         last_arrival = MAX(COALESCE(last_arrival, 0), excluded.last_arrival)`,
      { ...where, uptoSeq, lastArrival },
    );
  },

  /**
   * Drops batches that are archived and processed by every pipeline reading
   * the channel; at most `limit` rows per call, to keep transactions short.
   */
  async trim(tx: SqlExecutor, where: ChannelRef, limit: number): Promise<number> {
    const result = await tx.run(
      `DELETE FROM iota_channel_batches WHERE seq IN (
         SELECT seq FROM iota_channel_batches
         WHERE region = @region AND channel = @channel
           AND seq <= (SELECT archived_upto FROM iota_channel_state WHERE region = @region AND channel = @channel)
           AND seq <= COALESCE((SELECT MIN(after_seq) FROM iota_pipeline_cursors WHERE region = @region AND channel = @channel), seq)
         ORDER BY seq LIMIT @limit)`,
      { ...where, limit },
    );
    return result.changes;
  },

  /** Everything kept about a channel that is deleted (its archive objects are the caller's). */
  async forget(tx: SqlExecutor, where: ChannelRef): Promise<void> {
    await tx.run('DELETE FROM iota_channel_batches WHERE region = @region AND channel = @channel', where);
    await tx.run('DELETE FROM iota_channel_state WHERE region = @region AND channel = @channel', where);
  },
};
