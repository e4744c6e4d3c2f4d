// The query runner on real files: Athena's CSV, empty data stores, repeated
// column names, errors reported against the user's SQL, the sandbox,
// cancellation and concurrent runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURE_QUERY_TIME, openDatasetFixture, type DatasetFixture } from '../../../../../test/support/dataset-fixtures.ts';
import { PRESTO_MACROS } from '../sql/presto-macros.ts';
import { DatasetQueryError } from '../sql/query-error.ts';
import { POSITION_GUARD } from './duckdb-errors.ts';
import { hiveToDuckdb } from './data-store-scan.ts';

let fixture: DatasetFixture;
before(async () => {
  fixture = await openDatasetFixture();
});
after(() => fixture.close());

async function failure(sql: string, tables = fixture.tables('parquet')): Promise<DatasetQueryError> {
  const error = await fixture.engine
    .runDatasetQuery({ sql, tables, outputPath: join(fixture.dir, 'results', 'failed.csv'), queryTime: FIXTURE_QUERY_TIME })
    .then(() => assert.fail(`${sql} succeeded`), (e: unknown) => e);
  assert.ok(error instanceof DatasetQueryError, String(error));
  return error;
}

describe('CSV output', () => {
  it('writes a quoted header and rows, partitions as timestamps, and returns the columns and row count', async () => {
    const outputPath = join(fixture.dir, 'results', 'all.csv');
    const result = await fixture.engine.runDatasetQuery({
      sql: 'SELECT * FROM readings ORDER BY id',
      tables: fixture.tables('parquet'),
      outputPath,
      queryTime: FIXTURE_QUERY_TIME,
    });
    assert.deepEqual(result, { columns: ['id', 'device', 'epoch', 'ts', 'temp', 'tags', 'payload', '__dt'], rowCount: 3 });
    assert.equal(
      readFileSync(outputPath, 'utf8'),
      '"id","device","epoch","ts","temp","tags","payload","__dt"\n' +
        '"1","dev-1","1577872800","2020-01-01T10:00:00Z","21.5","[a, b]","{""a"":{""b"":[1,2]},""s"":""x"",""n"":null}","2020-01-01 00:00:00.000"\n' +
        '"2","dev-2","1577872860","2020-01-01T10:01:00Z","22.25","[]","{""a"":{""b"":[]},""s"":""y""}","2020-01-01 00:00:00.000"\n' +
        '"3","dev-3","1577959200","2020-01-02T10:00:00Z",,"[c]","{}","2020-01-02 00:00:00.000"\n',
    );
  });

  it('quotes line breaks inside values', async () => {
    assert.deepEqual(await fixture.query("SELECT 'a' || chr(10) || 'b' AS v FROM readings WHERE id = 1"), ['"v"', '"a', 'b"']);
  });

  it('keeps repeated column names, as Athena does', async () => {
    assert.deepEqual(await fixture.query('SELECT id, id FROM readings WHERE id = 1'), ['"id","id"', '"1","1"']);
    const joined = await fixture.query('SELECT a.id, a.__dt, b.id, b.__dt FROM readings a JOIN readings b ON a.id = b.id WHERE a.id = 3');
    assert.deepEqual(joined, ['"id","__dt","id","__dt"', '"3","2020-01-02 00:00:00.000","3","2020-01-02 00:00:00.000"']);
  });

  it('streams large results to the file', async () => {
    const lines = await fixture.query('SELECT a.id, b.id AS other FROM readings a CROSS JOIN UNNEST(sequence(1, 100000)) AS b(id)');
    assert.equal(lines.length, 1 + 300_000);
  });
});

describe('empty data stores', () => {
  it('have only the __dt column, as AWS reports for a store with no data yet', async () => {
    for (const format of ['parquet', 'json'] as const) {
      assert.deepEqual(await fixture.query('SELECT * FROM empty_store', { format }), ['"__dt"']);
      assert.deepEqual(await fixture.query('SELECT count(*) FROM empty_store', { format }), ['"_col0"', '"0"']);
    }
  });

  it('also have the declared Parquet schema columns', async () => {
    assert.deepEqual(await fixture.query('SELECT * FROM typed_empty'), ['"__dt","deviceid","temp"']);
  });
});

