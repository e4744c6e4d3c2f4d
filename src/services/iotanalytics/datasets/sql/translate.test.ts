// The rewriter on its own: what it changes, what it leaves for DuckDB, and
// the errors it raises against the user's SQL. Semantics are tested against
// DuckDB in catalogue.test.ts and ../query/engine.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetQueryError } from './query-error.ts';
import { tokenize } from './tokenizer.ts';
import { translateExpression, translateQuery } from './translate.ts';

const queryTime = new Date('2020-03-04T05:06:07.089Z');
const tables = (name: string): string | undefined => (name === 'readings' || name === 'other' ? `scan_${name}` : undefined);
const translate = (sql: string, scanFilter?: string): string => translateQuery(sql, { tables, queryTime, scanFilter }).text;

function rejects(sql: string, expected: RegExp): DatasetQueryError {
  try {
    translate(sql);
  } catch (error) {
    assert.ok(error instanceof DatasetQueryError, String(error));
    assert.match(error.message, expected);
    return error;
  }
  assert.fail(`${sql} was accepted`);
}

describe('tokenizer', () => {
  it('keeps strings, quoted identifiers and comments intact', () => {
    const tokens = tokenize(`SELECT 'it''s -- not a comment', "a""b", \`_c\` /* x */ -- trailing\n FROM t`);
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.value]),
      [['word', 'SELECT'], ['string', "it's -- not a comment"], ['op', ','], ['quoted', 'a"b'], ['op', ','], ['backquoted', '_c'], ['word', 'FROM'], ['word', 't']],
    );
  });

  it('reports an unterminated string where it starts', () => {
    assert.throws(() => tokenize("SELECT 'abc"), /SYNTAX_ERROR: line 1:8: unterminated string literal/);
  });
});

