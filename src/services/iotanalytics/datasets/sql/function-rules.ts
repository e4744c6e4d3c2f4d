// How each Presto function that differs from DuckDB is rewritten. A rule gets
// the call site (translated arguments, raw argument nodes for literal
// formats/units) and returns DuckDB SQL. Where the difference is semantic
// rather than a name, the rule calls a `presto_*` macro (presto-macros.ts);
// functions missing here are passed through unchanged because DuckDB has
// them with the same meaning (the catalogue in docs/SQL.md lists both kinds).
import { duckdbType, UnsupportedType } from './cast-types.ts';
import { jodaToStrftime, mysqlToStrftime, UnsupportedPattern } from './datetime-patterns.ts';
import { currentTimestamp } from './literals.ts';
import { call, parens, piece, quoteString, type Out } from './output.ts';
import type { QueryErrorName } from './query-error.ts';
import { nodeIsWord, startOf, stringLiteral, tokenOf, type Group, type SqlNode } from './token-tree.ts';

export interface CallSite {
  /** Lower-case function name. */
  name: string;
  origin: number;
  /** Arguments translated to DuckDB SQL (computed on first use). */
  readonly args: Out[];
  /** Arguments as written. */
  raw: SqlNode[][];
  group: Group;
  queryTime: Date;
  translate(nodes: SqlNode[]): Out;
  fail(name: QueryErrorName, detail: string, at?: number): never;
}

export type FunctionRule = (site: CallSite) => Out;

/** Prefix of the macros installed on every query engine. */
export const MACRO_PREFIX = 'presto_';

function expectArgs(site: CallSite, ...counts: number[]): void {
  if (counts.includes(site.raw.length)) return;
  const expected = counts.join(' or ');
  site.fail('SYNTAX_ERROR', `Function ${site.name} expects ${expected} argument${expected === '1' ? '' : 's'}, got ${site.raw.length}`);
}

/** Same meaning, different DuckDB name. */
const renamed =
  (to: string, ...counts: number[]): FunctionRule =>
  (site) => {
    if (counts.length > 0) expectArgs(site, ...counts);
    return call(to, site.args, site.origin);
  };

/** Different meaning: the presto_<name> macro implements Presto's. */
const macro =
  (...counts: number[]): FunctionRule =>
  (site) => {
    if (counts.length > 0) expectArgs(site, ...counts);
    return call(MACRO_PREFIX + site.name, site.args, site.origin);
  };

const constant =
  (sql: string): FunctionRule =>
  (site) => {
    expectArgs(site, 0);
    return piece(sql, site.origin);
  };

/** date_format & co.: the format literal is converted to strftime's. */
const withPattern =
  (convert: (pattern: string) => string, to: string, wrap?: string): FunctionRule =>
  (site: CallSite) => {
    expectArgs(site, 2);
    const pattern = stringLiteral(site.raw[1]);
    if (pattern === undefined) site.fail('NOT_SUPPORTED', `The format of ${site.name} must be a string literal`, startOf(site.raw[1][0]));
    let converted: string;
    try {
      converted = convert(pattern);
    } catch (error) {
      if (!(error instanceof UnsupportedPattern)) throw error;
      site.fail('NOT_SUPPORTED', `${site.name}: ${error.message}`, startOf(site.raw[1][0]));
    }
    const out = call(to, [site.args[0], piece(quoteString(converted), startOf(site.raw[1][0]))], site.origin);
    return wrap ? [...piece(`CAST(`, site.origin), ...out, ...piece(`AS ${wrap})`, site.origin)] : out;
  };

const INTEGRAL_TYPES = new Set(['BIGINT', 'INTEGER', 'INT', 'SMALLINT', 'TINYINT']);

/**
 * CAST/TRY_CAST. Two casts mean something else in DuckDB: to VARCHAR (Presto
 * prints doubles the Java way, "1.0E7", and timestamps with milliseconds) and
 * from DOUBLE/REAL to an integer type (Presto rounds half away from zero,
 * DuckDB to even).
 */
