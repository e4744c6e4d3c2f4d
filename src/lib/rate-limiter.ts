// At most N calls per key in any one-second window, on the injected clock.
import type { Clock } from './clock.ts';

const WINDOW_MS = 1000;

export class RateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
  ) {}

  /** Counts a call under `key` and says whether it is within the limit. */
  tryTake(key: string): boolean {
    const now = this.clock.now().getTime();
    const recent = (this.calls.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    const allowed = recent.length < this.perSecond;
    if (allowed) recent.push(now);
    this.calls.set(key, recent);
    return allowed;
  }
}
