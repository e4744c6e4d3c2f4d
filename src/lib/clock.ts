// Time is injected everywhere so that tests can move it: delivery windows,
// digest periods, schedules and retention all read this clock.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(start: Date | number = Date.now()) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(time: Date | number): void {
    this.ms = typeof time === 'number' ? time : time.getTime();
  }
}
