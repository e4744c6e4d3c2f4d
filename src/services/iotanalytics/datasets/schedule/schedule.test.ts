// Schedule expressions: the EventBridge user guide's examples ("Cron
// expressions reference", "Rate expressions"), the L/W/# rules, rates,
// previous fire times, validation messages and minimum intervals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScheduleExpressionError } from './schedule-error.ts';
import { minimumIntervalMinutes, nextFireTime, parseSchedule, previousFireTime } from './schedule.ts';

const at = (iso: string): Date => new Date(iso);
const next = (expression: string, after: string): string | undefined => nextFireTime(expression, at(after))?.toISOString();
const previous = (expression: string, before: string): string | undefined => previousFireTime(expression, at(before))?.toISOString();

/** The first `count` fire times after `after`. */
function series(expression: string, after: string, count: number): string[] {
  const schedule = parseSchedule(expression);
  const times: string[] = [];
  let t = at(after);
  for (let i = 0; i < count; i++) {
    t = nextFireTime(schedule, t)!;
    times.push(t.toISOString());
  }
  return times;
}

describe('cron: the EventBridge user guide examples', () => {
  it('0 10 * * ? * runs at 10:00 every day', () => {
    assert.equal(next('cron(0 10 * * ? *)', '2020-01-01T09:59:59Z'), '2020-01-01T10:00:00.000Z');
    assert.equal(next('cron(0 10 * * ? *)', '2020-01-01T10:00:00Z'), '2020-01-02T10:00:00.000Z');
  });

  it('15 12 * * ? * runs at 12:15 every day', () => {
    assert.deepEqual(series('cron(15 12 * * ? *)', '2020-12-31T13:00:00Z', 2), ['2021-01-01T12:15:00.000Z', '2021-01-02T12:15:00.000Z']);
  });

  it('0 18 ? * MON-FRI * runs at 18:00 Monday to Friday', () => {
    // 2020-01-03 is a Friday.
    assert.deepEqual(series('cron(0 18 ? * MON-FRI *)', '2020-01-03T12:00:00Z', 3), [
      '2020-01-03T18:00:00.000Z', '2020-01-06T18:00:00.000Z', '2020-01-07T18:00:00.000Z',
    ]);
  });

  it('0 8 1 * ? * runs at 8:00 on the first day of each month', () => {
    assert.deepEqual(series('cron(0 8 1 * ? *)', '2020-01-01T08:00:00Z', 2), ['2020-02-01T08:00:00.000Z', '2020-03-01T08:00:00.000Z']);
  });

  it('0/15 * * * ? * runs every 15 minutes', () => {
    assert.deepEqual(series('cron(0/15 * * * ? *)', '2020-01-01T23:31:10Z', 3), [
      '2020-01-01T23:45:00.000Z', '2020-01-02T00:00:00.000Z', '2020-01-02T00:15:00.000Z',
    ]);
  });

  it('0/10 * ? * MON-FRI * runs every 10 minutes on weekdays', () => {
    assert.equal(next('cron(0/10 * ? * MON-FRI *)', '2020-01-03T23:55:00Z'), '2020-01-06T00:00:00.000Z');
  });

  it('0/5 8-17 ? * MON-FRI * runs every 5 minutes from 8:00 to 17:55 on weekdays', () => {
    assert.equal(next('cron(0/5 8-17 ? * MON-FRI *)', '2020-01-06T17:54:00Z'), '2020-01-06T17:55:00.000Z');
    assert.equal(next('cron(0/5 8-17 ? * MON-FRI *)', '2020-01-06T17:55:00Z'), '2020-01-07T08:00:00.000Z');
  });

  it('0 9 ? * 2#1 * runs at 9:00 on the first Monday of each month', () => {
    assert.deepEqual(series('cron(0 9 ? * 2#1 *)', '2020-01-01T00:00:00Z', 3), [
      '2020-01-06T09:00:00.000Z', '2020-02-03T09:00:00.000Z', '2020-03-02T09:00:00.000Z',
    ]);
  });
});

