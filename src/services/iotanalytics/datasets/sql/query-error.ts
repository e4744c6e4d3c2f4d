// Why a dataset query failed, in the form Athena reported it: an error name
// from Presto's catalogue, then "line L:C:" when a place in the user's SQL is
// known (e.g. "SYNTAX_ERROR: line 1:8: Column 'x' cannot be resolved"). The
// message ends up in the dataset content's status reason, so it must make
// sense against the SQL the user wrote, never against our DuckDB translation.

export type QueryErrorName =
  | 'SYNTAX_ERROR'
  | 'NOT_SUPPORTED'
  | 'INVALID_FUNCTION_ARGUMENT'
  | 'INVALID_CAST_ARGUMENT'
  | 'NUMERIC_VALUE_OUT_OF_RANGE'
  | 'EXCEEDED_MEMORY_LIMIT'
  | 'USER_CANCELED'
  | 'GENERIC_INTERNAL_ERROR';

export interface SqlPosition {
  /** 1-based, as Presto prints them. */
  line: number;
  column: number;
}

export class DatasetQueryError extends Error {
  constructor(
    readonly errorName: QueryErrorName,
    readonly detail: string,
    readonly position?: SqlPosition,
  ) {
    super(`${errorName}: ${position ? `line ${position.line}:${position.column}: ` : ''}${detail}`);
    this.name = 'DatasetQueryError';
  }
}

/** The line and column of a character offset in `sql`. */
export function positionOf(sql: string, offset: number): SqlPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < Math.min(offset, sql.length); i++) {
    if (sql[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Shorthand for errors found while reading the user's SQL. */
export function sqlError(name: QueryErrorName, detail: string, sql: string, offset: number): DatasetQueryError {
  return new DatasetQueryError(name, detail, positionOf(sql, offset));
}
