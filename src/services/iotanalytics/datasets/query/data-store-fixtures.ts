// Writes data-store files with DuckDB, laid out as AWS lays them out
// (<dir>/__dt=YYYY-MM-DD 00:00:00/part-00000.parquet). Used by the tests'
// fixtures and by the dataset benchmark, which needs a 10-million-row store
// quickly: rows come from DuckDB's range(), never through JavaScript.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteString } from '../sql/output.ts';

export type FileFormat = 'parquet' | 'json';

export interface PartitionRows {
  /** The partition's day, YYYY-MM-DD. */
  day: string;
  /** A SELECT producing the partition's rows (the __dt column comes from the directory). */
  select: string;
}

/** Writes one file per partition and returns the files' paths. */
export async function writeDataStoreFiles(dir: string, format: FileFormat, partitions: PartitionRows[]): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const files: string[] = [];
    for (const { day, select } of partitions) {
      const partitionDir = join(dir, `__dt=${day} 00:00:00`);
      await mkdir(partitionDir, { recursive: true });
      const file = join(partitionDir, `part-00000.${format}`);
      await connection.run(`COPY (${select}) TO ${quoteString(file)} (FORMAT ${format === 'parquet' ? 'PARQUET' : 'JSON'})`);
      files.push(file);
    }
    return files;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export interface SyntheticDataStore {
  dir: string;
  rows: number;
  days: number;
  format?: FileFormat;
  /** First day, YYYY-MM-DD (default 2020-01-01). */
  firstDay?: string;
}

/**
 * A typical IoT data store: `rows` readings spread evenly over `days` daily
 * partitions, from 1000 devices, one reading per device every few seconds:
 *   deviceid VARCHAR, epoch BIGINT (event time, seconds), temperature DOUBLE,
 *   humidity DOUBLE, status VARCHAR ('ok' | 'warn' | 'fail').
 */
export async function writeSyntheticDataStore(store: SyntheticDataStore): Promise<string[]> {
  const first = Date.parse(`${store.firstDay ?? '2020-01-01'}T00:00:00Z`);
  const perDay = Math.ceil(store.rows / store.days);
  const partitions: PartitionRows[] = [];
  for (let d = 0; d < store.days; d++) {
    const from = d * perDay;
    const to = Math.min(store.rows, from + perDay);
    if (from >= to) break;
    const dayStart = (first + d * 86_400_000) / 1000;
    partitions.push({
      day: new Date(dayStart * 1000).toISOString().slice(0, 10),
      select: `SELECT 'device-' || (i % 1000) AS deviceid,
          ${dayStart} + CAST(((i - ${from}) * 86400) // ${to - from} AS BIGINT) AS epoch,
          20 + 10 * sin(i / 1000.0) + (hash(i) % 100) / 100.0 AS temperature,
          50 + (hash(i * 7) % 5000) / 100.0 AS humidity,
          CASE WHEN i % 100 = 0 THEN 'fail' WHEN i % 10 = 0 THEN 'warn' ELSE 'ok' END AS status
        FROM range(${from}, ${to}) t(i)`,
    });
  }
  return writeDataStoreFiles(store.dir, store.format ?? 'parquet', partitions);
}
