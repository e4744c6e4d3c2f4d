// Makes the bytes of data-store files. JSON data stores get gzip JSON lines
// (one message per line); Parquet data stores get Parquet written by DuckDB
// from the same JSON lines, with the declared or inferred column types.
// Values that do not fit a column's type are stored as NULL rather than
// failing the file (read_json's ignore_errors): a file that could never be
// written would hold up its data store for good.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const gzipAsync = promisify(gzip);

export interface ParquetColumn {
  name: string;
  /** A DuckDB type, e.g. BIGINT, STRUCT("a" VARCHAR), JSON. */
  type: string;
}

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

export class DatastoreFileWriter {
  private connection: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** Where temporary files go; on the same file system as service-managed storage, so they can be renamed into place. */
    private readonly scratch: string,
  ) {}

  /** gzip JSON lines. Gzip members concatenate into a valid gzip file, which compaction relies on. */
  async jsonFile(lines: Buffer): Promise<Buffer> {
    return gzipAsync(lines, { level: 6 });
  }

  /** Writes JSON lines as a Parquet file; returns its (temporary) path, which the caller must consume. */
  async parquetFile(lines: Buffer, columns: readonly ParquetColumn[]): Promise<string> {
    const input = await this.scratchFile('.json');
    await writeFile(input, lines);
    try {
      const output = await this.scratchFile('.parquet');
      const columnsSql = `{${columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ')}}`;
      await this.exec(
        `COPY (SELECT * FROM read_json(${sqlString(input)}, format = 'newline_delimited', columns = ${columnsSql}, ignore_errors = true))
         TO ${sqlString(output)} (FORMAT PARQUET, COMPRESSION zstd)`,
      );
      return output;
    } finally {
      await rm(input, { force: true });
    }
  }

  /**
   * Merges Parquet files (local paths, in row order) into one; columns are
   * matched by name, so files written with widened types merge.
   */
  async mergeParquet(inputs: readonly string[]): Promise<string> {
    const output = await this.scratchFile('.parquet');
    await this.exec(
      `COPY (SELECT * FROM read_parquet([${inputs.map(sqlString).join(', ')}], union_by_name = true))
       TO ${sqlString(output)} (FORMAT PARQUET, COMPRESSION zstd)`,
    );
    return output;
  }

  async scratchFile(suffix: string): Promise<string> {
    await mkdir(this.scratch, { recursive: true, mode: 0o700 });
    return join(this.scratch, randomBytes(12).toString('hex') + suffix);
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    const opened = await this.connection?.catch(() => undefined);
    opened?.connection.closeSync();
    opened?.instance.closeSync();
    this.connection = undefined;
  }

  // One statement at a time on one connection; DuckDB parallelises each statement itself.
  private exec(sql: string): Promise<void> {
    const run = async () => {
      this.connection ??= DuckDBInstance.create(':memory:').then(async (instance) => ({ instance, connection: await instance.connect() }));
      const { connection } = await this.connection;
      await connection.run(sql);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
