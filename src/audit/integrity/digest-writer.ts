// Digest files (reference §6.2): for every trail with log file validation and
// every Region it has log files for, one signed digest per period of
// `intervalSeconds` on the injected clock, chained to the previous one, empty
// periods included, and a final digest when logging stops or the trail is
// deleted.
//
// Periods. A chain belongs to one logging session: its first period starts at
// StartLogging (to the second; AWS's hours are not aligned to the clock
// either), each next one where the previous ended. StopLogging (or DeleteTrail)
// closes the chain with a final digest; the next StartLogging begins a new
// chain whose first digest has null previous* fields, as AWS does (§6.2: "the
// first digest after … stop/start logging"). Validators report the gap between
// two chains as "No log files were delivered".
//
// Which log files a digest lists: those of its trail and Region whose
// delivered_at (the clock when the delivery committed) falls in the period
// [digestStartTime, digestEndTime). A period's digest is built only once the
// clock has passed its end and after `TrailDelivery.flush`, which runs after
// every delivery already under way and delivers what is waiting: a delivery
// that commits after that read the clock after the period ended, so no log
// file can still be dated inside a period whose digest is written. The final
// digest ends just after the later of the stop and the last file its flush
// delivered, so that it lists every file of the session.
//
// Each trail's digests are written in its own queue (as its deliveries are):
// a trail's runs never overlap, and a bucket that is slow or hangs holds up
// only its own trail's digests, and only StopLogging or DeleteTrail of that
// trail (they wait for the final digest).
//
// One digest is crash-safe (DigestStore): plan (its end), put (the key is
// derived from the end), commit (the chain moves on). A failing bucket is
// retried with back-off; the periods wait and are all written, in order, once
// it takes them.
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { KeyedSerialQueues } from '../../lib/serial.ts';
import type { Buckets } from '../../storage/buckets/buckets.ts';
import { RetryBackoff, s3ErrorCode } from '../delivery/bucket-retry.ts';
import type { DeliveryStore } from '../delivery/delivery-store.ts';
import type { TrailDelivery } from '../delivery/trail-delivery.ts';
import type { TrailLifecycleListener } from '../trails/lifecycle.ts';
import type { Trail, TrailStore } from '../trails/trail-store.ts';
import { buildDigest, sha256Hex, signDigest } from './digest.ts';
import type { DigestChain, DigestStore } from './digest-store.ts';
import type { SigningKeys } from './keys/signing-keys.ts';
import { digestKey } from './layout.ts';

export interface DigestWriterOptions {
  digests: DigestStore;
  deliveries: DeliveryStore;
  delivery: Pick<TrailDelivery, 'flush'>;
  trails: TrailStore;
  buckets: Buckets;
  signingKeys: SigningKeys;
  clock: Clock;
  logger: Logger;
  intervalSeconds: number;
  /** How often (real time) the job looks at the clock. */
  pollMs: number;
}

const SECOND_MS = 1000;
const floorSecond = (ms: number) => Math.floor(ms / SECOND_MS) * SECOND_MS;
/** The first whole second strictly after `ms`. */
const afterSecond = (ms: number) => floorSecond(ms) + SECOND_MS;

/** A trail's bucket failed; the trail is retried after its back-off. */
class BucketFailed extends Error {}

export class DigestWriter implements TrailLifecycleListener {
  private timer?: NodeJS.Timeout;
  private readonly queues = new KeyedSerialQueues();
  private readonly backoff = new RetryBackoff();

  constructor(private readonly options: DigestWriterOptions) {}

