// The embedded default: one SQLite file in WAL mode. A writer connection runs
// transactions one at a time (an async lock, because handlers await inside
// them); a separate reader connection sees only committed data, so a request
// never reads another request's uncommitted change.
//
// synchronous=NORMAL in WAL mode: a committed transaction survives a crash of
// the process (kill -9), which is the durability the server promises; only an
// OS crash or power loss can lose the last transactions.
import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';
import type { Database, SqlExecutor, SqlParams } from '../database.ts';

type Connection = BetterSqlite3.Database;

class SqliteExecutor implements SqlExecutor {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly connection: Connection) {}

  private statement(sql: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.connection.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.statement(sql).all(bind(params)) as T[];
  }

  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.statement(sql).get(bind(params)) as T | undefined;
  }

  async run(sql: string, params?: SqlParams): Promise<{ changes: number }> {
    const stmt = this.statement(sql);
    if (!stmt.reader) return { changes: stmt.run(bind(params)).changes };
    stmt.all(bind(params));
    return { changes: 0 };
  }
}

/** SQLite cannot bind booleans or undefined; everything else passes through. */
function bind(params: SqlParams | undefined): SqlParams {
  if (!params) return {};
  const out: SqlParams = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] = v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? v.getTime() : v;
  }
  return out;
}

export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  readonly reader: SqlExecutor;
  private readonly writer: SqliteExecutor;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly commitListeners: (() => void)[] = [];

  private constructor(
    private readonly writeConnection: Connection,
    private readonly readConnection: Connection,
  ) {
    this.writer = new SqliteExecutor(writeConnection);
    this.reader = new SqliteExecutor(readConnection);
  }

  static open(file: string): SqliteDatabase {
    const isNew = file !== ':memory:' && !existsSync(file);
    const writer = new BetterSqlite3(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = NORMAL');
    writer.pragma('foreign_keys = ON');
    writer.pragma('busy_timeout = 5000');
    if (isNew) chmodSync(file, 0o600);
    const reader = file === ':memory:' ? writer : new BetterSqlite3(file, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    return new SqliteDatabase(writer, reader);
  }

  /** Runs SQL scripts (migrations) outside the statement cache. */
  exec(sql: string): void {
    this.writeConnection.exec(sql);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.writeConnection.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.writer);
        this.writeConnection.exec('COMMIT');
        for (const listener of this.commitListeners) listener();
        return result;
      } catch (error) {
        if (this.writeConnection.inTransaction) this.writeConnection.exec('ROLLBACK');
        throw error;
      }
    };
    const result = this.lock.then(run, run);
    this.lock = result.catch(() => undefined);
    return result;
  }

  onCommit(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  async close(): Promise<void> {
    await this.lock;
    if (this.readConnection !== this.writeConnection) this.readConnection.close();
    this.writeConnection.close();
  }
}