const cast =
  (tryCast: boolean): FunctionRule =>
  (site: CallSite) => {
    const children = site.group.children;
    const as = children.map((n, i) => (nodeIsWord(n, 'AS') ? i : -1)).filter((i) => i > 0).pop();
    if (as === undefined || as === children.length - 1) site.fail('SYNTAX_ERROR', `${site.name.toUpperCase()} needs "expression AS type"`);
    let type: string;
    try {
      type = duckdbType(children.slice(as + 1));
    } catch (error) {
      if (!(error instanceof UnsupportedType)) throw error;
      site.fail('NOT_SUPPORTED', error.message, startOf(children[as + 1]));
    }
    const value = site.translate(children.slice(0, as));
    if (type === 'VARCHAR') return call(`${MACRO_PREFIX}varchar`, [value], site.origin);
    if (INTEGRAL_TYPES.has(type)) {
      const converted = call(`${MACRO_PREFIX}cast_${type === 'INT' ? 'integer' : type.toLowerCase()}`, [value], site.origin);
      return tryCast ? call('TRY', [converted], site.origin) : converted;
    }
    return [...piece(tryCast ? 'TRY_CAST(' : 'CAST(', site.origin), ...value, ...piece(`AS ${type})`, site.origin)];
  };

/** Presto's EXTRACT fields; DOW is ISO (Monday = 1) in Presto but Sunday = 0 in DuckDB. */
const EXTRACT_FIELDS: Record<string, string> = {
  YEAR: 'year', QUARTER: 'quarter', MONTH: 'month', WEEK: 'week', DAY: 'day', DAY_OF_MONTH: 'day',
  DAY_OF_WEEK: 'isodow', DOW: 'isodow', DAY_OF_YEAR: 'doy', DOY: 'doy', YEAR_OF_WEEK: 'isoyear',
  YOW: 'isoyear', HOUR: 'hour', MINUTE: 'minute', SECOND: 'second', TIMEZONE_HOUR: 'timezone_hour',
  TIMEZONE_MINUTE: 'timezone_minute',
};

const extract: FunctionRule = (site: CallSite) => {
  const [field, from, ...value] = site.group.children;
  const part = EXTRACT_FIELDS[tokenOf(field)?.value.toUpperCase() ?? ''];
  if (!part || !nodeIsWord(from, 'FROM') || value.length === 0) {
    site.fail('SYNTAX_ERROR', 'EXTRACT needs "field FROM value" with a Presto field such as YEAR or DAY_OF_WEEK');
  }
  return [...piece(`extract(${part} FROM`, site.origin), ...site.translate(value), ...piece(')', site.origin, true)];
};