describe('cron: wildcards', () => {
  it('L in day-of-month is the last day (leap years included), LW the last weekday', () => {
    assert.deepEqual(series('cron(0 0 L * ? *)', '2020-01-31T00:00:00Z', 2), ['2020-02-29T00:00:00.000Z', '2020-03-31T00:00:00.000Z']);
    // May 2020 ends on a Sunday.
    assert.equal(next('cron(0 0 LW * ? *)', '2020-05-01T00:00:00Z'), '2020-05-29T00:00:00.000Z');
  });

  it('nW is the weekday nearest to day n, without leaving the month', () => {
    // 2020-02-15 is a Saturday, 2020-03-15 a Sunday, 2020-08-01 a Saturday.
    assert.equal(next('cron(0 0 15W * ? *)', '2020-02-01T00:00:00Z'), '2020-02-14T00:00:00.000Z');
    assert.equal(next('cron(0 0 15W * ? *)', '2020-03-01T00:00:00Z'), '2020-03-16T00:00:00.000Z');
    assert.equal(next('cron(0 0 1W * ? *)', '2020-07-31T00:00:00Z'), '2020-08-03T00:00:00.000Z');
  });

  it('nL in day-of-week is the month\'s last such day; L alone is Saturday (day 7)', () => {
    assert.equal(next('cron(0 0 ? * 6L *)', '2020-01-01T00:00:00Z'), '2020-01-31T00:00:00.000Z');
    assert.equal(next('cron(0 0 ? * L *)', '2020-01-01T00:00:00Z'), '2020-01-04T00:00:00.000Z');
  });

  it('numbers day-of-week 1-7 from Sunday and accepts names in any case', () => {
    assert.equal(next('cron(0 12 ? * 1 *)', '2020-01-01T00:00:00Z'), '2020-01-05T12:00:00.000Z');
    assert.equal(next('cron(0 12 ? * sun *)', '2020-01-01T00:00:00Z'), '2020-01-05T12:00:00.000Z');
    assert.deepEqual(series('cron(0 0 1 JAN,jul ? *)', '2020-01-01T00:00:00Z', 2), ['2020-07-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z']);
  });

  it('lists, ranges with steps and ranges that wrap past the maximum', () => {
    assert.deepEqual(series('cron(5,10-20/5 * * * ? *)', '2020-01-01T00:00:00Z', 5), [
      '2020-01-01T00:05:00.000Z', '2020-01-01T00:10:00.000Z', '2020-01-01T00:15:00.000Z', '2020-01-01T00:20:00.000Z', '2020-01-01T01:05:00.000Z',
    ]);
    assert.deepEqual(series('cron(0 22-1 * * ? *)', '2020-01-01T12:00:00Z', 4), [
      '2020-01-01T22:00:00.000Z', '2020-01-01T23:00:00.000Z', '2020-01-02T00:00:00.000Z', '2020-01-02T01:00:00.000Z',
    ]);
  });

  it('stops at the year field', () => {
    assert.equal(next('cron(0 0 1 1 ? 2021)', '2021-01-01T00:00:00Z'), undefined);
    assert.equal(previous('cron(0 0 1 1 ? 2021)', '2030-06-01T00:00:00Z'), '2021-01-01T00:00:00.000Z');
  });
});

describe('previousFireTime', () => {
  it('is strictly before the given time', () => {
    assert.equal(previous('cron(0/15 * * * ? *)', '2020-01-01T10:30:00Z'), '2020-01-01T10:15:00.000Z');
    assert.equal(previous('cron(0/15 * * * ? *)', '2020-01-01T10:30:00.001Z'), '2020-01-01T10:30:00.000Z');
    assert.equal(previous('cron(0 18 ? * MON-FRI *)', '2020-01-06T17:00:00Z'), '2020-01-03T18:00:00.000Z');
  });
});

