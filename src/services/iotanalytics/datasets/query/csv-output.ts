// Athena's result CSV, written by DuckDB's COPY so that rows stream straight
// to the file in parallel: a header row, every value double-quoted with
// quotes doubled, NULL as an empty unquoted field (PyAthena documents this
// from Athena's files: `1,Bob,""` is an empty string, `3,Charlie,` a NULL),
// values printed as Presto prints them. Only doubles, temporal values,
// arrays and maps print differently in DuckDB; they go through the presto_*
// printers, chosen here by column type (which binds much faster than
// presto_varchar's dispatch). DuckDB's CSV writer prints the rest.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { quoteIdentifier, quoteString } from '../sql/output.ts';
import type { DatasetQueryError } from '../sql/query-error.ts';
import { POSITION_GUARD } from './duckdb-errors.ts';

/** Maps a DuckDB failure, given where the user's translated query starts in the statement run. */
export type ErrorMapper = (error: unknown, offset: number) => DatasetQueryError;

export interface ResultColumn {
  name: string;
  type: DuckDBType;
}

const PRINTERS: Partial<Record<DuckDBTypeId, string>> = {
  [DuckDBTypeId.DOUBLE]: 'presto_fp_text',
  [DuckDBTypeId.FLOAT]: 'presto_fp_text',
  [DuckDBTypeId.TIMESTAMP]: 'presto_ts_text',
  [DuckDBTypeId.TIMESTAMP_S]: 'presto_ts_text',
  [DuckDBTypeId.TIMESTAMP_MS]: 'presto_ts_text',
  [DuckDBTypeId.TIMESTAMP_NS]: 'presto_ts_text',
  [DuckDBTypeId.TIMESTAMP_TZ]: 'presto_tstz_text',
  [DuckDBTypeId.TIME]: 'presto_time_text',
  [DuckDBTypeId.LIST]: 'presto_array_text',
  [DuckDBTypeId.ARRAY]: 'presto_array_text',
  [DuckDBTypeId.MAP]: 'presto_map_text',
};

/** Printers that take the value itself rather than DuckDB's text of it. */
const TAKES_VALUE = new Set(['presto_array_text', 'presto_map_text']);

function printed(column: string, type: DuckDBType): string {
  const printer = PRINTERS[type.typeId];
  if (!printer) return column;
  return TAKES_VALUE.has(printer) ? `${printer}(${column})` : `${printer}(CAST(${column} AS VARCHAR))`;
}

export async function writeCsv(
  connection: DuckDBConnection,
  query: string,
  columns: ResultColumn[],
  outputPath: string,
  mapError: ErrorMapper,
): Promise<number> {
  // DuckDB renames repeated output names (a, a_1); Athena keeps them (e.g.
  // `SELECT *` over a JOIN of two data stores has two __dt). Then the header
  // is written here and DuckDB's rows appended.
  const names = columns.map((c) => c.name);
  const ownHeader = new Set(names.map((n) => n.toLowerCase())).size !== names.length;
  const target = ownHeader ? `${outputPath}.rows` : outputPath;
  const positional = columns.map((_, i) => `c${i}`);
  const projection = columns.map((c, i) => `${printed(`q.${positional[i]}`, c.type)} AS ${quoteIdentifier(c.name)}`).join(', ');
  const prefix = `${POSITION_GUARD}COPY (SELECT ${projection} FROM (`;
  const statement =
    `${prefix}${query}) AS q(${positional.join(', ')})) TO ${quoteString(target)} ` +
    `(FORMAT CSV, HEADER ${ownHeader ? 'false' : 'true'}, FORCE_QUOTE *, QUOTE '"', ESCAPE '"', NULLSTR '')`;
  await mkdir(dirname(outputPath), { recursive: true });
  let rowCount: number;
  try {
    const result = await connection.runAndReadAll(statement);
    rowCount = Number(result.getRows()[0]?.[0] ?? 0);
  } catch (error) {
    await rm(target, { force: true }); // no partial results
    throw mapError(error, prefix.length);
  }
  if (ownHeader) {
    await writeFile(outputPath, `${names.map(csvField).join(',')}\n`);
    await pipeline(createReadStream(target), createWriteStream(outputPath, { flags: 'a' }));
    await rm(target);
  }
  return rowCount;
}

function csvField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
