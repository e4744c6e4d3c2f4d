// Catalogue: aggregates, arrays and maps, strings and regular expressions,
// JSON, mathematics and conditionals.
import { DOCS, ONE, type CatalogueSection } from './entry.ts';

export const AGGREGATES: CatalogueSection = {
  title: 'Aggregates',
  entries: [
    {
      presto: 'approx_percentile(x, p) and approx_percentile(x, ARRAY[p…])',
      translation: 'DuckDB quantile_disc: exact, and like Presto\'s a value taken from the data. The weighted forms are refused.',
      source: DOCS.aggregate,
      sql: 'SELECT approx_percentile(id, 0.5), approx_percentile(id, ARRAY[0.0, 1.0]) FROM readings',
      expected: ['"_col0","_col1"', '"2","[1, 3]"'],
    },
    {
      presto: 'approx_distinct(x)',
      translation: 'count(DISTINCT x): exact, so within Presto\'s 2.3% standard error and right on small counts.',
      source: DOCS.aggregate,
      sql: 'SELECT approx_distinct(device), approx_distinct(temp) FROM readings',
      expected: ['"_col0","_col1"', '"3","2"'],
    },
    {
      presto: 'arbitrary(x)',
      translation: 'DuckDB any_value (a non-NULL value).',
      source: DOCS.aggregate,
      sql: `SELECT arbitrary(device) ${ONE}`,
      expected: ['"_col0"', '"dev-1"'],
    },
    {
      presto: 'count_if(x), count, sum, avg, min, max',
      translation: 'Same in DuckDB; doubles print the Java way.',
      source: DOCS.aggregate,
      sql: 'SELECT count_if(temp > 22), count(temp), sum(temp), avg(temp), min(id), max(ts) FROM readings',
      expected: ['"_col0","_col1","_col2","_col3","_col4","_col5"', '"1","2","43.75","21.875","1","2020-01-02T10:00:00Z"'],
    },
  ],
};

