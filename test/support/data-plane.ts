// Helpers for data-plane tests: a configuration whose background work runs
// every few milliseconds, and reading what a data store holds the way the
// dataset engine will: the files datastoreFiles() names, through DuckDB.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULTS, type Config, type DataPlaneConfig } from '../../src/config/schema.ts';
import type { TestServer } from './server.ts';

export const FAST: DataPlaneConfig = {
  ...DEFAULTS.dataPlane,
  pipelineIntervalMs: 50,
  archiveIntervalMs: 50,
  flushIntervalMs: 50,
  compactionIntervalMs: 100,
  retentionIntervalMs: 50,
  deleteGraceMs: 0,
  retryMinMs: 50,
  retryMaxMs: 200,
};

/** Configuration with FAST background work; `dataPlane` members given override FAST's. */
export function fastConfig(more: Partial<Omit<Config, 'dataPlane'>> & { dataPlane?: Partial<DataPlaneConfig> } = {}): Partial<Config> {
  return { ...more, dataPlane: { ...FAST, ...more.dataPlane } };
}

export const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/** Every row of a data store, read from its files with DuckDB, partition columns included; rows as plain JSON values. */
export async function readDatastore(server: TestServer, name: string, region = server.region): Promise<Record<string, unknown>[]> {
  const listing = await server.app.dataPlane.datastoreFiles(region, name);
  if (!listing || listing.files.length === 0) return [];
  const scratch = mkdtempSync(join(tmpdir(), 'oia-read-'));
  try {
    const paths: string[] = [];
    for (const [i, file] of listing.files.entries()) {
      if (file.path) {
        paths.push(file.path);
        continue;
      }
      // Customer-managed: fetch the object, keeping its partition folders so DuckDB sees them.
      const local = join(scratch, String(i), file.partition, file.key.split('/').pop()!);
      const { body } = await server.app.buckets.storeFor(file.bucket!).getObject(file.bucket!, file.key);
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      mkdirSync(join(local, '..'), { recursive: true });
      writeFileSync(local, Buffer.concat(chunks));
      paths.push(local);
    }
    return await queryFiles(paths, listing.format);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The rows of a JSON data store exactly as written (gzip JSON lines), without DuckDB's type unification. */
export async function readJsonLines(server: TestServer, name: string, region = server.region): Promise<Record<string, unknown>[]> {
  const listing = await server.app.dataPlane.datastoreFiles(region, name);
  const rows: Record<string, unknown>[] = [];
  for (const file of listing?.files ?? []) {
    for (const line of gunzipSync(readFileSync(file.path!)).toString('utf8').split('\n')) if (line) rows.push(JSON.parse(line));
  }
  return rows;
}

export async function queryFiles(paths: string[], format: 'json' | 'parquet', sql = 'SELECT * FROM t'): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const list = `[${paths.map((p) => `'${p.replace(/'/g, "''")}'`).join(', ')}]`;
    const source =
      format === 'parquet'
        ? `read_parquet(${list}, hive_partitioning = true, union_by_name = true)`
        : `read_json(${list}, format = 'newline_delimited', hive_partitioning = true, union_by_name = true)`;
    await connection.run(`CREATE VIEW t AS SELECT * FROM ${source}`);
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => plain(row) as Record<string, unknown>);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** DuckDB's JS values as JSON would have them: BIGINTs as numbers, NULL members left out. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, plain(v)]),
  );
}
