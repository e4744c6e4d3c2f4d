// Where a stored message goes inside its data store: Hive-style folders,
// `__dt=YYYY-MM-DD 00:00:00` first (the day the message was ingested, the
// column every data store has), then one folder per custom partition in the
// order the data store lists them: `__partition_<attribute>=<value>` for an
// attribute partition, `__year=YYYY/__month=MM/__day=DD/__hour=HH` (UTC)
// for the timestamp partition (reference §5.1 "Store"; the folder order and
// the zero-padding are ours, docs/FIDELITY.md "Data stores").
import type { DatastorePartitions } from '@aws-sdk/client-iotanalytics';
import type { JsonObject, JsonValue } from '../../pipeline-engine/index.ts';
import { compileTimestampFormat, epochSeconds, TimestampFormatError, type TimestampParser } from './timestamp-format.ts';

/** Hive's name for the folder of rows whose partition value is missing (SQL reads it as NULL). */
export const DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__';

type Dimension = { kind: 'attribute'; name: string } | { kind: 'timestamp'; name: string; parser: TimestampParser };

export interface PartitionScheme {
  readonly dimensions: readonly Dimension[];
}

export function partitionScheme(partitions: DatastorePartitions | undefined): PartitionScheme {
  const dimensions: Dimension[] = (partitions?.partitions ?? []).map((p) => {
    if (p.attributePartition) return { kind: 'attribute', name: p.attributePartition.attributeName! };
    const { attributeName, timestampFormat } = p.timestampPartition!;
    return { kind: 'timestamp', name: attributeName!, parser: timestampFormat ? parserOf(timestampFormat) : epochSeconds };
  });
  return { dimensions };
}

// A Java pattern we cannot read (a letter we do not support) must not stop
// the pipeline: its messages go to the default partition.
function parserOf(format: string): TimestampParser {
  try {
    return compileTimestampFormat(format);
  } catch (error) {
    if (error instanceof TimestampFormatError) return { parse: () => undefined };
    throw error;
  }
}

/**
 * The partition folder path (no trailing '/') of a message ingested on the
 * day whose folder (dayFolder) is `day`.
 */
export function partitionPath(scheme: PartitionScheme, message: JsonObject, day: string): string {
  let path = day;
  for (const dimension of scheme.dimensions) {
    const value = Object.hasOwn(message, dimension.name) ? message[dimension.name] : undefined;
    if (dimension.kind === 'attribute') {
      path += `/__partition_${dimension.name}=${partitionValue(value)}`;
      continue;
    }
    const time = value === undefined || value === null ? undefined : dimension.parser.parse(typeof value === 'string' ? value : JSON.stringify(value));
    path += time === undefined ? timeFolders(undefined) : timeFolders(new Date(time));
  }
  return path;
}

/** The day (UTC midnight, ms) a partition path's `__dt` names. */
export function partitionDay(path: string): number {
  return Date.parse(`${path.slice(5, 15)}T00:00:00Z`);
}

function timeFolders(date: Date | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return ['year', 'month', 'day', 'hour'].map((f) => `/__${f}=${DEFAULT_PARTITION}`).join('');
  const two = (n: number) => String(n).padStart(2, '0');
  return `/__year=${date.getUTCFullYear()}/__month=${two(date.getUTCMonth() + 1)}/__day=${two(date.getUTCDate())}/__hour=${two(date.getUTCHours())}`;
}

function partitionValue(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return DEFAULT_PARTITION;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === '' ? DEFAULT_PARTITION : escapePathValue(text);
}

// Hive's FileUtils.escapePathName: characters that cannot stand in a folder
// name (or would be read as part of the layout) become %XX; readers of Hive
// layouts (DuckDB, Athena, Spark) decode them.
const ESCAPED = new Set(['"', '#', '%', "'", '*', '/', ':', '=', '?', '\\', '\x7f', '{', '[', ']', '^']);

export function escapePathValue(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code < 0x20 || ESCAPED.has(ch) ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : ch;
  }
  return out;
}
