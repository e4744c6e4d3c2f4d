// Dataset schedules: CloudWatch Events `rate(…)` and `cron(…)` expressions,
// evaluated in UTC. Fire times are whole minutes; "next" is strictly after
// and "previous" strictly before the given time.
import { FIRST_YEAR, LAST_YEAR, parseCron, type CronSpec } from './cron-expression.ts';
import { DAY_MS, firesOnDay } from './cron-days.ts';
import { ScheduleExpressionError } from './schedule-error.ts';

export type Schedule =
  | { kind: 'rate'; expression: string; periodMs: number }
  | { kind: 'cron'; expression: string; spec: CronSpec };

const MINUTE_MS = 60_000;
const UNIT_MS: Record<string, number> = { minute: MINUTE_MS, hour: 60 * MINUTE_MS, day: DAY_MS };
const FIRST_DAY = Date.UTC(FIRST_YEAR, 0, 1);
const LAST_DAY = Date.UTC(LAST_YEAR, 11, 31);

export function parseSchedule(expression: string): Schedule {
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) return { kind: 'rate', expression, periodMs: parseRate(rate[1]) };
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return { kind: 'cron', expression, spec: parseCron(cron[1]) };
  invalid('use rate(value unit) or cron(minutes hours day-of-month month day-of-week year)');
}

/** `rate(N unit)`: N a positive integer, the unit singular for 1 and plural otherwise, as AWS enforces. */
function parseRate(body: string): number {
  const match = /^(\d+) +(minute|hour|day)(s?)$/.exec(body.trim());
  if (!match) invalid('a rate expression is rate(value unit) with a unit of minute(s), hour(s) or day(s)');
  const value = Number(match[1]);
  if (value === 0) invalid('the value of a rate expression must be a positive integer');
  if ((value === 1) !== (match[3] === '')) {
    invalid(value === 1 ? `use rate(1 ${match[2]}), the singular unit, for a value of 1` : `use the plural unit ${match[2]}s for a value greater than 1`);
  }
  return value * UNIT_MS[match[2]];
}

function asSchedule(schedule: Schedule | string): Schedule {
  return typeof schedule === 'string' ? parseSchedule(schedule) : schedule;
}

/**
 * The first fire time strictly after `after`, or null if there is none (a
 * cron whose years are past). A rate fires every period after `anchor`
 * (when the schedule was set), the first time one period after it.
 */
export function nextFireTime(schedule: Schedule | string, after: Date, anchor?: Date): Date | null {
  const s = asSchedule(schedule);
  const t = after.getTime();
  if (s.kind === 'rate') {
    const start = rateAnchor(s, anchor);
    const k = t < start ? 1 : Math.floor((t - start) / s.periodMs) + 1;
    return new Date(start + k * s.periodMs);
  }
  let day = Math.max(Math.floor(t / DAY_MS) * DAY_MS, FIRST_DAY);
  for (; day <= LAST_DAY; day += DAY_MS) {
    if (!firesOnDay(s.spec, day)) continue;
    const time = s.spec.times.find((minute) => day + minute * MINUTE_MS > t);
    if (time !== undefined) return new Date(day + time * MINUTE_MS);
  }
  return null;
}

/** The last fire time strictly before `before`, or null if there is none. */
export function previousFireTime(schedule: Schedule | string, before: Date, anchor?: Date): Date | null {
  const s = asSchedule(schedule);
  const t = before.getTime();
  if (s.kind === 'rate') {
    const start = rateAnchor(s, anchor);
    const k = Math.ceil((t - start) / s.periodMs) - 1;
    return k >= 1 ? new Date(start + k * s.periodMs) : null;
  }
  let day = Math.min(Math.floor(t / DAY_MS) * DAY_MS, LAST_DAY);
  for (; day >= FIRST_DAY; day -= DAY_MS) {
    if (!firesOnDay(s.spec, day)) continue;
    const time = [...s.spec.times].reverse().find((minute) => day + minute * MINUTE_MS < t);
    if (time !== undefined) return new Date(day + time * MINUTE_MS);
  }
  return null;
}

function rateAnchor(schedule: Schedule, anchor: Date | undefined): number {
  if (!anchor) throw new TypeError(`${schedule.expression} needs the time the schedule was set`);
  return anchor.getTime();
}

/**
 * The shortest time between two consecutive firings, in minutes (Infinity
 * when it fires at most once): what IoT Analytics' minimum intervals are
 * checked against (1 minute for SQL datasets, 15 by default for container
 * datasets). Cron fire times are the same every firing
 * day, so the shortest gap is within a day or from one firing day's last
 * time to the next firing day's first.
 */
export function minimumIntervalMinutes(schedule: Schedule | string): number {
  const s = asSchedule(schedule);
  if (s.kind === 'rate') return s.periodMs / MINUTE_MS;
  const times = s.spec.times;
  let shortest = Infinity;
  for (let i = 1; i < times.length; i++) shortest = Math.min(shortest, times[i] - times[i - 1]);
  let previous: number | undefined;
  for (let day = FIRST_DAY; day <= LAST_DAY; day += DAY_MS) {
    if (!firesOnDay(s.spec, day)) continue;
    if (previous !== undefined) {
      const gap = (day - previous) / MINUTE_MS - times[times.length - 1] + times[0];
      shortest = Math.min(shortest, gap);
      if (day - previous === DAY_MS) break; // consecutive days: no shorter cross-day gap exists
    }
    previous = day;
  }
  return shortest;
}

function invalid(reason: string): never {
  throw new ScheduleExpressionError(reason);
}