describe('translateQuery', () => {
  it('resolves data stores case-insensitively and keeps the name as the alias', () => {
    assert.equal(translate('SELECT a FROM Readings'), 'SELECT a AS "a" FROM scan_readings AS "Readings"');
    assert.equal(translate('SELECT r.a FROM readings r'), 'SELECT r.a AS "a" FROM scan_readings r');
    assert.equal(translate('SELECT * FROM "readings" AS x'), 'SELECT * FROM scan_readings AS x');
  });

  it('resolves every FROM item: joins, comma lists, subqueries, IN subqueries', () => {
    assert.equal(
      translate('SELECT * FROM readings a JOIN other b ON a.id = b.id, readings c WHERE a.x IN (SELECT x FROM other)'),
      'SELECT * FROM scan_readings a JOIN scan_other b ON a.id = b.id, scan_readings c WHERE a.x IN (SELECT x FROM scan_other AS "other")',
    );
    assert.equal(translate('SELECT n FROM (SELECT count(*) n FROM readings) t'), 'SELECT n AS "n" FROM (SELECT count(*) n FROM scan_readings AS "readings") t');
  });

  it('wraps each scan in the delta filter', () => {
    assert.equal(translate('SELECT * FROM readings', 'ts >= 1'), 'SELECT * FROM (SELECT * FROM scan_readings WHERE ts >= 1) AS "readings"');
  });

  it('names unnamed output columns _colN and keeps column names as written', () => {
    assert.equal(
      translate('SELECT count(*), Device, r.temp AS t, max(x) m, `__dt` FROM readings r'),
      'SELECT count(*) AS "_col0", Device AS "Device", r.temp AS t, max(x) m, "__dt" AS "__dt" FROM scan_readings r',
    );
    // Only the outermost query's first SELECT names the result.
    assert.equal(
      translate('SELECT 1 UNION SELECT 2'),
      'SELECT 1 AS "_col0" UNION SELECT 2',
    );
    assert.equal(translate("SELECT interval '1' day"), `SELECT interval '1' day AS "_col0"`);
  });

  it('turns backquoted names into quoted ones', () => {
    assert.equal(translate('SELECT `__dt` AS `d` FROM readings'), 'SELECT "__dt" AS "d" FROM scan_readings AS "readings"');
  });

  it('replaces the current time with the run time', () => {
    assert.equal(
      translate('SELECT current_timestamp, now(), current_date'),
      `SELECT TIMESTAMPTZ '2020-03-04 05:06:07.089+00' AS "_col0", TIMESTAMPTZ '2020-03-04 05:06:07.089+00' AS "_col1", DATE '2020-03-04' AS "_col2"`,
    );
  });

  it('reads a zoned TIMESTAMP literal as a timestamp with time zone', () => {
    assert.equal(translate("SELECT TIMESTAMP '2020-01-01 00:00:00 UTC' x"), `SELECT TIMESTAMPTZ '2020-01-01 00:00:00 UTC' x`);
    assert.equal(translate("SELECT TIMESTAMP '2020-01-01 00:00:00' x"), `SELECT TIMESTAMP '2020-01-01 00:00:00' x`);
  });

  it('rewrites function calls inside arguments, windows and subqueries', () => {
    assert.equal(
      translate("SELECT date_diff('day', from_iso8601_timestamp(a), now()) OVER (PARTITION BY regexp_like(b, 'x')) d FROM readings"),
      `SELECT date_sub('day', presto_from_iso8601_timestamp(a), TIMESTAMPTZ '2020-03-04 05:06:07.089+00') OVER (PARTITION BY regexp_matches(b, 'x')) d FROM scan_readings AS "readings"`,
    );
  });

  it('converts literal date formats', () => {
    assert.equal(translate("SELECT date_format(t, '%Y-%m-%d %H:%i:%s') x"), `SELECT strftime(t, '%Y-%m-%d %H:%M:%S') x`);
    assert.equal(translate("SELECT format_datetime(t, 'yyyy-MM-dd''T''HH:mm') x"), `SELECT strftime(t, '%Y-%m-%dT%H:%M') x`);
  });

  it('maps CAST types and the casts whose meaning differs', () => {
    assert.equal(translate('SELECT CAST(a AS ARRAY(ROW(x REAL, y VARBINARY))) z'), 'SELECT CAST(a AS STRUCT(x FLOAT, y BLOB)[]) z');
    assert.equal(translate('SELECT CAST(a AS VARCHAR(10)) z, TRY_CAST(b AS INT) w'), 'SELECT presto_varchar(a) z, TRY(presto_cast_integer(b)) w');
    assert.equal(translate('SELECT CAST(t AS TIMESTAMP WITH TIME ZONE) z'), 'SELECT CAST(t AS TIMESTAMPTZ) z');
  });

  it('maps EXTRACT fields to ISO ones where Presto uses them', () => {
    assert.equal(translate('SELECT EXTRACT(DOW FROM t) z'), 'SELECT extract(isodow FROM t) z');
  });

  it('tells an aggregate FILTER clause from the array function, and samples by percentage', () => {
    assert.equal(
      translate('SELECT count(*) FILTER (WHERE a > 1) n, filter(xs, x -> x > 1) f FROM readings TABLESAMPLE BERNOULLI (10)'),
      'SELECT count(*) FILTER (WHERE a > 1) n, list_filter(xs, x -> x > 1) f FROM scan_readings AS "readings" TABLESAMPLE bernoulli(10%)',
    );
  });

  it('gives DECIMAL literals their own precision and parses JSON literals', () => {
    assert.equal(translate(`SELECT DECIMAL '-12.50' d, JSON '{"a": 1}' j`), `SELECT CAST('-12.50' AS DECIMAL(4, 2)) d, json('{"a": 1}') j`);
  });

  it('accepts one trailing semicolon', () => {
    assert.equal(translate('SELECT 1 x;'), 'SELECT 1 x');
  });
});

