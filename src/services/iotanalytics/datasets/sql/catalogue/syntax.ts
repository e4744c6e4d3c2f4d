// Catalogue: syntax, result format and conversions.
import { DOCS, type CatalogueSection } from './entry.ts';

export const SYNTAX: CatalogueSection = {
  title: 'Syntax and result format',
  entries: [
    {
      presto: 'Data-store name as the table, any case',
      translation: 'Resolved case-insensitively (Athena lower-cases table names) to the data store\'s files; an unaliased table keeps its name as alias.',
      source: DOCS.athenaNames,
      sql: 'SELECT Readings.id FROM READINGS WHERE id = 1',
      expected: ['"id"', '"1"'],
    },
    {
      presto: '"quoted" and `backquoted` identifiers, `__dt`',
      translation: 'Backquotes (Athena\'s spelling for names starting with _) become double quotes.',
      source: DOCS.iotSql,
      sql: 'SELECT "device", `__dt` FROM readings WHERE id = 1',
      expected: ['"device","__dt"', '"dev-1","2020-01-01 00:00:00.000"'],
    },
    {
      presto: 'Output column names: _col<n>, aliases as written',
      translation: 'Unaliased expressions get Presto\'s _col<position> names; column references and aliases keep the spelling used in the query.',
      source: DOCS.athenaNames,
      sql: 'SELECT count(*), max(id) AS MaxId, Device FROM readings GROUP BY device ORDER BY device LIMIT 1',
      expected: ['"_col0","MaxId","Device"', '"1","1","dev-1"'],
    },
    {
      presto: 'CSV: every value quoted, NULL as an empty field, booleans',
      translation: 'Written by DuckDB\'s COPY with FORCE_QUOTE *; NULL stays unquoted, unlike the empty string.',
      source: DOCS.athenaCsv,
      sql: `SELECT NULL, '', 'say "hi", ok', true, false FROM readings WHERE id = 1`,
      expected: ['"_col0","_col1","_col2","_col3","_col4"', ',"","say ""hi"", ok","true","false"'],
    },
    {
      presto: 'CSV: arrays and maps',
      translation: 'presto_array_text / presto_map_text: Java\'s List and Map printing, elements printed as Presto casts them, NULL as null.',
      source: DOCS.types,
      sql: `SELECT tags, ARRAY[1.5e0, NULL, 1e7], map(ARRAY['k'], ARRAY['v']) FROM readings WHERE id = 1`,
      expected: ['"tags","_col1","_col2"', '"[a, b]","[1.5, null, 1.0E7]","{k=v}"'],
    },
    {
      presto: 'Integer division and modulo: 5 / 2 = 2',
      translation: 'DuckDB\'s integer_division setting: / on two integers truncates, as in Presto; other types divide normally.',
      source: DOCS.math,
      sql: 'SELECT 5 / 2, -5 / 2, 5.0 / 2, 7 % 3, id / 2 FROM readings WHERE id = 3',
      expected: ['"_col0","_col1","_col2","_col3","_col4"', '"2","-2","2.5","1","1"'],
    },
    {
      presto: 'String concatenation ||',
      translation: 'Same in DuckDB (NULL operand gives NULL).',
      source: DOCS.string,
      sql: `SELECT device || '-' || CAST(id AS VARCHAR), 'a' || NULL FROM readings WHERE id = 1`,
      expected: ['"_col0","_col1"', '"dev-1-1",'],
    },
    {
      presto: "interval '1' day literals",
      translation: 'Same in DuckDB.',
      source: DOCS.datetime,
      sql: `SELECT timestamp '2020-01-01 00:00:00' + interval '1' day, timestamp '2020-01-01 00:00:00' - interval '2' hour FROM readings WHERE id = 1`,
      expected: ['"_col0","_col1"', '"2020-01-02 00:00:00.000","2019-12-31 22:00:00.000"'],
    },
    {
      presto: "timestamp '…' and date '…' literals",
      translation: 'Same in DuckDB, except that a literal with a zone is a timestamp with time zone (DuckDB TIMESTAMPTZ). Timestamps print with milliseconds.',
      source: DOCS.types,
      sql: `SELECT timestamp '2020-01-01 10:00:00', date '2020-01-05', timestamp '2020-01-01 10:00:00 UTC' FROM readings WHERE id = 1`,
      expected: ['"_col0","_col1","_col2"', '"2020-01-01 10:00:00.000","2020-01-05","2020-01-01 10:00:00.000 UTC"'],
    },
    {
      presto: 'ORDER BY … NULLS FIRST|LAST, LIMIT',
      translation: 'Same in DuckDB; NULLs sort last by default in both.',
      source: DOCS.select,
      sql: 'SELECT id FROM readings ORDER BY temp DESC NULLS FIRST LIMIT 2',
      expected: ['"id"', '"3"', '"2"'],
    },
    {
      presto: 'UNION (distinct) and UNION ALL',
      translation: 'Same in DuckDB.',
      source: DOCS.select,
      sql: 'SELECT device FROM readings WHERE id = 1 UNION SELECT device FROM readings WHERE id <= 2 ORDER BY 1',
      expected: ['"device"', '"dev-1"', '"dev-2"'],
    },
    {
      presto: 'JOIN … ON (supported since July 2021)',
      translation: 'Every data store named in FROM or JOIN is resolved.',
      source: DOCS.iotSql,
      sql: 'SELECT a.id, b.device FROM readings a JOIN readings b ON a.id = b.id + 1 ORDER BY a.id',
      expected: ['"id","device"', '"2","dev-1"', '"3","dev-2"'],
    },
    {
      presto: 'Subqueries in FROM and WHERE',
      translation: 'Same in DuckDB (WITH is refused: IoT Analytics never supported it).',
      source: DOCS.iotSql,
      sql: 'SELECT n FROM (SELECT count(*) AS n FROM readings WHERE id IN (SELECT id FROM readings WHERE temp > 22))',
      expected: ['"n"', '"1"'],
    },
  ],
};

