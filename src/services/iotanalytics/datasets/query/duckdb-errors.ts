// DuckDB's errors (JSON, with `errors_as_json`) → the Athena-style error a
// dataset user can act on: Presto's error name, the position in the SQL they
// wrote, and none of our translation's internals (macro prefixes, table
// expressions).
import { MACRO_PREFIX } from '../sql/function-rules.ts';
import { PRESTO_MACROS } from '../sql/presto-macros.ts';
import type { RenderedSql } from '../sql/output.ts';
import { DatasetQueryError, positionOf, type QueryErrorName, type SqlPosition } from '../sql/query-error.ts';
import { tokenize } from '../sql/tokenizer.ts';

interface DuckDbErrorInfo {
  exception_type?: string;
  exception_message?: string;
  position?: string;
  /** The missing column's or function's name, for some binder errors. */
  name?: string;
}

const ERROR_NAMES: Record<string, QueryErrorName> = {
  Parser: 'SYNTAX_ERROR',
  Binder: 'SYNTAX_ERROR',
  Catalog: 'SYNTAX_ERROR',
  Conversion: 'INVALID_CAST_ARGUMENT',
  'Out of Range': 'NUMERIC_VALUE_OUT_OF_RANGE',
  'Invalid Input': 'INVALID_FUNCTION_ARGUMENT',
  'Out of Memory': 'EXCEEDED_MEMORY_LIMIT',
};

/** Presto's wording for the errors users meet most, so existing runbooks still match. */
const PRESTO_WORDING: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Referenced column "([^"]+)" not found in FROM clause!/, (m) => `Column '${m[1]}' cannot be resolved`],
  // A missing column in the outermost SELECT meets the alias the translation gave it.
  [/^Column "([^"]+)" referenced that exists in the SELECT clause/, (m) => `Column '${m[1]}' cannot be resolved`],
  [/^Scalar Function with name (\S+) does not exist!/, (m) => `Function ${m[1]} not registered`],
];

/**
 * DuckDB reports positions inside a macro relative to the macro's own text,
 * which would point at unrelated places of the user's SQL. Statements
 * therefore start with this much blank space: a position before it is
 * inside a macro and is not reported. (Macro bodies are shorter, checked by
 * the engine's tests.)
 */
export const POSITION_GUARD = `/*${' '.repeat(4092)}*/ `;

export interface StatementText {
  /** The user's SQL. */
  sql: string;
  /** Its translation, and where that translation starts in the statement DuckDB ran (after POSITION_GUARD). */
  translation: RenderedSql;
  offset: number;
}

export function toQueryError(error: unknown, statement: StatementText): DatasetQueryError {
  const raw = error instanceof Error ? error.message : String(error);
  const info = parseInfo(raw);
  const name = ERROR_NAMES[info.exception_type ?? ''] ?? 'GENERIC_INTERNAL_ERROR';
  let detail = (info.exception_message ?? raw).split('\n')[0].replaceAll(MACRO_PREFIX, '');
  for (const [pattern, reword] of PRESTO_WORDING) {
    const match = pattern.exec(detail);
    if (match) detail = reword(match);
  }
  const call = macroCallFor(info, statement);
  if (call) return new DatasetQueryError(name, `${call.fn}: ${detail}`, positionOf(statement.sql, statement.translation.originAt(call.at)));
  return new DatasetQueryError(name, detail, positionInUserSql(info, statement));
}

/** Each macro's name and body, to find which of the user's calls a failure inside a macro came from. */
const MACRO_BODIES = new Map(PRESTO_MACROS.map((sql) => [/CREATE MACRO (\w+)/.exec(sql)![1], sql] as const));

/**
 * A binder error about a DuckDB function used inside one of our macros (e.g.
 * regexp_matches(INTEGER, …) for regexp_extract on a number) is reported at
 * the user's call, naming the Presto function they called.
 */
function macroCallFor(info: DuckDbErrorInfo, statement: StatementText): { fn: string; at: number } | undefined {
  const position = Number(info.position);
  if (!info.name || !(position < statement.offset)) return undefined;
  for (const match of statement.translation.text.matchAll(/\b(presto_\w+)\(/g)) {
    if (MACRO_BODIES.get(match[1])?.includes(`${info.name}(`)) return { fn: match[1].slice(MACRO_PREFIX.length), at: match.index! };
  }
  return undefined;
}

function positionInUserSql(info: DuckDbErrorInfo, statement: StatementText): SqlPosition | undefined {
  const { sql, translation, offset } = statement;
  const at = info.position === undefined ? NaN : Number(info.position) - offset;
  if (at >= translation.text.length) return positionOf(sql, sql.trimEnd().length); // "at end of input"
  if (at >= 0) return positionOf(sql, translation.originAt(at));
  if (info.position !== undefined) return undefined; // inside a macro
  // Without a position, point at the first mention of the name the error is about.
  const name = (info.name ?? /"([^"]+)"/.exec(info.exception_message ?? '')?.[1])?.toLowerCase();
  const named = name && tokenize(sql).find((t) => t.kind !== 'string' && t.value.toLowerCase() === name);
  return named ? positionOf(sql, named.start) : undefined;
}

function parseInfo(message: string): DuckDbErrorInfo {
  const start = message.indexOf('{');
  if (start < 0) return {};
  try {
    return JSON.parse(message.slice(start)) as DuckDbErrorInfo;
  } catch {
    return {};
  }
}
