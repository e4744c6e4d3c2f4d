// Trails, their tags and the journal ranges they log (migrations/sqlite/
// 0500-trails.sql). The read side (get, regionsOf) is also what the integrity
// side (digest files) builds on: keep it stable.
import type { Database, SqlExecutor } from '../../storage/db/database.ts';
import type { TrailSelectors } from './selectors.ts';
import { TRAIL_ARN } from './trail-names.ts';

export interface Trail {
  arn: string;
  name: string;
  accountId: string;
  homeRegion: string;
  bucket: string;
  /** S3KeyPrefix; undefined when the trail has none. */
  prefix?: string;
  includeGlobalServiceEvents: boolean;
  isMultiRegionTrail: boolean;
  logFileValidationEnabled: boolean;
  /** Undefined: the default selectors (all management events). */
  selectors?: TrailSelectors;
  isLogging: boolean;
  startLoggingTime?: Date;
  stopLoggingTime?: Date;
  createdAt: Date;
}

/** Journal positions a trail logs: after `after`, up to `upto` inclusive (open while logging). */
export interface LoggingRange {
  after: number;
  upto?: number;
}

interface TrailRow {
  arn: string;
  name: string;
  home_region: string;
  bucket: string;
  prefix: string | null;
  include_global: number;
  multi_region: number;
  log_file_validation: number;
  selectors: string | null;
  is_logging: number;
  start_logging_time: number | null;
  stop_logging_time: number | null;
  created_at: number;
}

const SQL = {
  get: 'SELECT * FROM trails WHERE arn = @arn',
  // A multi-region trail is visible (as a shadow trail) in every region.
  visible: 'SELECT * FROM trails WHERE home_region = @region OR multi_region = 1 ORDER BY name, arn',
  all: 'SELECT * FROM trails ORDER BY arn',
  countInRegion: 'SELECT COUNT(*) AS n FROM trails WHERE home_region = @region OR multi_region = 1',
  insert: `INSERT INTO trails (arn, name, home_region, bucket, prefix, include_global, multi_region, log_file_validation, selectors, created_at)
           VALUES (@arn, @name, @homeRegion, @bucket, @prefix, @includeGlobal, @multiRegion, @logFileValidation, @selectors, @createdAt)`,
  update: `UPDATE trails SET bucket = @bucket, prefix = @prefix, include_global = @includeGlobal, multi_region = @multiRegion,
           log_file_validation = @logFileValidation, selectors = @selectors WHERE arn = @arn`,
  startLogging: 'UPDATE trails SET is_logging = 1, start_logging_time = @at WHERE arn = @arn',
  stopLogging: 'UPDATE trails SET is_logging = 0, stop_logging_time = @at WHERE arn = @arn',
  openRange: 'INSERT INTO trail_logging_ranges (trail_arn, after_position) VALUES (@arn, @head)',
  closeRange: 'UPDATE trail_logging_ranges SET upto_position = @lastLogged WHERE trail_arn = @arn AND upto_position IS NULL',
  ranges: 'SELECT after_position AS after, upto_position AS upto FROM trail_logging_ranges WHERE trail_arn = @arn ORDER BY after_position',
  dropPassedRanges: 'DELETE FROM trail_logging_ranges WHERE trail_arn = @arn AND upto_position <= @cursor',
  delete: ['trails WHERE arn', 'trail_tags WHERE trail_arn', 'trail_logging_ranges WHERE trail_arn'].map(
    (what) => `DELETE FROM ${what} = @arn`,
  ),
  tags: 'SELECT key, value FROM trail_tags WHERE trail_arn = @arn ORDER BY key',
  putTag: 'INSERT INTO trail_tags (trail_arn, key, value) VALUES (@arn, @key, @value) ON CONFLICT (trail_arn, key) DO UPDATE SET value = excluded.value',
  removeTag: 'DELETE FROM trail_tags WHERE trail_arn = @arn AND key = @key',
  deliveredRegions: 'SELECT DISTINCT region FROM trail_log_files WHERE trail_arn = @arn ORDER BY region',
};

export class TrailStore {
  constructor(private readonly db: Database) {}

  /** The trail with this ARN, or undefined. */
  async get(arn: string, executor: SqlExecutor = this.db.reader): Promise<Trail | undefined> {
    const row = await executor.get<TrailRow>(SQL.get, { arn });
    return row && toTrail(row);
  }

  /** Trails visible in a region: its own and every multi-region trail. */
  async visibleIn(region: string, executor: SqlExecutor = this.db.reader): Promise<Trail[]> {
    return (await executor.all<TrailRow>(SQL.visible, { region })).map(toTrail);
  }

