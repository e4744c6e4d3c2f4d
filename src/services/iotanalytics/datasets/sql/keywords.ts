// Word lists the rewriter needs to tell names from syntax.

/**
 * Words followed by "(" that are syntax, not function calls. (FILTER is
 * both: an aggregate's `FILTER (WHERE …)` and the array function.)
 */
export const NOT_FUNCTIONS = new Set([
  'ALL', 'AND', 'ANY', 'AS', 'BETWEEN', 'BY', 'CASE', 'CUBE', 'DISTINCT', 'ELSE', 'EXCEPT', 'EXISTS',
  'FROM', 'GROUPING', 'HAVING', 'IN', 'INTERSECT', 'IS', 'JOIN', 'LATERAL', 'LIKE', 'NOT', 'ON',
  'OR', 'OVER', 'ROLLUP', 'SELECT', 'SETS', 'SOME', 'THEN', 'UNION', 'USING', 'VALUES', 'WHEN', 'WHERE',
  'WITHIN', 'ARRAY',
]);

/** Presto's reserved words (presto-parser SqlBase.g4, 0.217): never a bare name. */
export const RESERVED = new Set([
  'ALTER', 'AND', 'AS', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CONSTRAINT', 'CREATE', 'CROSS', 'CUBE',
  'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'CURRENT_USER', 'DEALLOCATE', 'DELETE', 'DESCRIBE',
  'DISTINCT', 'DROP', 'ELSE', 'END', 'ESCAPE', 'EXCEPT', 'EXECUTE', 'EXISTS', 'EXTRACT', 'FALSE', 'FOR',
  'FROM', 'FULL', 'GROUP', 'GROUPING', 'HAVING', 'IN', 'INNER', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'JOIN',
  'LEFT', 'LIKE', 'LOCALTIME', 'LOCALTIMESTAMP', 'NATURAL', 'NORMALIZE', 'NOT', 'NULL', 'ON', 'OR', 'ORDER',
  'OUTER', 'PREPARE', 'RECURSIVE', 'RIGHT', 'ROLLUP', 'SELECT', 'TABLE', 'THEN', 'TRUE', 'UESCAPE', 'UNION',
  'UNNEST', 'USING', 'VALUES', 'WHEN', 'WHERE', 'WITH',
]);

/**
 * Words that end an expression without being its alias, so that
 * `interval '1' day` is not read as the literal '1' aliased "day".
 */
export const NOT_IMPLICIT_ALIASES = new Set([
  'YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'TO', 'ZONE',
]);

/** Words that close a FROM clause (and so stop table-name detection). */
export const FROM_CLAUSE_END = new Set([
  'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'EXCEPT', 'WINDOW',
  'SELECT',
]);

/** Words that end a select list. */
export const SELECT_LIST_END = new Set([
  'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'EXCEPT',
  'WINDOW',
]);

/** Words that may follow a table name without being its alias. */
export const NOT_TABLE_ALIASES = new Set([
  ...FROM_CLAUSE_END, 'JOIN', 'LEFT', 'RIGHT', 'FULL', 'INNER', 'OUTER', 'CROSS', 'NATURAL', 'ON', 'USING',
  'TABLESAMPLE', 'AS',
]);

/**
 * Statements Athena accepts but IoT Analytics datasets do not (the user
 * guide's "SQL support" page: WITH, CTAS, INSERT INTO, prepared statements,
 * CREATE TABLE LIKE, DESCRIBE INPUT/OUTPUT, EXPLAIN, UDFs, stored procedures),
 * with the words users would start them with.
 */
export const UNSUPPORTED_STATEMENTS: Record<string, string> = {
  WITH: 'WITH clauses are not supported in dataset SQL; use a subquery in FROM instead',
  CREATE: 'CREATE statements (including CREATE TABLE AS SELECT and CREATE TABLE LIKE) are not supported in dataset SQL',
  INSERT: 'INSERT INTO is not supported in dataset SQL',
  DESCRIBE: 'DESCRIBE statements are not supported in dataset SQL',
  EXPLAIN: 'EXPLAIN is not supported in dataset SQL',
  PREPARE: 'Prepared statements are not supported in dataset SQL',
  EXECUTE: 'Prepared statements (EXECUTE … USING) are not supported in dataset SQL',
  DEALLOCATE: 'Prepared statements are not supported in dataset SQL',
  CALL: 'Stored procedures are not supported in dataset SQL',
  USING: 'User-defined functions (USING EXTERNAL FUNCTION) are not supported in dataset SQL',
};