export const ARRAYS: CatalogueSection = {
  title: 'Arrays and maps',
  entries: [
    {
      presto: 'element_at(array | map, key)',
      translation: 'DuckDB subscript: 1-based, negative counts from the end, NULL when out of range or absent.',
      source: DOCS.array,
      sql: `SELECT element_at(tags, 1), element_at(tags, -1), element_at(tags, 5), element_at(map(ARRAY['k'], ARRAY[7]), 'k'), element_at(map(ARRAY['k'], ARRAY[7]), 'x') ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3","_col4"', '"a","b",,"7",'],
    },
    {
      presto: 'cardinality(array | map)',
      translation: 'presto_cardinality: len() for arrays, cardinality() for maps.',
      source: DOCS.array,
      sql: `SELECT cardinality(tags), cardinality(map(ARRAY['k', 'l'], ARRAY[1, 2])) ${ONE}`,
      expected: ['"_col0","_col1"', '"2","2"'],
    },
    {
      presto: 'contains(array, x)',
      translation: 'DuckDB list_contains (DuckDB\'s contains() is for strings).',
      source: DOCS.array,
      sql: `SELECT contains(tags, 'b'), contains(tags, 'z') ${ONE}`,
      expected: ['"_col0","_col1"', '"true","false"'],
    },
    {
      presto: 'array_join(array, delimiter[, null_replacement])',
      translation: 'presto_array_join: elements printed as Presto casts them; NULLs skipped unless replaced.',
      source: DOCS.array,
      sql: `SELECT array_join(tags, '|'), array_join(ARRAY['x', NULL, 'y'], ',', '?'), array_join(ARRAY[1.5e0, 1e7], ' ') ${ONE}`,
      expected: ['"_col0","_col1","_col2"', '"a|b","x,?,y","1.5 1.0E7"'],
    },
    {
      presto: 'ARRAY[…], subscripts, sequence, array_position, slice',
      translation: 'Constructor and [i] are the same; sequence → generate_series; array_position returns 0 when absent; slice → list_slice.',
      source: DOCS.array,
      sql: `SELECT ARRAY[1, 2, 3][2], sequence(1, 5, 2), array_position(tags, 'b'), array_position(tags, 'z'), slice(ARRAY[1, 2, 3, 4], 2, 2) ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3","_col4"', '"2","[1, 3, 5]","2","0","[2, 3]"'],
    },
    {
      presto: 'transform(array, x -> …), filter(array, x -> …)',
      translation: 'DuckDB list_transform / list_filter; lambdas keep Presto\'s arrow syntax.',
      source: DOCS.lambda,
      sql: `SELECT transform(ARRAY[1, 2], x -> x * 10), filter(ARRAY[1, 2, 3], x -> x > 1) ${ONE}`,
      expected: ['"_col0","_col1"', '"[10, 20]","[2, 3]"'],
    },
    {
      presto: 'reduce(array, initialState, inputFunction, outputFunction)',
      translation: 'DuckDB list_reduce with the initial state, then the output function applied through list_transform.',
      source: DOCS.lambda,
      sql: `SELECT reduce(ARRAY[5, 20, 50], 0, (s, x) -> s + x, s -> s), reduce(ARRAY[5, 20, NULL, 50], 0, (s, x) -> s + x, s -> s), reduce(ARRAY[5, 20], 0, (s, x) -> s + x, s -> s * 10) ${ONE}`,
      expected: ['"_col0","_col1","_col2"', '"75",,"250"'],
    },
    {
      presto: 'split(string, delimiter[, limit]), split_part(string, delimiter, index)',
      translation: 'string_split; presto_split for the limit; presto_split_part returns NULL past the last field (DuckDB returns \'\').',
      source: DOCS.string,
      sql: `SELECT split('a,b,,c', ','), split('a.b.c', '.', 2), split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 5) ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3"', '"[a, b, , c]","[a, b.c]","b",'],
    },
  ],
};

export const STRINGS: CatalogueSection = {
  title: 'Strings and regular expressions',
  entries: [
    {
      presto: 'length(string), strpos(string, substring)',
      translation: 'Same in DuckDB (characters, 1-based, 0 when absent).',
      source: DOCS.string,
      sql: `SELECT length('héllo'), length(device), strpos('hello', 'l'), strpos('hello', 'z') ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3"', '"5","5","3","0"'],
    },
    {
      presto: 'concat(…), replace(string, search[, replace]), substr',
      translation: 'concat becomes || (NULL in, NULL out: DuckDB\'s concat skips NULLs); two-argument replace removes.',
      source: DOCS.string,
      sql: `SELECT concat('a', 'b', 'c'), concat('a', NULL), replace('banana', 'a'), substr('hello', 2, 3) ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3"', '"abc",,"bnn","ell"'],
    },
    {
      presto: 'regexp_like(string, pattern)',
      translation: 'DuckDB regexp_matches (partial match, like Presto). Patterns are RE2, not Java: no look-around or back-references.',
      source: DOCS.regexp,
      sql: String.raw`SELECT regexp_like(device, '\d$'), regexp_like(device, '^x') ${ONE}`,
      expected: ['"_col0","_col1"', '"true","false"'],
    },
    {
      presto: 'regexp_extract(string, pattern[, group])',
      translation: 'presto_regexp_extract: NULL when nothing matches (DuckDB returns \'\').',
      source: DOCS.regexp,
      sql: String.raw`SELECT regexp_extract('a12b345', '\d+'), regexp_extract('a12b345', '([a-z])(\d+)', 2), regexp_extract('abc', '\d+') ${ONE}`,
      expected: ['"_col0","_col1","_col2"', '"12","12",'],
    },
    {
      presto: 'regexp_extract_all(string, pattern)',
      translation: 'Same in DuckDB.',
      source: DOCS.regexp,
      sql: String.raw`SELECT regexp_extract_all('a12b345', '\d+') ${ONE}`,
      expected: ['"_col0"', '"[12, 345]"'],
    },
    {
      presto: 'regexp_replace(string, pattern[, replacement])',
      translation: 'presto_regexp_replace: every match replaced (DuckDB replaces the first only), $1 group references rewritten to RE2\'s \\1.',
      source: DOCS.regexp,
      sql: String.raw`SELECT regexp_replace('a1b22', '\d+'), regexp_replace('a1b22', '(\d+)', '<$1>') ${ONE}`,
      expected: ['"_col0","_col1"', '"ab","a<1>b<22>"'],
    },
  ],
};

export const JSON_FUNCTIONS: CatalogueSection = {
  title: 'JSON',
  entries: [
    {
      presto: 'json_extract(json, path)',
      translation: 'Same in DuckDB; the result is JSON, printed compactly.',
      source: DOCS.json,
      sql: `SELECT json_extract(payload, '$.a.b'), json_extract(payload, '$.missing') ${ONE}`,
      expected: ['"_col0","_col1"', '"[1,2]",'],
    },
    {
      presto: 'json_extract_scalar(json, path)',
      translation: 'presto_json_extract_scalar: NULL unless the value is a scalar (DuckDB\'s json_extract_string would return the object\'s text).',
      source: DOCS.json,
      sql: `SELECT json_extract_scalar(payload, '$.s'), json_extract_scalar(payload, '$.a'), json_extract_scalar(payload, '$.a.b[1]'), json_extract_scalar(payload, '$.n') ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3"', '"x",,"2",'],
    },
    {
      presto: 'json_array_length(json), json_size(json, path)',
      translation: 'presto_json_array_length: NULL for a non-array (DuckDB returns 0); presto_json_size: elements or keys, 0 for a scalar.',
      source: DOCS.json,
      sql: `SELECT json_array_length('[1, 2, 3]'), json_array_length('{"a": 1}'), json_size('{"x": {"a": 1, "b": 2}}', '$.x'), json_size('{"x": [1, 2, 3]}', '$.x'), json_size('{"x": {"a": 1, "b": 2}}', '$.x.a') ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3","_col4"', '"3",,"2","3","0"'],
    },
    {
      presto: 'json_parse(string), json_format(json)',
      translation: 'DuckDB json() and CAST(… AS VARCHAR).',
      source: DOCS.json,
      sql: `SELECT json_format(json_parse('[1, 2, 3]')), json_parse('{"a": [1, 2]}') ${ONE}`,
      expected: ['"_col0","_col1"', '"[1,2,3]","{""a"":[1,2]}"'],
    },
    {
      presto: 'json_array_get(json_array, index)',
      translation: 'presto_json_array_get: zero-based, negative from the end, and a string element unquoted, as Presto documents its (broken) behaviour.',
      source: DOCS.json,
      sql: `SELECT json_array_get('["a", [3, 9], "c"]', 0), json_array_get('["a", [3, 9], "c"]', 1), json_array_get('["c", "b", "a"]', -1), json_array_get('["a"]', 10) ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3"', '"a","[3,9]","a",'],
    },
  ],
};

