// How `oia events` prints events: a table with the console's default columns,
// the LookupEvents JSON, CSV with the columns of the console's "Download
// events", or JSON log-file form ({"Records":[…]}).
import type { Event } from '@aws-sdk/client-cloudtrail';

export type OutputFormat = 'table' | 'json' | 'csv';

const TABLE_COLUMNS: [string, (e: Event) => string][] = [
  ['Event time', (e) => time(e)],
  ['User name', (e) => e.Username ?? ''],
  ['Event name', (e) => e.EventName ?? ''],
  ['Event source', (e) => e.EventSource ?? ''],
  ['Resource type', (e) => (e.Resources ?? []).map((r) => r.ResourceType).join(', ')],
  ['Resource name', (e) => (e.Resources ?? []).map((r) => r.ResourceName).join(', ')],
];

// The console's CSV download columns (reference §3.4; the exact header is not documented).
const CSV_COLUMNS: [string, (e: Event) => string][] = [
  ['Event ID', (e) => e.EventId ?? ''],
  ['Event time', (e) => time(e)],
  ['User name', (e) => e.Username ?? ''],
  ['Event name', (e) => e.EventName ?? ''],
  ['Resource type', (e) => (e.Resources ?? []).map((r) => r.ResourceType).join(', ')],
  ['Resource name', (e) => (e.Resources ?? []).map((r) => r.ResourceName).join(', ')],
  ['AWS access key', (e) => e.AccessKeyId ?? ''],
  ['AWS region', (e) => record(e).awsRegion ?? ''],
  ['Error code', (e) => record(e).errorCode ?? ''],
  ['Source IP address', (e) => record(e).sourceIPAddress ?? ''],
  ['Resources', (e) => JSON.stringify(e.Resources ?? [])],
];

function time(event: Event): string {
  return event.EventTime ? event.EventTime.toISOString().replace('.000Z', 'Z') : '';
}

function record(event: Event): Record<string, string | undefined> {
  return JSON.parse(event.CloudTrailEvent ?? '{}') as Record<string, string | undefined>;
}

/** A table of whole rows, columns as wide as their widest cell. */
export function table(events: Event[]): string {
  const rows = [TABLE_COLUMNS.map(([title]) => title), ...events.map((e) => TABLE_COLUMNS.map(([, cell]) => cell(e)))];
  const widths = TABLE_COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}

/** One event per line, in the table's column order, for following events as they come. */
export function line(event: Event): string {
  return TABLE_COLUMNS.map(([, cell]) => cell(event) || '-').join('  ') + '\n';
}

export function csv(events: Event[]): string {
  const rows = [CSV_COLUMNS.map(([title]) => title), ...events.map((e) => CSV_COLUMNS.map(([, cell]) => cell(e)))];
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * A CSV cell that a spreadsheet shows as text: a value starting with = + - @
 * (or a tab or carriage return) would be read as a formula, so it gets a
 * leading apostrophe, as the CloudTrail console's download does against CSV
 * injection; quotes, commas and line breaks are quoted.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** LookupEvents' own JSON shape, as `aws cloudtrail lookup-events` prints it. */
export function lookupJson(events: Event[]): string {
  return JSON.stringify({ Events: events }, null, 2) + '\n';
}

/** The log-file form: the full records. */
export function recordsJson(events: Event[]): string {
  return JSON.stringify({ Records: events.map((e) => JSON.parse(e.CloudTrailEvent ?? 'null')) }, null, 2) + '\n';
}

export function render(events: Event[], format: OutputFormat): string {
  if (format === 'csv') return csv(events);
  if (format === 'json') return lookupJson(events);
  return table(events);
}
