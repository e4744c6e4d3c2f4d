// The database seam. Stores write plain SQL with named parameters (`@name`)
// against an executor; the embedded default is SQLite, and the interface is
// asynchronous so that a PostgreSQL implementation can satisfy it unchanged.

export type SqlParams = Record<string, unknown>;

export interface SqlExecutor {
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
}

export interface Database {
  readonly dialect: 'sqlite' | 'postgres';
  /** Reads outside any transaction; sees only committed data. */
  readonly reader: SqlExecutor;
  /**
   * Runs `fn` in a write transaction: committed when it resolves, rolled back
   * when it throws. Transactions are serialised; do not nest them.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` after every write transaction this process commits
   * (what lets a ReadCache drop values that may have changed).
   */
  onCommit(listener: () => void): void;
  close(): Promise<void>;
}
