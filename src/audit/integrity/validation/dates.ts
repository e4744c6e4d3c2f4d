// Dates as awscli's validate-logs reads and prints them. It parses with
// dateutil and then *replaces* the zone with UTC; we read the ISO 8601 forms
// users and digests write (a date alone, time with or without seconds and
// fractions, `Z` or an offset, the compact form of digest names) and treat a
// time without a zone as UTC, which is what that replacement amounts to.
import { parseCompactTime } from '../layout.ts';

/** ParamValidationError in awscli: a bad argument, exit code 252. */
export class ParamValidationError extends Error {}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseDate(value: unknown): Date {
  const text = String(value);
  const compact = parseCompactTime(text);
  if (compact) return compact;
  const m = ISO.exec(text.trim());
  if (m) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = m;
    const offset = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${offset}`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new ParamValidationError(`Unable to parse date value: ${text}`);
}

/** '%Y-%m-%dT%H:%M:%SZ', the form every line of the report uses. */
export function displayDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
