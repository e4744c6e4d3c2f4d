// Log-file delivery (reference §5): every `intervalSeconds` on the injected
// clock, or sooner once `maxFileRecords` journal rows wait, each logging
// trail writes the records it selects since its cursor as one gzip file per
// region (more when a file would pass `maxFileBytes`) to its bucket.
//
// One delivery, crash-safe and never duplicating:
//   1. plan: the journal range (cursor, upto] and the time its keys carry are
//      committed before any object is written;
//   2. put: each file under a key derived from (trail, region, range, part);
//   3. commit: the files (trail_log_files) and the cursor, one transaction.
// A crash or a failed put leaves the plan: the retry writes the same keys with
// the same content. A failing bucket is retried with exponential back-off;
// nothing is dropped and the cursor stays.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { KeyedSerialQueues } from '../../lib/serial.ts';
import type { Buckets } from '../../storage/buckets/buckets.ts';
import type { Database } from '../../storage/db/database.ts';
import type { EventStore, JournalEntry } from '../event-store/event-store.ts';
import { isoSeconds } from '../time.ts';
import { DEFAULT_SELECTORS, selects } from '../trails/selectors.ts';
import type { LoggingRange, Trail, TrailStore } from '../trails/trail-store.ts';
import { RetryBackoff, s3ErrorCode } from './bucket-retry.ts';
import type { DeliveredFile, DeliveryStore } from './delivery-store.ts';
import { logFileBody, logFileKey, splitFiles, uniqueSuffix } from './log-file.ts';

const gzipAsync = promisify(gzip);

/** Events of global services, which a trail takes only with IncludeGlobalServiceEvents (reference §4.5). */
const GLOBAL_EVENT_SOURCES = new Set(['iam.amazonaws.com', 'sts.amazonaws.com', 'cloudfront.amazonaws.com']);
/** Files of one delivery written at the same time. */
const PUT_CONCURRENCY = 4;

export interface TrailDeliveryOptions {
  db: Database;
  events: EventStore;
  trails: TrailStore;
  deliveries: DeliveryStore;
  buckets: Buckets;
  clock: Clock;
  logger: Logger;
  intervalSeconds: number;
  maxFileRecords: number;
  /** Uncompressed bytes after which a file is closed (AWS: files are at most 50 MB compressed). */
  maxFileBytes: number;
  /** How often (real time) the job looks at the clock. */
  pollMs: number;
}

export class TrailDelivery {
  private timer?: NodeJS.Timeout;
  /**
   * One queue per trail. A trail's deliveries run one at a time, whoever asks
   * (the timer, DeleteTrail, the digest writer): once a flush of a trail that
   * began at time T returns, every later delivery of that trail is dated
   * after T. The digest writer relies on this (a log file is never dated
   * inside a period whose digest is already written); digests are per trail,
   * so nothing orders one trail's deliveries against another's. Different
   * trails deliver side by side: a bucket that is slow or hangs holds up only
   * its own trail (and only a DeleteTrail of that trail).
   */
  private readonly queues = new KeyedSerialQueues();
  private readonly backoff = new RetryBackoff();

  constructor(private readonly options: TrailDeliveryOptions) {}

