// A small data store written by DuckDB into a temp directory, in both file
// formats, and a sandboxed query engine over it: the real files and the real
// engine the dataset tests query. Rows (partition __dt, then columns):
//   2020-01-01: 1 dev-1 …10:00:00Z 21.5  [a, b] {"a":{"b":[1,2]},"s":"x","n":null}
//               2 dev-2 …10:01:00Z 22.25 []     {"a":{"b":[]},"s":"y"}
//   2020-01-02: 3 dev-3 …10:00:00Z NULL  [c]    {}
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataStoreScan } from '../../src/services/iotanalytics/datasets/query/data-store-scan.ts';
import { writeDataStoreFiles, type FileFormat } from '../../src/services/iotanalytics/datasets/query/data-store-fixtures.ts';
import { DatasetQueryEngine, type DatasetQueryRequest } from '../../src/services/iotanalytics/datasets/query/engine.ts';
import type { TableResolver } from '../../src/services/iotanalytics/datasets/sql/translate.ts';

const COLUMNS = 'id, device, epoch, ts, temp, tags, payload';
const DAY_1 = `SELECT * FROM (VALUES
  (1::BIGINT, 'dev-1', 1577872800::BIGINT, '2020-01-01T10:00:00Z', 21.5::DOUBLE, ['a', 'b'], '{"a":{"b":[1,2]},"s":"x","n":null}'),
  (2::BIGINT, 'dev-2', 1577872860::BIGINT, '2020-01-01T10:01:00Z', 22.25::DOUBLE, []::VARCHAR[], '{"a":{"b":[]},"s":"y"}')
) t(${COLUMNS})`;
const DAY_2 = `SELECT * FROM (VALUES
  (3::BIGINT, 'dev-3', 1577959200::BIGINT, '2020-01-02T10:00:00Z', NULL::DOUBLE, ['c'], '{}')
) t(${COLUMNS})`;

export const FIXTURE_QUERY_TIME = new Date('2020-03-04T05:06:07.089Z');

export interface DatasetFixture {
  dir: string;
  engine: DatasetQueryEngine;
  /** `readings` in the given format, `empty_store` with no files, `typed_empty` with a declared schema. */
  tables(format: FileFormat): TableResolver;
  /** Runs a query and returns the CSV's lines (without the final newline). */
  query(sql: string, options?: Partial<DatasetQueryRequest> & { format?: FileFormat }): Promise<string[]>;
  close(): void;
}

export async function openDatasetFixture(): Promise<DatasetFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'oia-datasets-'));
  const stores = join(dir, 'stores');
  const results = join(dir, 'results');
  const files: Record<FileFormat, string[]> = { parquet: [], json: [] };
  for (const format of ['parquet', 'json'] as const) {
    files[format] = await writeDataStoreFiles(join(stores, format), format, [
      { day: '2020-01-01', select: DAY_1 },
      { day: '2020-01-02', select: DAY_2 },
    ]);
  }
  const engine = await DatasetQueryEngine.open({ allowedDirectories: [stores, results], threads: 2 });
  const tables = (format: FileFormat): TableResolver => {
    const scans: Record<string, string> = {
      readings: dataStoreScan({ format, files: files[format] }),
      empty_store: dataStoreScan({ format, files: [] }),
      typed_empty: dataStoreScan({ format, files: [], columns: [{ name: 'deviceid', type: 'string' }, { name: 'temp', type: 'double' }] }),
    };
    return (name) => scans[name];
  };
  let runs = 0;
  return {
    dir,
    engine,
    tables,
    async query(sql, { format = 'parquet', ...request } = {}) {
      const outputPath = join(results, `result-${++runs}.csv`);
      await engine.runDatasetQuery({ sql, tables: tables(format), outputPath, queryTime: FIXTURE_QUERY_TIME, ...request });
      return readFileSync(outputPath, 'utf8').replace(/\n$/, '').split('\n');
    },
    close() {
      engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