describe('errors', () => {
  it('point at the user\'s SQL with Presto\'s wording', async () => {
    assert.equal((await failure('SELECT id\nFROM readings WHERE nope > 1')).message, "SYNTAX_ERROR: line 2:21: Column 'nope' cannot be resolved");
    assert.equal((await failure('SELECT nope FROM readings')).message, "SYNTAX_ERROR: line 1:8: Column 'nope' cannot be resolved");
    assert.equal((await failure('SELECT id FROM readings WHERE')).message, 'SYNTAX_ERROR: line 1:30: syntax error at end of input');
    assert.equal((await failure('SELECT frobnicate(id) FROM readings')).message, 'SYNTAX_ERROR: line 1:8: Function frobnicate not registered');
  });

  it('report data errors without a position inside our macros', async () => {
    const error = await failure("SELECT CAST(device AS BIGINT) FROM readings WHERE id = 1");
    assert.equal(error.errorName, 'INVALID_CAST_ARGUMENT');
    assert.equal(error.message, "INVALID_CAST_ARGUMENT: Could not convert string 'dev-1' to INT64 when casting from source column device");
    assert.ok(PRESTO_MACROS.every((macro) => macro.length < POSITION_GUARD.length), 'a macro body is longer than the position guard');
  });

  it('name the Presto function whose arguments do not fit, where the user called it', async () => {
    assert.match((await failure("SELECT id, regexp_extract(id, 'x') FROM readings")).message, /^SYNTAX_ERROR: line 1:12: regexp_extract: No function matches the given name and argument types 'regexp_matches\(BIGINT/);
  });

  it('name the table that does not exist', async () => {
    assert.equal((await failure('SELECT * FROM nope')).message, 'SYNTAX_ERROR: line 1:15: Table nope does not exist');
  });
});

describe('sandbox', () => {
  it('cannot read files outside the allowed directories, even through a resolver', async () => {
    const error = await failure('SELECT * FROM secrets', (name) => (name === 'secrets' ? "read_csv('/etc/passwd')" : undefined));
    assert.match(error.message, /Cannot access file "\/etc\/passwd" - file system operations are disabled by configuration/);
  });
});

describe('runs', () => {
  it('run concurrently on their own connections', async () => {
    const [a, b] = await Promise.all([
      fixture.query('SELECT count(*) FROM readings'),
      fixture.query('SELECT max(id) FROM readings', { format: 'json' }),
    ]);
    assert.deepEqual([a, b], [['"_col0"', '"3"'], ['"_col0"', '"3"']]);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const endless = (name: string) => (name === 'endless' ? '(SELECT range AS x FROM range(1000000000000))' : undefined);
    const run = fixture.engine.runDatasetQuery({
      sql: 'SELECT sum(x) FROM endless',
      tables: endless,
      outputPath: join(fixture.dir, 'results', 'cancelled.csv'),
      queryTime: FIXTURE_QUERY_TIME,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(run, (error: unknown) => error instanceof DatasetQueryError && error.errorName === 'USER_CANCELED');
  });
});

describe('hiveToDuckdb', () => {
  it('maps Glue column types, nested ones included', () => {
    assert.equal(hiveToDuckdb('string'), 'VARCHAR');
    assert.equal(hiveToDuckdb('decimal(10,2)'), 'DECIMAL(10,2)');
    assert.equal(hiveToDuckdb('array<struct<a:int,b:string>>'), 'STRUCT("a" INTEGER, "b" VARCHAR)[]');
    assert.equal(hiveToDuckdb('map<string, array<double>>'), 'MAP(VARCHAR, DOUBLE[])');
    assert.throws(() => hiveToDuckdb('uniontype<int>'), /Unsupported column type uniontype<int>/);
  });
});