describe('rate', () => {
  const anchor = at('2020-01-01T10:07:00Z');

  it('fires every period after the time it was set', () => {
    assert.equal(nextFireTime('rate(1 hour)', anchor, anchor)?.toISOString(), '2020-01-01T11:07:00.000Z');
    assert.equal(nextFireTime('rate(1 hour)', at('2020-01-01T11:07:00Z'), anchor)?.toISOString(), '2020-01-01T12:07:00.000Z');
    assert.equal(nextFireTime('rate(5 minutes)', at('2020-01-01T09:00:00Z'), anchor)?.toISOString(), '2020-01-01T10:12:00.000Z');
    assert.equal(nextFireTime('rate(2 days)', anchor, anchor)?.toISOString(), '2020-01-03T10:07:00.000Z');
  });

  it('has no previous firing before its first', () => {
    assert.equal(previousFireTime('rate(1 hour)', at('2020-01-01T12:07:00Z'), anchor)?.toISOString(), '2020-01-01T11:07:00.000Z');
    assert.equal(previousFireTime('rate(1 hour)', at('2020-01-01T11:07:00Z'), anchor), null);
  });

  it('needs the time it was set', () => {
    assert.throws(() => nextFireTime('rate(1 hour)', anchor), TypeError);
  });
});

describe('invalid expressions', () => {
  const cases: [string, string][] = [
    ['rate(1 minutes)', 'use rate(1 minute), the singular unit, for a value of 1'],
    ['rate(5 hour)', 'use the plural unit hours for a value greater than 1'],
    ['rate(0 minutes)', 'the value of a rate expression must be a positive integer'],
    ['rate(5 weeks)', 'a rate expression is rate(value unit) with a unit of minute(s), hour(s) or day(s)'],
    ['rate(-1 days)', 'a rate expression is rate(value unit) with a unit of minute(s), hour(s) or day(s)'],
    ['cron(0 12 * * * *)', "one of the Day-of-month and Day-of-week fields must be '?' and the other must not"],
    ['cron(0 12 ? * ? *)', "one of the Day-of-month and Day-of-week fields must be '?' and the other must not"],
    ['cron(0 12 * * ?)', 'a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), found 5'],
    ['cron(60 * * * ? *)', '60 is out of range in the Minutes field (0-59)'],
    ['cron(0 24 * * ? *)', '24 is out of range in the Hours field (0-23)'],
    ['cron(0 0 32 * ? *)', '32 is out of range in the Day-of-month field (1-31)'],
    ['cron(0 0 ? * 8 *)', '8 is out of range in the Day-of-week field (1-7)'],
    ['cron(0 0 ? * FOO *)', "'FOO' is not a valid value in the Day-of-week field"],
    ['cron(0 0 ? * 3#6 *)', "'3#6' in the Day-of-week field: the number after # must be 1 to 5"],
    ['cron(0 0 ? * 3#1,6#3 *)', "'3#1,6#3' in the Day-of-week field: # allows a single expression"],
    ['cron(0 0 * * ? 1969)', '1969 is out of range in the Year field (1970-2199)'],
    ['cron(0/0 * * * ? *)', "'0' is not a valid increment in the Minutes field"],
    ['cron(0 0 W * ? *)', "'W' is not a valid value in the Day-of-month field"],
    ['every 5 minutes', 'use rate(value unit) or cron(minutes hours day-of-month month day-of-week year)'],
  ];
  for (const [expression, reason] of cases) {
    it(expression, () => {
      assert.throws(
        () => parseSchedule(expression),
        (error: unknown) => error instanceof ScheduleExpressionError && error.reason === reason,
      );
    });
  }
});

describe('minimum intervals', () => {
  it('measures rates and the shortest gap between cron firings', () => {
    assert.equal(minimumIntervalMinutes('rate(1 minute)'), 1);
    assert.equal(minimumIntervalMinutes('rate(2 hours)'), 120);
    assert.equal(minimumIntervalMinutes('cron(0/15 * * * ? *)'), 15);
    assert.equal(minimumIntervalMinutes('cron(0,5 * * * ? *)'), 5);
    assert.equal(minimumIntervalMinutes('cron(0 10 * * ? *)'), 1440);
    // 00:00 and 23:00 on Mondays only: 23 hours apart, never 1 hour.
    assert.equal(minimumIntervalMinutes('cron(0 0,23 ? * MON *)'), 1380);
    assert.equal(minimumIntervalMinutes('cron(0 0 1 1 ? 2021)'), Infinity);
  });
});
