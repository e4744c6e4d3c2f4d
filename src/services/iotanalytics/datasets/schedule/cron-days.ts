// Which days a cron expression fires on (all in UTC, as EventBridge
// evaluates schedules).
import type { CronSpec, DayOfMonthRule, DayOfWeekRule } from './cron-expression.ts';

export const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, AWS's numbering. */
function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function isWeekday(year: number, month: number, day: number): boolean {
  const dow = dayOfWeek(year, month, day);
  return dow !== 1 && dow !== 7;
}

/** Quartz's "nW": the weekday nearest to day n, never leaving the month. */
function nearestWeekday(year: number, month: number, day: number): number | undefined {
  const last = daysInMonth(year, month);
  if (day > last) return undefined;
  const dow = dayOfWeek(year, month, day);
  if (dow === 7) return day === 1 ? 3 : day - 1; // Saturday: Friday, or Monday the 3rd
  if (dow === 1) return day === last ? day - 2 : day + 1; // Sunday: Monday, or Friday before
  return day;
}

function lastWeekday(year: number, month: number): number {
  let day = daysInMonth(year, month);
  while (!isWeekday(year, month, day)) day--;
  return day;
}

function matchesDayOfMonth(rule: DayOfMonthRule, year: number, month: number, day: number): boolean {
  switch (rule.kind) {
    case 'days':
      return rule.days.has(day);
    case 'last':
      return day === daysInMonth(year, month);
    case 'lastWeekday':
      return day === lastWeekday(year, month);
    case 'nearestWeekday':
      return day === nearestWeekday(year, month, rule.day);
  }
}

function matchesDayOfWeek(rule: DayOfWeekRule, year: number, month: number, day: number): boolean {
  const dow = dayOfWeek(year, month, day);
  switch (rule.kind) {
    case 'days':
      return rule.days.has(dow);
    case 'lastOfMonth':
      return dow === rule.day && day + 7 > daysInMonth(year, month);
    case 'nth':
      return dow === rule.day && Math.ceil(day / 7) === rule.nth;
  }
}

/** True when the expression fires on the UTC day starting at `dayStart` (ms). */
export function firesOnDay(spec: CronSpec, dayStart: number): boolean {
  const date = new Date(dayStart);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  if (!spec.years.has(year) || !spec.months.has(month)) return false;
  if (spec.dayOfMonth) return matchesDayOfMonth(spec.dayOfMonth, year, month, day);
  return matchesDayOfWeek(spec.dayOfWeek!, year, month, day);
}