  start(): void {
    // A tick passes over the trails still delivering, so ticks never queue up behind a hanging bucket.
    this.timer = setInterval(() => void this.deliverDue(false, true), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.queues.idle();
  }

  /**
   * Delivers for every trail whose delivery is due by the clock (or every
   * trail with records waiting, when `force`), each after its own delivery
   * under way if any; resolves once all of them are done.
   */
  runOnce(force = false): Promise<void> {
    return this.deliverDue(force, false);
  }

  /**
   * Delivers what `trail` has waiting now, up to the journal's head as of this
   * call, regardless of the interval; resolves to false when the bucket failed.
   * The bound keeps a flush (DeleteTrail's last delivery, the digest writer's)
   * finite under steady traffic: later records are the next delivery's.
   */
  async flush(trail: Trail): Promise<boolean> {
    let head: number;
    try {
      head = await this.options.events.head();
    } catch (error) {
      this.options.logger.error('trail delivery failed', { trail: trail.arn, error: String(error) });
      return false;
    }
    return this.enqueue(trail.arn, true, head);
  }

  private async deliverDue(force: boolean, skipBusy: boolean): Promise<void> {
    let trails: Trail[];
    try {
      trails = await this.options.trails.all();
    } catch (error) {
      this.options.logger.error('trail delivery failed', { error: String(error) });
      return;
    }
    await Promise.all(trails.filter((t) => !(skipBusy && this.queues.busy(t.arn))).map((t) => this.enqueue(t.arn, force)));
  }

  /** Queues a delivery of the trail, of records up to `limit`; never rejects (a failure is logged, and retried by a later run). */
  private enqueue(arn: string, force: boolean, limit = Infinity): Promise<boolean> {
    return this.queues.run(arn, async () => {
      try {
        // Read again: the trail may have changed (or gone) while this delivery waited its turn.
        const trail = await this.options.trails.get(arn);
        return trail ? await this.deliverTrail(trail, force, limit) : true;
      } catch (error) {
        this.options.logger.error('trail delivery failed', { trail: arn, error: String(error) });
        return false;
      }
    });
  }

  /** Delivers until nothing due up to `limit` is left; false when the bucket failed (retried later). */
  private async deliverTrail(trail: Trail, force: boolean, limit: number): Promise<boolean> {
    const { deliveries, trails, clock } = this.options;
    for (;;) {
      const state = await deliveries.state(trail.arn);
      if (!state) return true;
      if (!force && this.backoff.waiting(trail.arn, clock.now())) return true;
      const ranges = await trails.loggingRanges(trail.arn);
      const from = startOf(state.cursor, ranges);
      if (from === undefined) return true;
      let plan = state.plan;
      if (!plan) {
        const waiting = await this.waiting(from, ranges, limit);
        if (waiting === 0) return true;
        const since = Math.max(state.latestAttemptTime?.getTime() ?? 0, trail.startLoggingTime?.getTime() ?? 0);
        const due = force || waiting >= this.options.maxFileRecords || clock.now().getTime() - since >= this.options.intervalSeconds * 1000;
        if (!due) return true;
      }
      // A planned range is read whole (positions are distinct integers, so it holds at most upto - from
      // rows): maxFileRecords may have changed since it was planned, and a cut-short read would move the
      // cursor past records never written.
      const entries = await this.options.events.readAfter(from, plan ? Math.max(0, plan.upto - from) : Math.min(this.options.maxFileRecords, limit - from));
      const inRange = entries.filter((e) => logged(e.position, ranges) && (!plan || e.position <= plan.upto));
      if (!plan) {
        // Rows outside every logging range are passed over with the rest.
        plan = { upto: inRange.at(-1)?.position ?? entries.at(-1)?.position ?? from, at: clock.now() };
        if (!(await deliveries.plan(trail.arn, state.cursor, plan.upto, plan.at))) continue;
      }
      if (!(await this.deliverRange(trail, { cursor: state.cursor, from, ...plan }, inRange))) return false;
    }
  }

  /** Journal rows up to `limit` waiting to be delivered, counted up to maxFileRecords. */
  private async waiting(from: number, ranges: LoggingRange[], limit: number): Promise<number> {
    const head = Math.min(limit, await this.options.events.head());
    const last = ranges.at(-1)!;
    const end = last.upto === undefined ? head : Math.min(head, last.upto);
    return Math.max(0, Math.min(end - from, this.options.maxFileRecords));
  }

  private async deliverRange(trail: Trail, range: { cursor: number; from: number; upto: number; at: Date }, entries: JournalEntry[]): Promise<boolean> {
    const { clock, deliveries, trails, db } = this.options;
    const selectors = trail.selectors ?? DEFAULT_SELECTORS;
    const chosen = entries.filter(
      (e) =>
        (trail.isMultiRegionTrail || e.region === trail.homeRegion) &&
        (trail.includeGlobalServiceEvents || !GLOBAL_EVENT_SOURCES.has(e.eventSource)) &&
        selects(selectors, e),
    );
    let files: DeliveredFile[];
    try {
      files = await this.putFiles(trail, range, chosen);
    } catch (error) {
      await this.failed(trail, error);
      return false;
    }
    this.backoff.succeeded(trail.arn);
    const deliveredAt = files.length > 0 ? clock.now() : undefined;
    await db.transaction(async (tx) => {
      if (await deliveries.advance(tx, trail.arn, { cursor: range.cursor, upto: range.upto }, files, deliveredAt)) {
        await trails.dropPassedRanges(tx, trail.arn, range.upto);
      }
    });
    return true;
  }

  private async putFiles(trail: Trail, range: { from: number; upto: number; at: Date }, entries: JournalEntry[]): Promise<DeliveredFile[]> {
    const files = splitFiles(entries, this.options.maxFileBytes);
    const store = this.options.buckets.storeFor(trail.bucket);
    const delivered: DeliveredFile[] = [];
    const put = async (file: (typeof files)[number]) => {
      const body = logFileBody(file.entries.map((e) => e.record));
      const suffix = uniqueSuffix(trail.arn, file.region, range.from, range.upto, file.part);
      const key = logFileKey({ prefix: trail.prefix, accountId: trail.accountId, region: file.region }, range.at, suffix);
      const compressed = await gzipAsync(body);
      await store.putObject(trail.bucket, key, compressed, { contentType: 'application/json', contentEncoding: 'gzip' });
      const times = file.entries.map((e) => e.time);
      delivered.push({
        region: file.region,
        bucket: trail.bucket,
        key,
        sha256: createHash('sha256').update(body).digest('hex'),
        oldestEventTime: isoSeconds(new Date(Math.min(...times) * 1000)),
        newestEventTime: isoSeconds(new Date(Math.max(...times) * 1000)),
      });
    };
    for (let i = 0; i < files.length; i += PUT_CONCURRENCY) await Promise.all(files.slice(i, i + PUT_CONCURRENCY).map(put));
    return delivered;
  }

  private async failed(trail: Trail, error: unknown): Promise<void> {
    const now = this.options.clock.now();
    const delay = this.backoff.failed(trail.arn, now);
    const code = s3ErrorCode(error);
    this.options.logger.warn('trail log file delivery failed; retrying', { trail: trail.arn, bucket: trail.bucket, code, retryInMs: delay, error: String(error) });
    await this.options.deliveries.failed(trail.arn, now, code);
  }
}

/** Where reading starts: after the cursor and after the first range that is not passed yet; undefined when nothing is logged after the cursor. */
function startOf(cursor: number, ranges: LoggingRange[]): number | undefined {
  const next = ranges.find((r) => r.upto === undefined || r.upto > cursor);
  return next && Math.max(cursor, next.after);
}

function logged(position: number, ranges: LoggingRange[]): boolean {
  return ranges.some((r) => position > r.after && (r.upto === undefined || position <= r.upto));
}
