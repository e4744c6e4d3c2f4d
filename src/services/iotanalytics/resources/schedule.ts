// Dataset schedules in CloudWatch Events syntax (UTC): `rate(N unit)` or
// `cron(minutes hours day-of-month month day-of-week year)`, as AWS IoT
// Analytics documents them ("Schedule expressions" in the CloudWatch Events
// user guide). `shortestIntervalMinutes` is what the minimum-interval quotas
// compare against: exact for rate(), for cron() the smallest gap between the
// minutes it fires at within an hour (an upper bound on how often it runs).

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440 };

const MONTHS = 'JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC';
const DAYS = 'SUN|MON|TUE|WED|THU|FRI|SAT';
const FIELDS = [
  { name: 'minutes', value: '\\d{1,2}', min: 0, max: 59, extra: '' },
  { name: 'hours', value: '\\d{1,2}', min: 0, max: 23, extra: '' },
  { name: 'day-of-month', value: '\\d{1,2}', min: 1, max: 31, extra: '|\\?|L|LW|\\d{1,2}W' },
  { name: 'month', value: `\\d{1,2}|${MONTHS}`, min: 1, max: 12, extra: '' },
  { name: 'day-of-week', value: `\\d|${DAYS}`, min: 1, max: 7, extra: '|\\?|L|\\dL|\\d#\\d' },
  { name: 'year', value: '\\d{4}', min: 1970, max: 2199, extra: '' },
];

function fieldPattern(value: string, extra: string): RegExp {
  const item = `(?:\\*|(?:${value})(?:-(?:${value}))?)(?:/\\d{1,4})?`;
  return new RegExp(`^(?:${item}(?:,${item})*${extra})$`, 'i');
}
const PATTERNS = FIELDS.map((f) => fieldPattern(f.value, f.extra));

function numbersIn(field: string): number[] {
  return (field.match(/\d+/g) ?? []).map(Number);
}

/** The minutes of the hour a cron minutes field fires at, or undefined if it is out of range. */
function minutesOf(field: string): number[] | undefined {
  const minutes = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [0, 59];
    else if (range.includes('-')) [from, to] = range.split('-').map(Number);
    else [from, to] = [Number(range), stepText === undefined ? Number(range) : 59];
    if (step < 1 || from > to || to > 59) return undefined;
    for (let m = from; m <= to; m += step) minutes.add(m);
  }
  return [...minutes].sort((a, b) => a - b);
}

/** The shortest time between two runs, in minutes, or undefined when the expression is not valid. */
export function shortestIntervalMinutes(expression: string): number | undefined {
  const rate = RATE.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2].replace(/s$/, '');
    // CloudWatch Events wants the singular for 1 and the plural otherwise.
    if (n < 1 || (n === 1) !== (rate[2] === unit)) return undefined;
    return n * UNIT_MINUTES[unit];
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return undefined;
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  for (let i = 0; i < 6; i++) {
    if (!PATTERNS[i].test(fields[i])) return undefined;
    const { min, max } = FIELDS[i];
    const numeric = i === 4 ? fields[i].replace(/#\d/, '') : fields[i].replace(/\/\d+/g, '');
    if (numbersIn(numeric).some((n) => n < min || n > max)) return undefined;
  }
  // One of day-of-month and day-of-week must be '?'.
  if ((fields[2] === '?') === (fields[4] === '?')) return undefined;
  const minutes = minutesOf(fields[0]);
  if (!minutes || minutes.length === 0) return undefined;
  if (minutes.length === 1) return 60;
  let gap = 60 - minutes[minutes.length - 1] + minutes[0];
  for (let i = 1; i < minutes.length; i++) gap = Math.min(gap, minutes[i] - minutes[i - 1]);
  return gap;
}
