// Smithy timestamp formats (https://smithy.io/2.0/spec/protocol-traits.html#timestampformat-trait).

export type TimestampFormat = 'epoch-seconds' | 'date-time' | 'http-date';

// ISO-8601 with 0-9 fractional digits; JS sends ".123Z", boto3 ".123000Z".
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/i;

export function parseTimestamp(raw: unknown, format: TimestampFormat): Date | undefined {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? new Date(Math.round(raw * 1000)) : undefined;
  }
  if (typeof raw !== 'string') return undefined;
  if (format === 'epoch-seconds' && /^-?\d+(\.\d+)?$/.test(raw)) return new Date(Math.round(Number(raw) * 1000));
  if (DATE_TIME.test(raw)) {
    // Date.parse only understands up to millisecond precision.
    const normalised = raw.replace(/(\.\d{3})\d+/, '$1');
    const ms = Date.parse(normalised);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  if (format === 'http-date') {
    const ms = Date.parse(raw);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  return undefined;
}

export function formatTimestamp(value: Date, format: TimestampFormat): number | string {
  switch (format) {
    case 'epoch-seconds':
      return value.getTime() / 1000;
    case 'http-date':
      return value.toUTCString();
    case 'date-time':
      return value.toISOString();
  }
}
