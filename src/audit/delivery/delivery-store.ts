// Delivery state per trail and the record of every delivered log file
// (migrations/sqlite/0500-trails.sql). The cursor moves in the transaction
// that records the files, and only when it is still where the delivery
// started from.
import type { Database, SqlExecutor } from '../../storage/db/database.ts';

export interface DeliveryState {
  cursor: number;
  /** The delivery under way: its last journal position and the time its keys carry. */
  plan?: { upto: number; at: Date };
  latestAttemptTime?: Date;
  latestDeliveryTime?: Date;
  /** The S3 error code of the latest attempt, when it failed. */
  latestDeliveryError?: string;
}

/** A row of trail_log_files. */
export interface DeliveredFile {
  region: string;
  bucket: string;
  key: string;
  /** Hex SHA-256 of the uncompressed JSON. */
  sha256: string;
  /** ISO-8601. */
  oldestEventTime: string;
  newestEventTime: string;
}

interface StateRow {
  cursor: number;
  plan_upto: number | null;
  plan_at: number | null;
  latest_attempt_time: number | null;
  latest_delivery_time: number | null;
  latest_delivery_error: string | null;
}

interface FileRow {
  bucket: string;
  object_key: string;
  sha256: string;
  oldest_event_time: string;
  newest_event_time: string;
}

const SQL = {
  create: 'INSERT INTO trail_delivery (trail_arn, cursor) VALUES (@arn, @cursor)',
  delete: 'DELETE FROM trail_delivery WHERE trail_arn = @arn',
  state: 'SELECT * FROM trail_delivery WHERE trail_arn = @arn',
  plan: 'UPDATE trail_delivery SET plan_upto = @upto, plan_at = @at WHERE trail_arn = @arn AND cursor = @cursor AND plan_upto IS NULL',
  failed: 'UPDATE trail_delivery SET latest_attempt_time = @at, latest_delivery_error = @code WHERE trail_arn = @arn',
  advance: `UPDATE trail_delivery SET cursor = @upto, plan_upto = NULL, plan_at = NULL,
            latest_attempt_time = COALESCE(@at, latest_attempt_time), latest_delivery_time = COALESCE(@at, latest_delivery_time),
            latest_delivery_error = CASE WHEN @at IS NULL THEN latest_delivery_error END
            WHERE trail_arn = @arn AND cursor = @cursor`,
  file: `INSERT OR REPLACE INTO trail_log_files (trail_arn, region, bucket, object_key, sha256, oldest_event_time, newest_event_time, delivered_at)
         VALUES (@arn, @region, @bucket, @key, @sha256, @oldest, @newest, @deliveredAt)`,
  // delivered_at is ISO-8601 with milliseconds (always 24 characters), so text order is time order.
  deliveredIn: `SELECT bucket, object_key, sha256, oldest_event_time, newest_event_time FROM trail_log_files
                WHERE trail_arn = @arn AND region = @region AND delivered_at >= @start AND delivered_at < @end
                ORDER BY delivered_at, object_key`,
  latestDelivered: 'SELECT MAX(delivered_at) AS at FROM trail_log_files WHERE trail_arn = @arn AND region = @region',
  // The journal position up to which no trail still has a record to deliver.
  delivered: `SELECT MIN(MAX(d.cursor, r.after_position)) AS position
              FROM trail_delivery d JOIN trail_logging_ranges r ON r.trail_arn = d.trail_arn
              WHERE r.upto_position IS NULL OR r.upto_position > d.cursor`,
};

export class DeliveryStore {
  constructor(private readonly db: Database) {}

  /** A new trail's state: nothing delivered, nothing logged before `cursor`. */
  async create(tx: SqlExecutor, arn: string, cursor: number): Promise<void> {
    await tx.run(SQL.create, { arn, cursor });
  }

  /** Forgets a deleted trail's delivery state; its delivered files (trail_log_files) stay, as the objects do. */
  async delete(tx: SqlExecutor, arn: string): Promise<void> {
    await tx.run(SQL.delete, { arn });
  }

  async state(arn: string): Promise<DeliveryState | undefined> {
    const row = await this.db.reader.get<StateRow>(SQL.state, { arn });
    if (!row) return undefined;
    const date = (ms: number | null) => (ms === null ? undefined : new Date(ms));
    return {
      cursor: row.cursor,
      plan: row.plan_upto === null ? undefined : { upto: row.plan_upto, at: new Date(row.plan_at!) },
      latestAttemptTime: date(row.latest_attempt_time),
      latestDeliveryTime: date(row.latest_delivery_time),
      latestDeliveryError: row.latest_delivery_error ?? undefined,
    };
  }

  /** Records the delivery about to be made; false when the state moved meanwhile. */
  async plan(arn: string, cursor: number, upto: number, at: Date): Promise<boolean> {
    const { changes } = await this.db.transaction((tx) => tx.run(SQL.plan, { arn, cursor, upto, at: at.getTime() }));
    return changes === 1;
  }

  async failed(arn: string, at: Date, code: string): Promise<void> {
    await this.db.transaction((tx) => tx.run(SQL.failed, { arn, at: at.getTime(), code }));
  }

  /**
   * Records the delivered files and moves the cursor from `cursor` to `upto`,
   * in `tx`; false (nothing written) when the cursor moved meanwhile or the
   * trail is gone. `at` is undefined when the range held nothing to deliver.
   */
  async advance(tx: SqlExecutor, arn: string, move: { cursor: number; upto: number }, files: DeliveredFile[], at?: Date): Promise<boolean> {
    const { changes } = await tx.run(SQL.advance, { arn, ...move, at: at?.getTime() ?? null });
    if (changes !== 1) return false;
    for (const file of files) {
      await tx.run(SQL.file, {
        arn,
        region: file.region,
        bucket: file.bucket,
        key: file.key,
        sha256: file.sha256,
        oldest: file.oldestEventTime,
        newest: file.newestEventTime,
        deliveredAt: at!.toISOString(),
      });
    }
    return true;
  }

  /** The log files of a trail and region whose delivery time is in [start, end), in delivery order. */
  async deliveredIn(arn: string, region: string, start: Date, end: Date): Promise<DeliveredFile[]> {
    const rows = await this.db.reader.all<FileRow>(SQL.deliveredIn, { arn, region, start: start.toISOString(), end: end.toISOString() });
    return rows.map((r) => ({
      region,
      bucket: r.bucket,
      key: r.object_key,
      sha256: r.sha256,
      oldestEventTime: r.oldest_event_time,
      newestEventTime: r.newest_event_time,
    }));
  }

  /** When the latest log file of a trail and region was delivered; undefined when none was. */
  async latestDelivered(arn: string, region: string): Promise<Date | undefined> {
    const row = await this.db.reader.get<{ at: string | null }>(SQL.latestDelivered, { arn, region });
    return row?.at ? new Date(row.at) : undefined;
  }

  /** Journal positions up to this one are delivered by every trail that logs them (undefined: no trail waits for any). */
  async deliveredUpTo(): Promise<number | undefined> {
    return (await this.db.reader.get<{ position: number | null }>(SQL.delivered))!.position ?? undefined;
  }
}
