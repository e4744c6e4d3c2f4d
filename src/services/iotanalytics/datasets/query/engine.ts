// Runs a dataset's SQL on DuckDB and writes the result as Athena's CSV. One
// DuckDB instance per engine (the Presto macros live in its catalog), one
// connection per run. The instance is sandboxed: it may only touch the
// directories it is given, its settings are locked, and it never loads
// extensions, so user SQL cannot read or write anything else.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PRESTO_MACROS } from '../sql/presto-macros.ts';
import { DatasetQueryError } from '../sql/query-error.ts';
import { translateExpression, translateQuery, type TableResolver } from '../sql/translate.ts';
import type { RenderedSql } from '../sql/output.ts';
import { deltaScanFilter, type DeltaWindow } from '../delta/delta-window.ts';
import { writeCsv, type ResultColumn } from './csv-output.ts';
import { POSITION_GUARD, toQueryError } from './duckdb-errors.ts';

export interface DatasetQueryEngineOptions {
  /** Directories DuckDB may read and write: data-store roots, result and spill directories. */
  allowedDirectories: string[];
  threads?: number;
  /** DuckDB memory limit, e.g. "2GB". */
  memoryLimit?: string;
  /** Where DuckDB spills when a query exceeds the memory limit (must be allowed). */
  tempDirectory?: string;
}

export interface DatasetQueryRequest {
  /** The dataset's SQL as the user wrote it for Athena. */
  sql: string;
  /** Data-store name (lower-cased) → DuckDB table expression, e.g. from dataStoreScan(). */
  tables: TableResolver;
  /** The CSV file to write. */
  outputPath: string;
  /** What current_timestamp and now() mean for this run. */
  queryTime: Date;
  /** A delta-time filter's window and time expression, applied to every data store read. */
  delta?: { window: DeltaWindow; timeExpression: string };
  signal?: AbortSignal;
}

export interface DatasetQueryResult {
  columns: string[];
  rowCount: number;
}

export class DatasetQueryEngine {
  private constructor(private readonly instance: DuckDBInstance) {}

  static async open(options: DatasetQueryEngineOptions): Promise<DatasetQueryEngine> {
    const instance = await DuckDBInstance.create(':memory:', {
      // Presto divides integers as integers (5 / 2 = 2), DuckDB only with this.
      integer_division: 'true',
      default_null_order: 'nulls_last',
      errors_as_json: 'true',
      autoload_known_extensions: 'false',
      autoinstall_known_extensions: 'false',
      ...(options.threads ? { threads: String(options.threads) } : {}),
      ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
      ...(options.tempDirectory ? { temp_directory: options.tempDirectory } : {}),
    });
    const setup = await instance.connect();
    try {
      const allowed = [...options.allowedDirectories, ...(options.tempDirectory ? [options.tempDirectory] : [])];
      await setup.run(`SET GLOBAL TimeZone = 'UTC'`);
      await setup.run(`SET GLOBAL allowed_directories = [${allowed.map((d) => `'${withSlash(d).replaceAll("'", "''")}'`).join(', ')}]`);
      await setup.run('SET GLOBAL enable_external_access = false');
      // Data files are written once; caching their footers saves re-reading them on every run.
      await setup.run('SET GLOBAL parquet_metadata_cache = true');
      for (const macro of PRESTO_MACROS) await setup.run(macro);
      await setup.run('SET GLOBAL lock_configuration = true');
    } finally {
      setup.closeSync();
    }
    return new DatasetQueryEngine(instance);
  }

  /**
   * Runs one dataset query and writes its CSV to `outputPath`. Throws a
   * DatasetQueryError (Athena-style message) for anything wrong with the SQL
   * or the data.
   */
  async runDatasetQuery(request: DatasetQueryRequest): Promise<DatasetQueryResult> {
    const translation = translateQuery(request.sql, {
      tables: request.tables,
      queryTime: request.queryTime,
      scanFilter: request.delta && this.deltaFilter(request.delta, request.queryTime),
    });
    const connection = await this.instance.connect();
    const interrupt = (): void => connection.interrupt();
    request.signal?.addEventListener('abort', interrupt);
    try {
      const columns = await this.columnsOf(connection, request.sql, translation);
      throwIfCanceled(request.signal);
      const rowCount = await writeCsv(connection, translation.text, columns, request.outputPath, (error, offset) =>
        toQueryError(error, { sql: request.sql, translation, offset }),
      );
      return { columns: columns.map((c) => c.name), rowCount };
    } catch (error) {
      throwIfCanceled(request.signal);
      throw error;
    } finally {
      request.signal?.removeEventListener('abort', interrupt);
      connection.closeSync();
    }
  }

  close(): void {
    this.instance.closeSync();
  }

  private deltaFilter(delta: NonNullable<DatasetQueryRequest['delta']>, queryTime: Date): string {
    try {
      return deltaScanFilter(translateExpression(delta.timeExpression, queryTime).text, delta.window);
    } catch (error) {
      if (!(error instanceof DatasetQueryError)) throw error;
      throw new DatasetQueryError(error.errorName, `in the deltaTime timeExpression: ${error.message}`);
    }
  }

  private async columnsOf(connection: DuckDBConnection, sql: string, translation: RenderedSql): Promise<ResultColumn[]> {
    try {
      const prepared = await connection.prepare(POSITION_GUARD + translation.text);
      const columns = Array.from({ length: prepared.columnCount }, (_, i) => ({
        name: prepared.columnName(i),
        type: prepared.columnType(i),
      }));
      prepared.destroySync();
      return columns;
    } catch (error) {
      throw toQueryError(error, { sql, translation, offset: POSITION_GUARD.length });
    }
  }
}

function throwIfCanceled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DatasetQueryError('USER_CANCELED', 'Query was canceled');
}

function withSlash(directory: string): string {
  return directory.endsWith('/') ? directory : `${directory}/`;
}
