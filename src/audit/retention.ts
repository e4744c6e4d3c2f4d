// CloudTrail keeps event history for 90 days. The retention job deletes older
// events in the background: once at start, then every `intervalMs`, reading
// the time from the injected clock. LookupEvents applies the same cutoff, so
// what it returns does not depend on when the job last ran. Records a trail
// has still to deliver are kept past the cutoff until they are delivered
// (`deliveredUpTo`).
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { EventStore } from './event-store/event-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The oldest event time still retained. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

export interface RetentionOptions {
  store: EventStore;
  clock: Clock;
  retentionDays: number;
  intervalMs: number;
  logger: Logger;
  /** Journal position after which trails still have records to deliver: those are kept. */
  deliveredUpTo?: () => Promise<number | undefined>;
}

export class RetentionJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly options: RetentionOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.timer.unref();
    void this.runOnce();
  }

  /** Purges once (joining a purge already under way); resolves to the number of events deleted. */
  runOnce(): Promise<number> {
    this.running ??= this.purge().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async purge(): Promise<number> {
    const { store, clock, retentionDays, logger, deliveredUpTo } = this.options;
    try {
      const deleted = await store.purgeBefore(retentionCutoff(clock.now(), retentionDays), await deliveredUpTo?.());
      if (deleted > 0) logger.info('audit retention purged events', { deleted, retentionDays });
      return deleted;
    } catch (error) {
      logger.error('audit retention failed', { error: String(error) });
      return 0;
    }
  }
}
