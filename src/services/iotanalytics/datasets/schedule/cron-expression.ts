// CloudWatch Events / EventBridge cron expressions, as the EventBridge user
// guide ("Cron expressions reference") documents them: six fields
//   minutes hours day-of-month month day-of-week year
// with , - * / in every field, ? L W in day-of-month, ? L # in day-of-week,
// names JAN–DEC and SUN–SAT (day-of-week 1 = SUN … 7 = SAT), years
// 1970–2199, and exactly one of day-of-month/day-of-week given as "?".
import { ScheduleExpressionError } from './schedule-error.ts';

export type DayOfMonthRule =
  | { kind: 'days'; days: ReadonlySet<number> }
  | { kind: 'last' } // L
  | { kind: 'lastWeekday' } // LW
  | { kind: 'nearestWeekday'; day: number }; // 15W

export type DayOfWeekRule =
  | { kind: 'days'; days: ReadonlySet<number> }
  | { kind: 'lastOfMonth'; day: number } // 5L: the month's last Thursday
  | { kind: 'nth'; day: number; nth: number }; // 3#2: the month's second Tuesday

export interface CronSpec {
  /** Minutes of the day at which it fires, ascending (hour × 60 + minute). */
  times: readonly number[];
  months: ReadonlySet<number>;
  years: ReadonlySet<number>;
  /** Exactly one of the two is set; the other field was "?". */
  dayOfMonth?: DayOfMonthRule;
  dayOfWeek?: DayOfWeekRule;
}

interface FieldRange {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MINUTES: FieldRange = { name: 'Minutes', min: 0, max: 59 };
const HOURS: FieldRange = { name: 'Hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldRange = { name: 'Day-of-month', min: 1, max: 31 };
const MONTH: FieldRange = {
  name: 'Month', min: 1, max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
const DAY_OF_WEEK: FieldRange = { name: 'Day-of-week', min: 1, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };
const YEAR: FieldRange = { name: 'Year', min: 1970, max: 2199 };

export const FIRST_YEAR = YEAR.min;
export const LAST_YEAR = YEAR.max;

/** Parses the text inside `cron(…)`. */
export function parseCron(body: string): CronSpec {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) invalid(`a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), found ${fields.length}`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    invalid("one of the Day-of-month and Day-of-week fields must be '?' and the other must not");
  }
  const minuteSet = parseList(minutes, MINUTES);
  const times = [...parseList(hours, HOURS)].flatMap((h) => [...minuteSet].map((m) => h * 60 + m)).sort((a, b) => a - b);
  return {
    times,
    months: parseList(month, MONTH),
    years: parseList(year, YEAR),
    dayOfMonth: dayOfMonth === '?' ? undefined : parseDayOfMonth(dayOfMonth),
    dayOfWeek: dayOfWeek === '?' ? undefined : parseDayOfWeek(dayOfWeek),
  };
}

function parseDayOfMonth(text: string): DayOfMonthRule {
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d+)W$/.exec(text);
  if (weekday) return { kind: 'nearestWeekday', day: value(weekday[1], DAY_OF_MONTH) };
  return { kind: 'days', days: parseList(text, DAY_OF_MONTH) };
}

function parseDayOfWeek(text: string): DayOfWeekRule {
  if (text === 'L') return { kind: 'days', days: new Set([7]) }; // the week's last day, Saturday
  const last = /^(\w+)L$/i.exec(text);
  if (last) return { kind: 'lastOfMonth', day: value(last[1], DAY_OF_WEEK) };
  const nth = /^(\w+)#(\d+)$/.exec(text);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) invalid(`'${text}' in the Day-of-week field: the number after # must be 1 to 5`);
    return { kind: 'nth', day: value(nth[1], DAY_OF_WEEK), nth: n };
  }
  if (text.includes('#')) invalid(`'${text}' in the Day-of-week field: # allows a single expression`);
  return { kind: 'days', days: parseList(text, DAY_OF_WEEK) };
}

// `*`, values, ranges (wrapping past the maximum, as Quartz allows: 22-2),
// steps ("0/15", "*/5", "10-30/5") and lists of these.
function parseList(text: string, field: FieldRange): Set<number> {
  const result = new Set<number>();
  for (const part of text.split(',')) {
    const [rangeText, stepText, extra] = part.split('/');
    if (extra !== undefined || rangeText === '') invalid(`'${part}' is not valid in the ${field.name} field`);
    const step = stepText === undefined ? 1 : positiveInteger(stepText, field);
    let from: number;
    let to: number;
    if (rangeText === '*') {
      [from, to] = [field.min, field.max];
    } else if (rangeText.includes('-')) {
      const [a, b, more] = rangeText.split('-');
      if (more !== undefined) invalid(`'${part}' is not valid in the ${field.name} field`);
      [from, to] = [value(a, field), value(b, field)];
    } else {
      from = value(rangeText, field);
      to = stepText === undefined ? from : field.max; // "5/15": from 5 to the end, every 15
    }
    const span = to >= from ? to - from : to - from + (field.max - field.min + 1);
    for (let k = 0; k <= span; k += step) {
      const v = from + k;
      result.add(v > field.max ? v - (field.max - field.min + 1) : v);
    }
  }
  return result;
}

function value(text: string, field: FieldRange): number {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return field.min + named;
  if (!/^\d+$/.test(text)) invalid(`'${text}' is not a valid value in the ${field.name} field`);
  const n = Number(text);
  if (n < field.min || n > field.max) invalid(`${n} is out of range in the ${field.name} field (${field.min}-${field.max})`);
  return n;
}

function positiveInteger(text: string, field: FieldRange): number {
  if (!/^\d+$/.test(text) || Number(text) === 0) invalid(`'${text}' is not a valid increment in the ${field.name} field`);
  return Number(text);
}

function invalid(reason: string): never {
  throw new ScheduleExpressionError(reason);
}