export const MATH: CatalogueSection = {
  title: 'Mathematics and conditionals',
  entries: [
    {
      presto: 'is_nan(x), nan(), infinity()',
      translation: 'DuckDB isnan and the IEEE constants; they print as Java does (NaN, Infinity).',
      source: DOCS.math,
      sql: `SELECT is_nan(nan()), is_nan(temp), infinity(), -infinity() ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3"', '"true","false","Infinity","-Infinity"'],
    },
    {
      presto: 'log2(x), log10(x), ln(x), sqrt(x)',
      translation: 'presto_ln/log2/log10/sqrt: IEEE results (-Infinity, NaN) where DuckDB raises an error.',
      source: DOCS.math,
      sql: `SELECT log2(8), log10(1000), ln(1), ln(0), log10(-1), sqrt(16), sqrt(-1) ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3","_col4","_col5","_col6"', '"3.0","3.0","0.0","-Infinity","NaN","4.0","NaN"'],
    },
    {
      presto: 'truncate(x), round(x)',
      translation: 'truncate → DuckDB trunc; round is the same (half away from zero).',
      source: DOCS.math,
      sql: `SELECT truncate(21.75e0), truncate(-21.75e0), round(2.5e0), round(-2.5e0) ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3"', '"21.0","-21.0","3.0","-3.0"'],
    },
    {
      presto: 'rand(), rand(n)',
      translation: 'DuckDB random(); presto_random(n) for an integer in [0, n).',
      source: DOCS.math,
      sql: `SELECT rand() >= 0 AND rand() < 1, rand(10) BETWEEN 0 AND 9 ${ONE}`,
      expected: ['"_col0","_col1"', '"true","true"'],
    },
    {
      presto: 'if(condition, true_value[, false_value])',
      translation: 'The two-argument form becomes CASE WHEN … END (NULL when false).',
      source: DOCS.conditional,
      sql: `SELECT if(id = 1, 'one'), if(id = 2, 'two'), if(id = 2, 'two', 'other') ${ONE}`,
      expected: ['"_col0","_col1","_col2"', '"one",,"other"'],
    },
  ],
};
