// A background job: runs its work now and then, and again at once while the
// work says there is more to do. wake() asks for a run as soon as possible
// (new messages arrived); holdFor() makes the job wait (a retry with
// back-off) whatever wakes it; stop() waits for a run in progress to finish,
// so shutdown never cuts a write in half. Timers run on real time: they pace
// work, they do not decide what data means.
import type { Logger } from '../../../lib/logger.ts';

/** Resolves true when there is more work to do right away. */
export type JobWork = () => Promise<boolean>;

export class Job {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wakeRequested = false;
  private stopped = true;
  private holdUntil = 0;

  constructor(
    readonly name: string,
    private readonly intervalMs: number,
    private readonly work: JobWork,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  wake(): void {
    if (this.stopped || this.holdUntil > Date.now()) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  /** No run for `ms` (wake() included), e.g. after a failure. */
  holdFor(ms: number): void {
    this.holdUntil = Date.now() + ms;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), ms);
  }

  private run(): void {
    if (this.running || this.stopped) return;
    this.wakeRequested = false;
    this.running = this.work()
      .catch((error: unknown) => {
        this.logger.error(`${this.name} failed`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        return false;
      })
      .then((more) => {
        this.running = undefined;
        if (this.stopped) return;
        const held = this.holdUntil - Date.now();
        if (held > 0) this.schedule(held);
        else this.schedule(more || this.wakeRequested ? 0 : this.intervalMs);
      });
  }
}
