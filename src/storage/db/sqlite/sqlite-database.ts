// The embedded default: one SQLite file in WAL mode. A writer connection runs
// transactions one at a time (an async lock, because handlers await inside
// them); a separate reader connection sees only committed data, so a request
// never reads another request's uncommitted change.
//
// synchronous=NORMAL in WAL mode: a committed transaction survives a crash of
// the process (kill -9), which is the durability the server promises; only an
// OS crash or power loss can lose the last transactions.
//
// Group commit: transactions that queue up while one runs are run after it
// inside the same SQLite transaction, each in its own savepoint, and all are
// answered once that transaction commits. A transaction that throws is rolled
// back to its savepoint and rejected alone; the others commit. Each caller
// still sees exactly its own all-or-nothing transaction, resolved only once it
// is durable, but a burst of small transactions (ingestion calls) pays for
// one COMMIT instead of one each.
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

interface QueuedTransaction {
  fn: (tx: SqlExecutor) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Most transactions one COMMIT covers, so that the first of a long burst is not kept waiting. */
const MAX_GROUP = 64;

export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  readonly reader: SqlExecutor;
  private readonly writer: SqliteExecutor;
  private readonly queue: QueuedTransaction[] = [];
  private readonly commitListeners: (() => void)[] = [];
  private running: Promise<void> | undefined;
  /** Transaction control, prepared once: a group runs two of these per transaction. */
  private readonly control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo', BetterSqlite3.Statement>;

  private constructor(
    private readonly writeConnection: Connection,
    private readonly readConnection: Connection,
  ) {
    this.writer = new SqliteExecutor(writeConnection);
    this.reader = new SqliteExecutor(readConnection);
    const prepare = (sql: string) => writeConnection.prepare(sql);
    this.control = {
      begin: prepare('BEGIN IMMEDIATE'),
      commit: prepare('COMMIT'),
      rollback: prepare('ROLLBACK'),
      savepoint: prepare('SAVEPOINT tx'),
      release: prepare('RELEASE tx'),
      rollbackTo: prepare('ROLLBACK TO tx'),
    };
  }

  /**
   * With `checkpoints: false` this connection's commits never copy the WAL
   * back into the database file (SQLite's auto-checkpoint, with its fsync,
   * runs inside the COMMIT that crosses 1,000 pages); another connection
   * must then call checkpoint(), e.g. one on a background thread, so that
   * request handling does not pay for it.
   */
  static open(file: string, options: { checkpoints?: boolean } = {}): SqliteDatabase {
    const isNew = file !== ':memory:' && !existsSync(file);
    const writer = new BetterSqlite3(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = NORMAL');
    writer.pragma('foreign_keys = ON');
    // No waiting inside SQLite for another writer: that would block the
    // event loop. transaction() waits asynchronously instead (begin()).
    writer.pragma('busy_timeout = 0');
    if (options.checkpoints === false) writer.pragma('wal_autocheckpoint = 0');
    if (isNew) chmodSync(file, 0o600);
    const reader = file === ':memory:' ? writer : new BetterSqlite3(file, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    return new SqliteDatabase(writer, reader);
  }

  /** Copies what it can of the WAL into the database file without waiting for readers or writers. */
  checkpoint(): void {
    this.writeConnection.pragma('wal_checkpoint(PASSIVE)');
  }

  /** Runs SQL scripts (migrations) outside the statement cache. */
  exec(sql: string): void {
    this.writeConnection.exec(sql);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.running ??= this.drain();
    });
  }

  /**
   * BEGIN IMMEDIATE; while another connection writes (the data plane's
   * thread has its own), the event loop goes on and the BEGIN is tried
   * again, sooner at first, for up to a minute.
   */
  private async begin(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (let wait = 0; ; wait = Math.min(Math.max(1, wait * 2), 20)) {
      try {
        this.control.begin.run();
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
        await new Promise((resolve) => (wait === 0 ? setImmediate(resolve) : setTimeout(resolve, wait)));
      }
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.runGroup();
    this.running = undefined;
  }

  /** One SQLite transaction: the queued transactions, and those that queue up meanwhile, up to MAX_GROUP. */
  private async runGroup(): Promise<void> {
    const connection = this.writeConnection;
    let done: { job: QueuedTransaction; value: unknown }[] = [];
    try {
      await this.begin();
    } catch (error) {
      this.queue.shift()!.reject(error);
      return;
    }
    for (let count = 0; this.queue.length > 0 && count < MAX_GROUP; count++) {
      const job = this.queue.shift()!;
      this.control.savepoint.run();
      try {
        const value = await job.fn(this.writer);
        this.control.release.run();
        done.push({ job, value });
      } catch (error) {
        job.reject(error);
        if (connection.inTransaction) {
          this.control.rollbackTo.run();
          this.control.release.run();
          continue;
        }
        // SQLite rolled the whole transaction back (e.g. a full disk):
        // what this group did before is gone too.
        for (const d of done) d.job.reject(error);
        done = [];
        await this.begin();
      }
    }
    try {
      this.control.commit.run();
    } catch (error) {
      if (connection.inTransaction) this.control.rollback.run();
      for (const d of done) d.job.reject(error);
      return;
    }
    // Before any caller learns of its commit, so no cache can serve what it changed.
    for (const listener of this.commitListeners) listener();
    for (const d of done) d.job.resolve(d.value);
  }

  onCommit(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  async close(): Promise<void> {
    await this.running;
    if (this.readConnection !== this.writeConnection) this.readConnection.close();
    this.writeConnection.close();
  }
}