export const FUNCTION_RULES: Record<string, FunctionRule> = {
  // Conversion
  cast: cast(false),
  try_cast: cast(true),
  typeof: macro(1),

  // Date and time
  from_iso8601_timestamp: macro(1),
  from_iso8601_date: macro(1),
  to_iso8601: macro(1),
  from_unixtime: (site) => {
    expectArgs(site, 1, 2, 3);
    const value = call(`${MACRO_PREFIX}from_unixtime`, [site.args[0]], site.origin);
    // With a zone Presto returns a timestamp with time zone; the instant is kept, shown in UTC.
    return site.raw.length === 1 ? value : [...piece('CAST(', site.origin), ...value, ...piece('AS TIMESTAMPTZ)', site.origin)];
  },
  to_unixtime: renamed('epoch', 1),
  date_trunc: macro(2),
  date_add: macro(3),
  // Presto counts whole units elapsed; DuckDB's date_diff counts boundaries crossed, its date_sub whole units.
  date_diff: renamed('date_sub', 3),
  date_format: withPattern(mysqlToStrftime, 'strftime'),
  date_parse: withPattern(mysqlToStrftime, 'strptime'),
  format_datetime: withPattern(jodaToStrftime, 'strftime'),
  parse_datetime: withPattern(jodaToStrftime, 'strptime', 'TIMESTAMPTZ'),
  now: (site) => {
    expectArgs(site, 0);
    return piece(currentTimestamp(site.queryTime), site.origin);
  },
  current_timezone: constant("'UTC'"),
  day_of_week: renamed('isodow', 1),
  dow: renamed('isodow', 1),
  day_of_month: renamed('day', 1),
  day_of_year: renamed('dayofyear', 1),
  doy: renamed('dayofyear', 1),
  week_of_year: renamed('week', 1),
  year_of_week: renamed('isoyear', 1),
  yow: renamed('isoyear', 1),
  last_day_of_month: renamed('last_day', 1),
  millisecond: macro(1),
  extract,

  // Aggregates
  approx_percentile: (site) => {
    if (site.raw.length !== 2) site.fail('NOT_SUPPORTED', 'approx_percentile is supported with (value, percentage) or (value, ARRAY[percentages]) only');
    return call('quantile_disc', site.args, site.origin);
  },
  // Exact: within Presto's 2.3% standard error, and no surprise on small counts.
  approx_distinct: (site) => {
    expectArgs(site, 1, 2);
    return [...piece('count(DISTINCT', site.origin), ...site.args[0], ...piece(')', site.origin, true)];
  },
  arbitrary: renamed('any_value', 1),
  every: renamed('bool_and', 1),

  // Arrays and maps
  element_at: (site) => {
    expectArgs(site, 2);
    return [...parens(site.args[0], site.origin), ...piece('[', site.origin, true), ...site.args[1], ...piece(']', site.origin, true)];
  },
  cardinality: macro(1),
  contains: renamed('list_contains', 2),
  array_join: macro(2, 3),
  array_position: macro(2),
  array_max: renamed('list_max', 1),
  array_min: renamed('list_min', 1),
  slice: macro(3),
  sequence: renamed('generate_series', 2, 3),
  transform: renamed('list_transform', 2),
  filter: renamed('list_filter', 2),
  // reduce(array, initialState, (s, x) -> …, s -> …): DuckDB's list_reduce takes the same
  // (state, element) lambda; the output function is applied through a one-element list.
  reduce: (site) => {
    expectArgs(site, 4);
    const [array, initial, input, output] = site.args;
    const reduced = call('list_reduce', [array, input, initial], site.origin);
    const applied = call('list_transform', [[...piece('[', site.origin), ...reduced, ...piece(']', site.origin, true)], output], site.origin);
    return [...applied, ...piece('[1]', site.origin, true)];
  },
  split: (site) => {
    expectArgs(site, 2, 3);
    return call(site.raw.length === 2 ? 'string_split' : `${MACRO_PREFIX}split`, site.args, site.origin);
  },
  split_part: macro(3),

  // Strings and regular expressions
  regexp_like: renamed('regexp_matches', 2),
  regexp_extract: macro(2, 3),
  regexp_replace: macro(2, 3),
  regexp_split: renamed('regexp_split_to_array', 2),
  // DuckDB's concat skips NULLs; Presto's returns NULL, like ||.
  concat: (site) => parens(site.args.flatMap((arg, i) => (i === 0 ? arg : [...piece('||', site.origin), ...arg])), site.origin),
  replace: (site) => {
    expectArgs(site, 2, 3);
    return call('replace', site.raw.length === 3 ? site.args : [...site.args, piece("''", site.origin)], site.origin);
  },
  codepoint: renamed('unicode', 1),
  levenshtein_distance: renamed('levenshtein', 2),
  hamming_distance: renamed('hamming', 2),
  to_utf8: renamed('encode', 1),
  from_utf8: renamed('decode', 1),

  // JSON
  json_extract_scalar: macro(2),
  json_array_length: macro(1),
  json_array_get: macro(2),
  json_size: macro(2),
  json_parse: renamed('json', 1),
  json_format: (site) => {
    expectArgs(site, 1);
    return [...piece('CAST(', site.origin), ...site.args[0], ...piece('AS VARCHAR)', site.origin)];
  },

  // Mathematics: Presto follows IEEE 754 where DuckDB raises errors
  is_nan: renamed('isnan', 1),
  is_finite: renamed('isfinite', 1),
  is_infinite: renamed('isinf', 1),
  nan: constant("CAST('NaN' AS DOUBLE)"),
  infinity: constant("CAST('Infinity' AS DOUBLE)"),
  ln: macro(1),
  log2: macro(1),
  log10: macro(1),
  sqrt: macro(1),
  truncate: renamed('trunc', 1, 2),
  rand: (site) => {
    expectArgs(site, 0, 1);
    return site.raw.length === 0 ? call('random', [], site.origin) : call(`${MACRO_PREFIX}random`, site.args, site.origin);
  },
  random: (site) => FUNCTION_RULES.rand(site),

  // Conditional: Presto's two-argument if() returns NULL when false.
  if: (site) => {
    expectArgs(site, 2, 3);
    if (site.raw.length === 3) return call('if', site.args, site.origin);
    return [...piece('CASE WHEN', site.origin), ...site.args[0], ...piece('THEN', site.origin), ...site.args[1], ...piece('END', site.origin)];
  },
};