describe('translateQuery refusals', () => {
  it('names statements IoT Analytics does not support', () => {
    rejects('WITH t AS (SELECT 1) SELECT * FROM t', /^NOT_SUPPORTED: line 1:1: WITH clauses are not supported/);
    rejects('CREATE TABLE x AS SELECT 1', /^NOT_SUPPORTED: line 1:1: CREATE statements \(including CREATE TABLE AS SELECT/);
    rejects('INSERT INTO readings SELECT 1', /^NOT_SUPPORTED: line 1:1: INSERT INTO is not supported/);
    rejects('DESCRIBE readings', /^NOT_SUPPORTED: line 1:1: DESCRIBE statements are not supported/);
    rejects('EXPLAIN SELECT 1', /^NOT_SUPPORTED: line 1:1: EXPLAIN is not supported/);
    rejects("EXECUTE q USING 'x'", /^NOT_SUPPORTED: line 1:1: Prepared statements \(EXECUTE … USING\)/);
    rejects('SHOW TABLES', /^NOT_SUPPORTED: line 1:1: Only SELECT queries are supported in dataset SQL; SHOW statements are not/);
    rejects('SELECT * FROM (WITH a AS (SELECT 1) SELECT * FROM a)', /^NOT_SUPPORTED: line 1:16: WITH clauses/);
  });

  it('refuses several statements, parameters and table functions', () => {
    rejects('SELECT 1;\n SELECT 2', /^NOT_SUPPORTED: line 2:2: Multiple statements are not supported/);
    rejects('SELECT * FROM readings WHERE a = ?', /^NOT_SUPPORTED: line 1:34: Query parameters/);
    rejects("SELECT * FROM read_csv('/etc/passwd')", /^NOT_SUPPORTED: line 1:15: Table function read_csv is not supported/);
  });

  it('reports unknown data stores and bad brackets where they are', () => {
    rejects('SELECT *\nFROM missing', /^SYNTAX_ERROR: line 2:6: Table missing does not exist$/);
    rejects('SELECT (1', /^SYNTAX_ERROR: line 1:8: '\(' is never closed/);
    rejects('SELECT 1)', /^SYNTAX_ERROR: line 1:9: mismatched input '\)'/);
    rejects("SELECT date_format(t, fmt) FROM readings", /^NOT_SUPPORTED: line 1:23: The format of date_format must be a string literal/);
    rejects("SELECT date_format(t, '%D') FROM readings", /^NOT_SUPPORTED: line 1:23: date_format: the %D specifier is not supported/);
    rejects('SELECT approx_percentile(x, w, 0.5) FROM readings', /^NOT_SUPPORTED: line 1:8: approx_percentile is supported with/);
    rejects('SELECT split_part(x) FROM readings', /^SYNTAX_ERROR: line 1:8: Function split_part expects 3 arguments, got 1/);
  });
});

describe('translateExpression', () => {
  it('translates a delta filter time expression', () => {
    assert.equal(translateExpression('from_unixtime(`timestamp`)', queryTime).text, 'presto_from_unixtime("timestamp")');
  });
});

describe('robustness', () => {
  /** Translates or refuses with a DatasetQueryError; anything else is a bug (a 500 for the user). */
  function survives(sql: string): void {
    try {
      translate(sql);
    } catch (error) {
      assert.ok(error instanceof DatasetQueryError, `${JSON.stringify(sql)} threw ${String(error)}`);
    }
  }

  it('refuses malformed input with a query error, never a crash', () => {
    for (const sql of [
      '', ';', ';;', 'SELECT', 'SELECT ,', 'SELECT a,,b FROM readings', 'SELECT a, FROM readings', 'FROM', 'SELECT * FROM',
      'SELECT * FROM readings,', 'SELECT CAST(', 'SELECT CAST()', 'SELECT CAST(a AS)', 'SELECT CAST(a AS MAP(VARCHAR,))',
      'SELECT f(,)', 'SELECT date_format(x,)', "SELECT date_format(x, '%')", 'SELECT EXTRACT()', 'SELECT EXTRACT(FOO FROM x)',
      'SELECT 1 FROM readings TABLESAMPLE', 'SELECT 1 FROM readings TABLESAMPLE BERNOULLI', '(', ')', '[', "SELECT '", 'SELECT "',
      'SELECT `', 'SELECT /*', 'SELECT #', 'SELECT a FROM (readings', 'SELECT a FROM ()', 'SELECT * FROM (readings JOIN other ON x)',
      'VALUES', 'WITH', 'SELECT reduce(a)', "SELECT format_datetime(t, 'S')", "SELECT format_datetime(t, 'x''')",
    ]) {
      survives(sql);
    }
  });

  it('survives random token soup', () => {
    const vocabulary = [
      'SELECT', 'FROM', 'readings', 'other', 'JOIN', 'ON', 'WHERE', ',', '(', ')', '[', ']', '.', '*', 'AS', 'a', '`b`', '"c"',
      "'s'", '1', '2.5', 'CAST', 'VARCHAR', 'date_format', 'EXTRACT', 'DAY', 'interval', 'timestamp', 'UNION', 'GROUP', 'BY',
      'ORDER', 'LIMIT', ';', '?', 'TABLESAMPLE', 'BERNOULLI', 'FILTER', 'now', 'current_date', '+', '/', '||', '->', 'x',
    ];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 3000; round++) {
      const length = 1 + random(14);
      survives(Array.from({ length }, () => vocabulary[random(vocabulary.length)]).join(' '));
    }
  });
});