export const CONVERSION: CatalogueSection = {
  title: 'Conversion',
  entries: [
    {
      presto: 'CAST(x AS VARCHAR)',
      translation: 'presto_varchar: doubles are printed the Java way (plain between 10^-3 and 10^7, else 1.0E7), timestamps with milliseconds.',
      source: DOCS.javaDouble,
      sql: `SELECT CAST(temp AS VARCHAR), CAST(1e7 AS VARCHAR), CAST(0.0001e0 AS VARCHAR), CAST(timestamp '2020-01-01 10:00:00' AS VARCHAR) FROM readings WHERE id = 1`,
      expected: ['"_col0","_col1","_col2","_col3"', '"21.5","1.0E7","1.0E-4","2020-01-01 10:00:00.000"'],
    },
    {
      presto: 'CAST(x AS BIGINT / INTEGER) from a double',
      translation: 'presto_cast_bigint/integer: Presto rounds half away from zero (DoubleOperators castToLong → Math.round); DuckDB rounds half to even.',
      source: DOCS.conversion,
      sql: 'SELECT CAST(2.5e0 AS BIGINT), CAST(-2.5e0 AS BIGINT), CAST(temp AS INTEGER), CAST(\'12\' AS BIGINT) FROM readings WHERE id = 1',
      expected: ['"_col0","_col1","_col2","_col3"', '"3","-3","22","12"'],
    },
    {
      presto: 'CAST(x AS DOUBLE / TIMESTAMP / DATE)',
      translation: 'Same in DuckDB.',
      source: DOCS.conversion,
      sql: `SELECT CAST('1.5' AS DOUBLE), CAST('2020-01-01 10:00:00' AS TIMESTAMP), CAST(timestamp '2020-01-01 10:00:00' AS DATE) FROM readings WHERE id = 1`,
      expected: ['"_col0","_col1","_col2"', '"1.5","2020-01-01 10:00:00.000","2020-01-01"'],
    },
    {
      presto: 'try_cast(x AS type)',
      translation: 'Same in DuckDB (integer targets through presto_cast_* inside TRY).',
      source: DOCS.conversion,
      sql: `SELECT try_cast('x' AS INTEGER), try_cast('12' AS BIGINT) FROM readings WHERE id = 1`,
      expected: ['"_col0","_col1"', ',"12"'],
    },
    {
      presto: 'try(expression)',
      translation: 'Same in DuckDB (TRY).',
      source: DOCS.conversion,
      sql: `SELECT try(CAST('x' AS BIGINT)), coalesce(try(CAST(device AS BIGINT)), -1) FROM readings WHERE id = 1`,
      expected: ['"_col0","_col1"', ',"-1"'],
    },
    {
      presto: 'typeof(x)',
      translation: 'presto_typeof: Presto\'s lower-case names (array(varchar), real, varbinary) instead of DuckDB\'s.',
      source: DOCS.conversion,
      sql: 'SELECT typeof(id), typeof(temp), typeof(tags), typeof(device) FROM readings WHERE id = 1',
      expected: ['"_col0","_col1","_col2","_col3"', '"bigint","double","array(varchar)","varchar"'],
    },
  ],
};
