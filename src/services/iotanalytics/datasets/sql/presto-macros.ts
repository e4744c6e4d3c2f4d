// DuckDB macros giving Presto's semantics where a rename is not enough. They
// are created once per query engine (in its in-memory catalog, shared by all
// its connections). Type-dependent behaviour uses `CASE typeof(x)`, which
// DuckDB folds to one branch when binding, or typed macro overloads.
//
// Doubles are printed the way Java's Double.toString does (Presto casts and
// Athena's CSV both use it): plain from 10^-3 to below 10^7 ("123.45",
// "1.0"), otherwise "1.2345E7". The digits are DuckDB's shortest round-trip
// ones (as Java 19+ prints them); only the notation is rewritten. DuckDB
// writes plain text from 10^-4 to below 10^16, scientific ("1e-05",
// "1.5e+16") outside, so three rewrites cover every case. Macro arguments
// are substituted, not evaluated once, so bodies stay small: a nested macro
// that repeats its argument multiplies binding time.
export const PRESTO_MACROS: readonly string[] = [
  // --- printing values as Presto/Athena does ------------------------------
  String.raw`CREATE MACRO presto_fp_text(s) AS CASE
     WHEN s IN ('nan', '-nan') THEN 'NaN'
     WHEN s = 'inf' THEN 'Infinity'
     WHEN s = '-inf' THEN '-Infinity'
     WHEN contains(s, 'e') THEN regexp_replace(regexp_replace(s, '^(-?\d)e', '\1.0e'), 'e\+?(-?)0*(\d)', 'E\1\2')
     WHEN regexp_matches(s, '^-?\d{8,}\.') THEN regexp_replace(regexp_replace(regexp_replace(s,
         '^(-?\d)(\d*)\.(\d*)$', '\1.\2\3'), '0+$', ''), '\.$', '.0')
       || 'E' || (length(split_part(s, '.', 1)) - CASE WHEN s[1] = '-' THEN 2 ELSE 1 END)
     WHEN regexp_matches(s, '^-?0\.000[1-9]') THEN regexp_replace(regexp_replace(regexp_replace(s,
         '^(-?)0\.000(\d)(\d*)$', '\1\2.\3'), '0+$', ''), '\.$', '.0') || 'E-4'
     ELSE s END`,
  // Presto's timestamps have millisecond precision: "2019-09-16 09:04:00.000".
  `CREATE MACRO presto_ts_text(s) AS rpad(CASE WHEN length(s) = 19 THEN s || '.' ELSE s END, 23, '0')`,
  `CREATE MACRO presto_tstz_text(s) AS presto_ts_text(substr(s, 1, length(s) - 3)) || ' UTC'`, // "…+00" (UTC session)
  `CREATE MACRO presto_time_text(s) AS rpad(CASE WHEN length(s) = 8 THEN s || '.' ELSE s END, 12, '0')`,
  // CAST(x AS VARCHAR); the other types print alike in both.
  `CREATE MACRO presto_varchar(x) AS CASE typeof(x)
     WHEN 'DOUBLE' THEN presto_fp_text(CAST(x AS VARCHAR))
     WHEN 'FLOAT' THEN presto_fp_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP' THEN presto_ts_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP_S' THEN presto_ts_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP_MS' THEN presto_ts_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP_NS' THEN presto_ts_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP WITH TIME ZONE' THEN presto_tstz_text(CAST(x AS VARCHAR))
     WHEN 'TIME' THEN presto_time_text(CAST(x AS VARCHAR))
     ELSE CAST(x AS VARCHAR) END`,
  // Arrays and maps print as Java's List/Map toString: [a, , null], {k=v}.
  `CREATE MACRO presto_array_text(x) AS
     '[' || array_to_string(list_transform(x, lambda presto_e: coalesce(presto_varchar(presto_e), 'null')), ', ') || ']'`,
  `CREATE MACRO presto_map_text(x) AS '{' || array_to_string(list_transform(map_entries(x),
     lambda presto_e: presto_varchar(presto_e.key) || '=' || coalesce(presto_varchar(presto_e.value), 'null')), ', ') || '}'`,

  // --- conversions ---------------------------------------------------------
  ...['bigint', 'integer', 'smallint', 'tinyint'].map(
    (type) => `CREATE MACRO presto_cast_${type}(x) AS CASE WHEN typeof(x) IN ('DOUBLE', 'FLOAT')
       THEN CAST(round(TRY_CAST(x AS DOUBLE)) AS ${type.toUpperCase()}) ELSE CAST(x AS ${type.toUpperCase()}) END`,
  ),
  String.raw`CREATE MACRO presto_typeof(x) AS CASE typeof(x)
     WHEN 'FLOAT' THEN 'real' WHEN 'HUGEINT' THEN 'bigint' WHEN 'BLOB' THEN 'varbinary'
     WHEN 'TIMESTAMP_S' THEN 'timestamp' WHEN 'TIMESTAMP_MS' THEN 'timestamp' WHEN 'TIMESTAMP_NS' THEN 'timestamp'
     ELSE regexp_replace(replace(lower(typeof(x)), 'struct(', 'row('), '^(.*)\[\]$', 'array(\1)') END`,

  // --- date and time (the session time zone is UTC) --------------------------
  `CREATE MACRO presto_from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)`,
  `CREATE MACRO presto_from_iso8601_date(s) AS CAST(s AS DATE)`,
  `CREATE MACRO presto_to_iso8601(x) AS CASE typeof(x)
     WHEN 'DATE' THEN CAST(x AS VARCHAR)
     WHEN 'TIMESTAMP WITH TIME ZONE' THEN replace(replace(presto_tstz_text(CAST(x AS VARCHAR)), ' UTC', 'Z'), ' ', 'T')
     ELSE replace(presto_ts_text(CAST(x AS VARCHAR)), ' ', 'T') END`,
  // Presto rounds to milliseconds (DateTimeFunctions.fromUnixTime: Math.round(unixTime * 1000));
  // whole seconds, the usual case, skip the rounding.
  `CREATE MACRO presto_from_unixtime(x BIGINT) AS make_timestamp(x * 1000000),
     (x) AS make_timestamp(CAST(round(CAST(x AS DOUBLE) * 1000) AS BIGINT) * 1000)`,
  `CREATE MACRO presto_date_trunc(unit, x DATE) AS CAST(date_trunc(unit, x) AS DATE), (unit, x) AS date_trunc(unit, x)`,
  `CREATE MACRO presto_interval(unit, n) AS CASE lower(unit)
     WHEN 'millisecond' THEN to_milliseconds(CAST(n AS BIGINT))
     WHEN 'second' THEN to_seconds(CAST(n AS BIGINT))
     WHEN 'minute' THEN to_minutes(CAST(n AS BIGINT))
     WHEN 'hour' THEN to_hours(CAST(n AS BIGINT))
     WHEN 'day' THEN to_days(CAST(n AS INTEGER))
     WHEN 'week' THEN to_days(CAST(n AS INTEGER) * 7)
     WHEN 'month' THEN to_months(CAST(n AS INTEGER))
     WHEN 'quarter' THEN to_months(CAST(n AS INTEGER) * 3)
     WHEN 'year' THEN to_years(CAST(n AS INTEGER))
     ELSE error('''' || unit || ''' is not a valid Timestamp field') END`,
  `CREATE MACRO presto_date_add(unit, n, x DATE) AS CAST(x + presto_interval(unit, n) AS DATE),
     (unit, n, x) AS x + presto_interval(unit, n)`,
  // DuckDB's millisecond() includes the seconds (5.123 s → 5123); Presto's is the 0–999 part.
  `CREATE MACRO presto_millisecond(x) AS millisecond(x) % 1000`,

  // --- arrays, maps, strings ------------------------------------------------
  `CREATE MACRO presto_cardinality(x MAP(VARCHAR, VARCHAR)) AS cardinality(x), (x) AS len(x)`,
  `CREATE MACRO presto_array_join(a, sep) AS array_to_string(list_transform(a, lambda presto_e: presto_varchar(presto_e)), sep),
     (a, sep, null_replacement) AS array_to_string(
       list_transform(a, lambda presto_e: coalesce(presto_varchar(presto_e), null_replacement)), sep)`,
  `CREATE MACRO presto_array_position(a, x) AS coalesce(list_position(a, x), 0)`,
  `CREATE MACRO presto_slice(a, start, n) AS CASE WHEN start > 0 THEN list_slice(a, start, start + n - 1)
     ELSE list_slice(a, len(a) + start + 1, len(a) + start + n) END`,
  `CREATE MACRO presto_split(s, d, n) AS CASE WHEN len(string_split(s, d)) <= n THEN string_split(s, d)
     ELSE list_append(string_split(s, d)[1:n - 1], array_to_string(string_split(s, d)[n:], d)) END`,
  `CREATE MACRO presto_split_part(s, d, i) AS CASE WHEN i <= len(string_split(s, d)) THEN split_part(s, d, i) END`,
  `CREATE MACRO presto_regexp_extract(s, p) AS CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p) END,
     (s, p, g) AS CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p, g) END`,
  // Presto replaces every match and writes groups as $1 (Java); RE2 writes \1.
  String.raw`CREATE MACRO presto_regexp_replace(s, p) AS regexp_replace(s, p, '', 'g'),
     (s, p, r) AS regexp_replace(s, p, regexp_replace(r, '\$(\d)', '\\\1', 'g'), 'g')`,

  // --- JSON ------------------------------------------------------------------
  `CREATE MACRO presto_json_extract_scalar(j, p) AS CASE
     WHEN json_type(json_extract(j, p)) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END`,
  `CREATE MACRO presto_json_array_length(j) AS CASE WHEN json_type(j) = 'ARRAY' THEN json_array_length(j) END`,
  // Presto 0.217 documents json_array_get as broken on purpose: a string element comes back unquoted.
  `CREATE MACRO presto_json_unquoted(v) AS CASE WHEN json_type(v) = 'VARCHAR' THEN json_extract_string(v, '$') ELSE CAST(v AS VARCHAR) END`,
  `CREATE MACRO presto_json_array_get(j, i) AS CASE WHEN json_type(j) <> 'ARRAY' THEN NULL
     ELSE presto_json_unquoted(json_extract(j, CASE WHEN i >= 0 THEN '$[' || i || ']' ELSE '$[#' || i || ']' END)) END`,
  `CREATE MACRO presto_json_size(j, p) AS CASE WHEN json_extract(j, p) IS NULL THEN NULL
     WHEN json_type(json_extract(j, p)) = 'ARRAY' THEN json_array_length(json_extract(j, p))
     WHEN json_type(json_extract(j, p)) = 'OBJECT' THEN len(json_keys(json_extract(j, p)))
     ELSE 0 END`,

  // --- mathematics: IEEE 754 results where DuckDB raises errors --------------
  ...['ln', 'log2', 'log10'].map(
    (fn) => `CREATE MACRO presto_${fn}(x) AS CASE WHEN x > 0 THEN ${fn}(x)
       WHEN x = 0 THEN CAST('-Infinity' AS DOUBLE) WHEN x < 0 THEN CAST('NaN' AS DOUBLE) ELSE CAST(x AS DOUBLE) END`,
  ),
  `CREATE MACRO presto_sqrt(x) AS CASE WHEN x < 0 THEN CAST('NaN' AS DOUBLE) ELSE sqrt(x) END`,
  `CREATE MACRO presto_random(n) AS CAST(floor(random() * n) AS BIGINT)`,
];
