// The seam the integrity side (digest files) hangs on: StopLogging and
// DeleteTrail tell registered listeners after their change committed, so a
// final digest can be written (reference §4.5). A listener that fails is
// logged; the call it follows has succeeded already.
import type { Logger } from '../../lib/logger.ts';
import type { Trail } from './trail-store.ts';

export interface TrailLifecycleListener {
  /** The trail stopped logging at `at` (its state as committed by StopLogging). */
  loggingStopped(trail: Trail, at: Date): Promise<void>;
  /** The trail was deleted at `at` (its last state before DeleteTrail). */
  trailDeleted(trail: Trail, at: Date): Promise<void>;
}

export class TrailLifecycle {
  private readonly listeners: TrailLifecycleListener[] = [];

  constructor(private readonly logger: Logger) {}

  register(listener: TrailLifecycleListener): void {
    this.listeners.push(listener);
  }

  loggingStopped(trail: Trail, at: Date): Promise<void> {
    return this.notify('loggingStopped', trail, at);
  }

  trailDeleted(trail: Trail, at: Date): Promise<void> {
    return this.notify('trailDeleted', trail, at);
  }

  private async notify(event: keyof TrailLifecycleListener, trail: Trail, at: Date): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener[event](trail, at);
      } catch (error) {
        this.logger.error(`trail lifecycle listener failed on ${event}`, { trail: trail.arn, error: String(error) });
      }
    }
  }
}