  async all(executor: SqlExecutor = this.db.reader): Promise<Trail[]> {
    return (await executor.all<TrailRow>(SQL.all)).map(toTrail);
  }

  /**
   * The regions a trail has log files for, and its home region: the regions
   * whose records it delivers so far (a multi-region trail takes every
   * region's records, and regions appear as calls are made in them).
   */
  async regionsOf(trail: Trail): Promise<string[]> {
    const delivered = (await this.db.reader.all<{ region: string }>(SQL.deliveredRegions, { arn: trail.arn })).map((r) => r.region);
    return [...new Set([trail.homeRegion, ...delivered])].sort();
  }

  async loggingRanges(arn: string): Promise<LoggingRange[]> {
    const rows = await this.db.reader.all<{ after: number; upto: number | null }>(SQL.ranges, { arn });
    return rows.map((r) => ({ after: r.after, upto: r.upto ?? undefined }));
  }

  async tags(arn: string, executor: SqlExecutor = this.db.reader): Promise<{ Key: string; Value?: string }[]> {
    const rows = await executor.all<{ key: string; value: string | null }>(SQL.tags, { arn });
    return rows.map((r) => ({ Key: r.key, ...(r.value !== null && { Value: r.value }) }));
  }

  async countIn(tx: SqlExecutor, region: string): Promise<number> {
    return (await tx.get<{ n: number }>(SQL.countInRegion, { region }))!.n;
  }

  async insert(tx: SqlExecutor, trail: Trail): Promise<void> {
    await tx.run(SQL.insert, { ...params(trail), name: trail.name, homeRegion: trail.homeRegion, createdAt: trail.createdAt.getTime() });
  }

  /** Writes the settings UpdateTrail and PutEventSelectors change. */
  async update(tx: SqlExecutor, trail: Trail): Promise<void> {
    await tx.run(SQL.update, params(trail));
  }

  /** Starts logging after journal position `head` (the call's own record, appended after, is logged). */
  async startLogging(tx: SqlExecutor, arn: string, at: Date, head: number): Promise<void> {
    await tx.run(SQL.startLogging, { arn, at: at.getTime() });
    await tx.run(SQL.openRange, { arn, head });
  }

  /** Stops logging: journal position `lastLogged` is the last one the trail logs. */
  async stopLogging(tx: SqlExecutor, arn: string, at: Date, lastLogged: number): Promise<void> {
    await tx.run(SQL.stopLogging, { arn, at: at.getTime() });
    await tx.run(SQL.closeRange, { arn, lastLogged });
  }

  /** Forgets the closed ranges the delivery cursor has passed. */
  async dropPassedRanges(tx: SqlExecutor, arn: string, cursor: number): Promise<void> {
    await tx.run(SQL.dropPassedRanges, { arn, cursor });
  }

  /** Deletes the trail, its tags and logging ranges (DeliveryStore.delete its delivery state). */
  async delete(tx: SqlExecutor, arn: string): Promise<void> {
    for (const sql of SQL.delete) await tx.run(sql, { arn });
  }

  async putTags(tx: SqlExecutor, arn: string, tags: { Key?: string; Value?: string }[]): Promise<void> {
    for (const tag of tags) await tx.run(SQL.putTag, { arn, key: tag.Key, value: tag.Value ?? null });
  }

  async removeTags(tx: SqlExecutor, arn: string, keys: string[]): Promise<void> {
    for (const key of keys) await tx.run(SQL.removeTag, { arn, key });
  }
}

function params(trail: Trail) {
  return {
    arn: trail.arn,
    bucket: trail.bucket,
    prefix: trail.prefix ?? null,
    includeGlobal: Number(trail.includeGlobalServiceEvents),
    multiRegion: Number(trail.isMultiRegionTrail),
    logFileValidation: Number(trail.logFileValidationEnabled),
    selectors: trail.selectors ? JSON.stringify(trail.selectors) : null,
  };
}

function toTrail(row: TrailRow): Trail {
  return {
    arn: row.arn,
    name: row.name,
    accountId: TRAIL_ARN.exec(row.arn)![2],
    homeRegion: row.home_region,
    bucket: row.bucket,
    prefix: row.prefix ?? undefined,
    includeGlobalServiceEvents: row.include_global === 1,
    isMultiRegionTrail: row.multi_region === 1,
    logFileValidationEnabled: row.log_file_validation === 1,
    selectors: row.selectors === null ? undefined : (JSON.parse(row.selectors) as TrailSelectors),
    isLogging: row.is_logging === 1,
    startLoggingTime: row.start_logging_time === null ? undefined : new Date(row.start_logging_time),
    stopLoggingTime: row.stop_logging_time === null ? undefined : new Date(row.stop_logging_time),
    createdAt: new Date(row.created_at),
  };
}
