// Delta windows (queryAction.filters[].deltaTime). The user guide: a
// scheduled dataset with a delta-time filter reads, on each run at time T,
// only the rows whose time expression falls in
//     [end of the previous window, T + offsetSeconds)
// so consecutive versions cover contiguous, non-overlapping windows; the
// offset (negative in AWS's examples) leaves room for data still in flight.
// The first window starts where the schedule's previous firing would have
// ended one; after a pause the next window catches up on everything since
// the last one.
import { previousFireTime, type Schedule } from '../schedule/schedule.ts';

export interface DeltaTime {
  offsetSeconds: number;
  /** A column or Presto expression giving each row's event time, e.g. from_unixtime(timestamp). */
  timeExpression: string;
}

export interface DeltaWindow {
  /** Inclusive; null when unbounded (a first run with no schedule to estimate it from). */
  start: Date | null;
  /** Exclusive. */
  end: Date;
}

export interface DeltaWindowInput {
  offsetSeconds: number;
  /** The run's time T: the schedule's fire time, or the CreateDatasetContent call's time. */
  runTime: Date;
  /** The end of the previous version's window; absent on the first run. */
  previousWindowEnd?: Date;
  /** The dataset's schedule, used to estimate the first window's start. */
  schedule?: Schedule;
  /** When a rate schedule was set (rate schedules count from it). */
  scheduleAnchor?: Date;
}

export function computeDeltaWindow(input: DeltaWindowInput): DeltaWindow {
  const offsetMs = input.offsetSeconds * 1000;
  const end = new Date(input.runTime.getTime() + offsetMs);
  let start: Date | null = input.previousWindowEnd ?? null;
  if (start === null && input.schedule) {
    const previousRun = previousFireTime(input.schedule, input.runTime, input.scheduleAnchor);
    start = previousRun && new Date(previousRun.getTime() + offsetMs);
  }
  // A run soon after the previous one (or after the offset grew) gets an
  // empty window rather than one that overlaps or runs backwards.
  if (start !== null && end < start) return { start, end: start };
  return { start, end };
}

const DAY_MS = 86_400_000;

/**
 * The DuckDB predicate restricting a data-store scan to a window:
 * `timeExpression` (already translated to DuckDB) in [start, end), plus a
 * bound on the `__dt` partition so DuckDB skips older days' files. `__dt` is
 * the ingestion day, which follows the event time; a day of margin keeps
 * rows from devices whose clocks run ahead. There is no upper bound: late
 * data arrives in later partitions.
 */
export function deltaScanFilter(timeExpression: string, window: DeltaWindow): string {
  const conditions: string[] = [];
  if (window.start !== null) {
    const firstDay = Math.floor(window.start.getTime() / DAY_MS) * DAY_MS - DAY_MS;
    conditions.push(`__dt >= ${timestampLiteral(new Date(firstDay))}`);
    conditions.push(`(${timeExpression}) >= ${timestampLiteral(window.start)}`);
  }
  conditions.push(`(${timeExpression}) < ${timestampLiteral(window.end)}`);
  return conditions.join(' AND ');
}

function timestampLiteral(time: Date): string {
  const iso = time.toISOString();
  return `TIMESTAMP '${iso.slice(0, 10)} ${iso.slice(11, 23)}'`;
}