  start(): void {
    // A tick passes over the trails still at work, so ticks never queue up behind a hanging bucket.
    this.timer = setInterval(() => void this.digestDue(true), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.queues.idle();
  }

  /** Writes every digest due by the clock, each trail after its own run under way if any; resolves once all are done. */
  runOnce(): Promise<void> {
    return this.digestDue(false);
  }

  private async digestDue(skipBusy: boolean): Promise<void> {
    const { trails, clock, logger } = this.options;
    let all: Trail[];
    try {
      all = await trails.all();
    } catch (error) {
      logger.error('trail digest failed', { error: String(error) });
      return;
    }
    const due = all.filter((t) => !(skipBusy && this.queues.busy(t.arn)));
    await Promise.all(
      due.map((t) =>
        this.queues
          .run(t.arn, async () => {
            if (this.backoff.waiting(t.arn, clock.now())) return;
            // Read again: the trail may have changed (or gone) while this run waited its turn.
            const trail = await trails.get(t.arn);
            if (trail) await this.digestTrail(trail);
          })
          .catch((error: unknown) => logger.error('trail digest failed', { trail: t.arn, error: String(error) })),
      ),
    );
  }

  /** The final digest of the session StopLogging ended (the job writes it too, e.g. after a restart). */
  loggingStopped(trail: Trail): Promise<void> {
    return this.queues.run(trail.arn, () => this.digestTrail(trail, true));
  }

  /**
   * The final digest of a deleted trail, then its chains are forgotten. One
   * attempt: as with the log files DeleteTrail could not deliver, a bucket
   * failing now means no final digest (docs/FIDELITY.md, "Trail integrity").
   */
  trailDeleted(trail: Trail, at: Date): Promise<void> {
    const ended = trail.isLogging ? { ...trail, isLogging: false, stopLoggingTime: at } : trail;
    return this.queues.run(trail.arn, async () => {
      await this.digestTrail(ended, true);
      await this.options.digests.forget(trail.arn);
    });
  }

  private async digestTrail(trail: Trail, stopped = false): Promise<void> {
    const { trails, logger } = this.options;
    try {
      let flushed = false;
      for (const region of await trails.regionsOf(trail)) {
        const chain = await this.currentChain(trail, region, stopped);
        if (chain) flushed = await this.writeDue(trail, chain, flushed);
      }
      this.backoff.succeeded(trail.arn);
    } catch (error) {
      if (!(error instanceof BucketFailed)) logger.error('trail digest failed', { trail: trail.arn, error: String(error) });
    }
  }

  /**
   * The open chain of a trail and Region, begun or closed as the trail's state
   * requires; undefined when no digest is to be written.
   */
  private async currentChain(trail: Trail, region: string, stopped: boolean): Promise<DigestChain | undefined> {
    const { digests, clock } = this.options;
    const chain = await digests.chain(trail.arn, region);
    if (!trail.logFileValidationEnabled) {
      // AWS writes no digest while validation is off; switching it on again starts a new chain.
      if (chain && !chain.closed) await digests.close(trail.arn, region);
      return undefined;
    }
    const session = trail.startLoggingTime;
    if (!session || (!trail.isLogging && !stopped && !chain)) return undefined;
    if (chain && !chain.closed) return chain;
    if (chain && chain.loggingStart.getTime() === session.getTime()) {
      // Closed in this session: validation was switched off and on again while logging.
      if (!trail.isLogging) return undefined;
      await digests.begin(trail.arn, region, session, new Date(floorSecond(clock.now().getTime())));
    } else {
      await digests.begin(trail.arn, region, session, new Date(floorSecond(session.getTime())));
    }
    return digests.chain(trail.arn, region);
  }

  /** Writes the chain's due digests, flushing the trail's delivery before the first; returns whether it flushed. */
  private async writeDue(trail: Trail, start: DigestChain, flushed: boolean): Promise<boolean> {
    const { digests, deliveries, clock } = this.options;
    const now = clock.now().getTime();
    let chain: DigestChain | undefined = start;
    while (chain && !chain.closed) {
      if (!chain.plan) {
        const periodEnd = chain.nextStart.getTime() + this.options.intervalSeconds * SECOND_MS;
        const ended = sessionEnd(trail, chain);
        const final = ended !== undefined && ended <= periodEnd;
        if (!final && now < periodEnd) break;
        if (!flushed) {
          // The delivery recorded its error; the digests wait for the files they must list.
          if (!(await this.options.delivery.flush(trail))) throw this.failed(trail);
          flushed = true;
        }
        let end = periodEnd;
        if (final) {
          const latest = (await deliveries.latestDelivered(trail.arn, chain.region))?.getTime() ?? 0;
          end = Math.max(afterSecond(Math.max(ended, latest)), chain.nextStart.getTime() + SECOND_MS);
        }
        await digests.plan(chain, new Date(end), final);
      } else {
        await this.writeDigest(trail, chain);
      }
      chain = await digests.chain(trail.arn, chain.region);
    }
    return flushed;
  }

  private async writeDigest(trail: Trail, chain: DigestChain): Promise<void> {
    const { digests, deliveries, signingKeys, buckets, clock } = this.options;
    const { region, nextStart: startTime } = chain;
    const endTime = chain.plan!.end;
    const files = await deliveries.deliveredIn(trail.arn, region, startTime, endTime);
    const key = digestKey({ prefix: trail.prefix, accountId: trail.accountId, region, trailName: trail.name, homeRegion: trail.homeRegion, endTime });
    const signingKey = await signingKeys.signingKey(region, clock.now());
    const signed = signDigest(
      buildDigest({
        accountId: trail.accountId,
        startTime,
        endTime,
        bucket: trail.bucket,
        key,
        fingerprint: signingKey.fingerprint,
        previous: chain.last ?? null,
        logFiles: files.map((f) => ({ ...f, oldestEventTime: new Date(f.oldestEventTime), newestEventTime: new Date(f.newestEventTime) })),
      }),
      signingKey.privateKey,
    );
    try {
      await buckets.storeFor(trail.bucket).putObject(trail.bucket, key, signed.body, {
        contentType: 'application/json',
        contentEncoding: 'gzip',
        metadata: signed.metadata,
      });
    } catch (error) {
      const code = s3ErrorCode(error);
      await digests.failed(trail.arn, code);
      throw this.failed(trail, { code, error: String(error) });
    }
    await digests.written(chain, { bucket: trail.bucket, key, hash: sha256Hex(signed.uncompressed), signature: signed.signature }, clock.now());
  }

  /** Backs the trail off; the error to throw. */
  private failed(trail: Trail, details: object = {}): BucketFailed {
    const retryInMs = this.backoff.failed(trail.arn, this.options.clock.now());
    this.options.logger.warn('trail digest delivery failed; retrying', { trail: trail.arn, bucket: trail.bucket, retryInMs, ...details });
    return new BucketFailed();
  }
}

/**
 * When the chain's logging session ended (epoch ms); undefined while it goes
 * on. A chain from an earlier session than the trail's (its final digest was
 * never written, e.g. a crash right after StopLogging) ended by the trail's
 * latest StartLogging at the latest.
 */
function sessionEnd(trail: Trail, chain: DigestChain): number | undefined {
  const start = trail.startLoggingTime!.getTime();
  const stop = trail.stopLoggingTime?.getTime();
  if (start !== chain.loggingStart.getTime()) return stop !== undefined && stop < start ? stop : start;
  return trail.isLogging ? undefined : stop;
}
