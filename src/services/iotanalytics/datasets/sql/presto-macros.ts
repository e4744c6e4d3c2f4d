// DuckDB macros giving Presto's semantics where a rename is not enough. They
// are created once per query engine (in its in-memory catalog, shared by all
// its connections). Type-dependent behaviour uses `CASE typeof(x)`, which
// DuckDB folds to one branch when binding, or typed macro overloads.
//
// Doubles are printed the way Java's Double.toString does (Presto casts and
// Athena's CSV both use it): plain between 10^-3 and 10^7 ("123.45",
// "1.0"), otherwise "1.2345E7". The digits are DuckDB's shortest round-trip
// ones, as Java 19+ prints them.
export const PRESTO_MACROS: readonly string[] = [
  // --- printing values as Presto/Athena does ------------------------------
  `CREATE MACRO presto_fp_digits(a) AS rtrim(CASE
     WHEN contains(a, 'e') THEN replace(split_part(a, 'e', 1), '.', '')
     WHEN split_part(a, '.', 1) <> '0' THEN split_part(a, '.', 1) || split_part(a, '.', 2)
     ELSE ltrim(split_part(a, '.', 2), '0') END, '0')`,
  `CREATE MACRO presto_fp_exponent(a) AS CASE
     WHEN contains(a, 'e') THEN CAST(split_part(a, 'e', 2) AS INTEGER)
     WHEN split_part(a, '.', 1) <> '0' THEN length(split_part(a, '.', 1)) - 1
     ELSE length(ltrim(split_part(a, '.', 2), '0')) - length(split_part(a, '.', 2)) - 1 END`,
  `CREATE MACRO presto_fp_java(d, e) AS CASE
     WHEN e BETWEEN 0 AND 6 THEN rpad(d, CAST(e + 1 AS INTEGER), '0') || '.' || coalesce(nullif(d[e + 2:], ''), '0')
     WHEN e BETWEEN -3 AND -1 THEN '0.' || repeat('0', -e - 1) || d
     ELSE d[1] || '.' || coalesce(nullif(d[2:], ''), '0') || 'E' || e END`,
  `CREATE MACRO presto_fp_magnitude(a) AS CASE WHEN CAST(a AS DOUBLE) = 0 THEN '0.0'
     ELSE presto_fp_java(presto_fp_digits(a), presto_fp_exponent(a)) END`,
  `CREATE MACRO presto_fp_text(s) AS CASE
     WHEN s IN ('nan', '-nan') THEN 'NaN'
     WHEN s = 'inf' THEN 'Infinity'
     WHEN s = '-inf' THEN '-Infinity'
     WHEN s[1] = '-' THEN '-' || presto_fp_magnitude(s[2:])
     ELSE presto_fp_magnitude(s) END`,
  // Presto's timestamps have millisecond precision: "2019-09-16 09:04:00.000".
  `CREATE MACRO presto_ts_text(s) AS rpad(CASE WHEN length(s) = 19 THEN s || '.' ELSE s END, 23, '0')`,
  `CREATE MACRO presto_varchar(x) AS CASE typeof(x)
     WHEN 'DOUBLE' THEN presto_fp_text(CAST(x AS VARCHAR))
     WHEN 'FLOAT' THEN presto_fp_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP' THEN presto_ts_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP_S' THEN presto_ts_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP_MS' THEN presto_ts_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP_NS' THEN presto_ts_text(CAST(x AS VARCHAR))
     WHEN 'TIMESTAMP WITH TIME ZONE'
       THEN presto_ts_text(substr(CAST(x AS VARCHAR), 1, length(CAST(x AS VARCHAR)) - 3)) || ' UTC'
     WHEN 'TIME' THEN rpad(CASE WHEN length(CAST(x AS VARCHAR)) = 8 THEN CAST(x AS VARCHAR) || '.'
       ELSE CAST(x AS VARCHAR) END, 12, '0')
     ELSE CAST(x AS VARCHAR) END`,

  // --- conversions ---------------------------------------------------------
  ...['bigint', 'integer', 'smallint', 'tinyint'].map(
    (type) => `CREATE MACRO presto_cast_${type}(x) AS CASE WHEN typeof(x) IN ('DOUBLE', 'FLOAT')
       THEN CAST(round(TRY_CAST(x AS DOUBLE)) AS ${type.toUpperCase()}) ELSE CAST(x AS ${type.toUpperCase()}) END`,
  ),
  `CREATE MACRO presto_typeof(x) AS CASE typeof(x)
     WHEN 'FLOAT' THEN 'real' WHEN 'HUGEINT' THEN 'bigint' WHEN 'BLOB' THEN 'varbinary'
     WHEN 'TIMESTAMP_S' THEN 'timestamp' WHEN 'TIMESTAMP_MS' THEN 'timestamp' WHEN 'TIMESTAMP_NS' THEN 'timestamp'
     ELSE regexp_replace(replace(lower(typeof(x)), 'struct(', 'row('), '^(.*)\\[\\]$', 'array(\\1)') END`,

  // --- date and time (the session time zone is UTC) --------------------------
  `CREATE MACRO presto_from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)`,
  `CREATE MACRO presto_from_iso8601_date(s) AS CAST(s AS DATE)`,
  `CREATE MACRO presto_to_iso8601(x) AS CASE typeof(x)
     WHEN 'DATE' THEN CAST(x AS VARCHAR)
     WHEN 'TIMESTAMP WITH TIME ZONE'
       THEN replace(presto_ts_text(substr(CAST(x AS VARCHAR), 1, length(CAST(x AS VARCHAR)) - 3)), ' ', 'T') || 'Z'
     ELSE replace(presto_ts_text(CAST(x AS VARCHAR)), ' ', 'T') END`,
  // Presto rounds to milliseconds (DateTimeFunctions.fromUnixTime: Math.round(unixTime * 1000)).
  `CREATE MACRO presto_from_unixtime(x) AS make_timestamp(CAST(round(CAST(x AS DOUBLE) * 1000) AS BIGINT) * 1000)`,
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
  // Presto replaces every match and writes groups as $1 (Java); RE2 writes \\1.
  `CREATE MACRO presto_regexp_replace(s, p) AS regexp_replace(s, p, '', 'g'),
     (s, p, r) AS regexp_replace(s, p, regexp_replace(r, '\\$(\\d)', '\\\\\\1', 'g'), 'g')`,

  // --- JSON ------------------------------------------------------------------
  `CREATE MACRO presto_json_extract_scalar(j, p) AS CASE
     WHEN json_type(json_extract(j, p)) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END`,
  `CREATE MACRO presto_json_array_length(j) AS CASE WHEN json_type(j) = 'ARRAY' THEN json_array_length(j) END`,
  `CREATE MACRO presto_json_array_get(j, i) AS CASE WHEN json_type(j) <> 'ARRAY' THEN NULL
     WHEN i >= 0 THEN json_extract(j, '$[' || i || ']') ELSE json_extract(j, '$[#' || i || ']') END`,
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
