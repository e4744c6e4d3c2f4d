// Delta windows: the user guide's worked example, later runs, catch-up,
// the filter on real files (including __dt partition pruning) and the
// late-data detection primitive.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatasetFixture, type DatasetFixture } from '../../../../../test/support/dataset-fixtures.ts';
import { parseSchedule } from '../schedule/schedule.ts';
import { computeDeltaWindow, deltaScanFilter } from './delta-window.ts';
import { versionsWithLateData } from './late-data.ts';

const at = (iso: string): Date => new Date(iso);
const iso = (window: { start: Date | null; end: Date }): [string | null, string] => [window.start?.toISOString() ?? null, window.end.toISOString()];
const everyQuarterHour = parseSchedule('cron(0/15 * * * ? *)');

describe('computeDeltaWindow', () => {
  it('reproduces the user guide: a 15-minute cron with offset -180 run at 10:30 covers 10:12–10:27', () => {
    const window = computeDeltaWindow({ offsetSeconds: -180, runTime: at('2020-01-01T10:30:00Z'), schedule: everyQuarterHour });
    assert.deepEqual(iso(window), ['2020-01-01T10:12:00.000Z', '2020-01-01T10:27:00.000Z']);
  });

  it('starts each later window where the previous one ended', () => {
    const window = computeDeltaWindow({
      offsetSeconds: -180,
      runTime: at('2020-01-01T10:45:00Z'),
      previousWindowEnd: at('2020-01-01T10:27:00Z'),
      schedule: everyQuarterHour,
    });
    assert.deepEqual(iso(window), ['2020-01-01T10:27:00.000Z', '2020-01-01T10:42:00.000Z']);
  });

  it('catches up on everything since the last window after a pause', () => {
    const window = computeDeltaWindow({
      offsetSeconds: -180,
      runTime: at('2020-01-01T12:30:00Z'),
      previousWindowEnd: at('2020-01-01T10:27:00Z'),
      schedule: everyQuarterHour,
    });
    assert.deepEqual(iso(window), ['2020-01-01T10:27:00.000Z', '2020-01-01T12:27:00.000Z']);
  });

  it('estimates a rate schedule\'s first window from its previous firing', () => {
    const window = computeDeltaWindow({
      offsetSeconds: -180,
      runTime: at('2020-01-01T11:00:00Z'),
      schedule: parseSchedule('rate(1 hour)'),
      scheduleAnchor: at('2020-01-01T09:00:00Z'),
    });
    assert.deepEqual(iso(window), ['2020-01-01T09:57:00.000Z', '2020-01-01T10:57:00.000Z']);
  });

  it('leaves the first window of an unscheduled dataset open at the start', () => {
    const window = computeDeltaWindow({ offsetSeconds: -60, runTime: at('2020-01-01T10:00:00Z') });
    assert.deepEqual(iso(window), [null, '2020-01-01T09:59:00.000Z']);
  });

  it('gives an empty window, never an overlapping one, to a run right after the previous', () => {
    const window = computeDeltaWindow({ offsetSeconds: -180, runTime: at('2020-01-01T10:29:00Z'), previousWindowEnd: at('2020-01-01T10:27:00Z') });
    assert.deepEqual(iso(window), ['2020-01-01T10:27:00.000Z', '2020-01-01T10:27:00.000Z']);
  });
});

describe('deltaScanFilter', () => {
  it('bounds the time expression and prunes __dt a day before the window', () => {
    const window = { start: at('2020-01-02T00:30:00Z'), end: at('2020-01-02T01:00:00Z') };
    assert.equal(
      deltaScanFilter('presto_from_unixtime(epoch)', window),
      "__dt >= TIMESTAMP '2020-01-01 00:00:00.000' AND (presto_from_unixtime(epoch)) >= TIMESTAMP '2020-01-02 00:30:00.000'" +
        " AND (presto_from_unixtime(epoch)) < TIMESTAMP '2020-01-02 01:00:00.000'",
    );
    assert.equal(deltaScanFilter('t', { start: null, end: window.end }), "(t) < TIMESTAMP '2020-01-02 01:00:00.000'");
  });
});

describe('delta windows on real files', () => {
  let fixture: DatasetFixture;
  before(async () => {
    fixture = await openDatasetFixture();
  });
  after(() => fixture.close());

  const delta = (start: string, end: string, timeExpression = 'from_unixtime(epoch)') => ({ window: { start: at(start), end: at(end) }, timeExpression });

  it('filters every data store read, in both file formats', async () => {
    for (const format of ['parquet', 'json'] as const) {
      const lines = await fixture.query('SELECT a.id, count(*) AS n FROM readings a JOIN readings b ON a.device = b.device GROUP BY a.id', {
        format,
        delta: delta('2020-01-01T10:00:30Z', '2020-01-02T10:00:00Z'),
      });
      assert.deepEqual(lines, ['"id","n"', '"2","1"'], format);
    }
  });

  it('accepts a Presto time expression and reports errors in it as such', async () => {
    const lines = await fixture.query('SELECT id FROM readings ORDER BY id', { delta: delta('2020-01-01T10:00:00Z', '2020-01-02T12:00:00Z', 'from_iso8601_timestamp(ts)') });
    assert.deepEqual(lines, ['"id"', '"1"', '"2"', '"3"']);
    await assert.rejects(fixture.query('SELECT id FROM readings', { delta: delta('2020-01-01T10:00:00Z', '2020-01-02T12:00:00Z', "date_format(ts, fmt)") }), {
      message: 'NOT_SUPPORTED: in the deltaTime timeExpression: NOT_SUPPORTED: line 1:17: The format of date_format must be a string literal',
    });
  });

  it('lets DuckDB skip the partitions more than a day before the window', async () => {
    const scan = fixture.tables('parquet')('readings')!;
    const filter = deltaScanFilter('make_timestamp(epoch * 1000000)', { start: at('2020-01-03T09:00:00Z'), end: at('2020-01-04T00:00:00Z') });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const plan = (await connection.runAndReadAll(`EXPLAIN ANALYZE SELECT count(*) FROM (SELECT * FROM ${scan} WHERE ${filter})`)).getRows()[0][1];
    connection.closeSync();
    instance.closeSync();
    assert.match(String(plan), /Scanning Files: 1\/2/);
  });
});

describe('versionsWithLateData', () => {
  const versions = [
    { versionId: 'v3', window: { start: at('2020-01-01T10:42:00Z'), end: at('2020-01-01T10:57:00Z') } },
    { versionId: 'v1', window: { start: at('2020-01-01T10:12:00Z'), end: at('2020-01-01T10:27:00Z') } },
    { versionId: 'v2', window: { start: at('2020-01-01T10:27:00Z'), end: at('2020-01-01T10:42:00Z') } },
    { versionId: 'empty', window: { start: at('2020-01-01T10:42:00Z'), end: at('2020-01-01T10:42:00Z') } },
  ];

  it('names the versions whose windows the arrivals fall in, in window order', () => {
    const arrivals = ['2020-01-01T10:30:00Z', '2020-01-01T10:13:00Z', '2020-01-01T10:27:00Z', '2020-01-01T11:00:00Z', '2020-01-01T10:00:00Z'].map(at);
    assert.deepEqual(versionsWithLateData(versions, arrivals), ['v1', 'v2']);
    assert.deepEqual(versionsWithLateData(versions, [at('2020-01-01T10:42:00Z')]), ['v3']);
    assert.deepEqual(versionsWithLateData(versions, []), []);
  });

  it('treats an open first window as reaching back to the beginning', () => {
    const open = [{ versionId: 'first', window: { start: null, end: at('2020-01-01T10:12:00Z') } }, ...versions];
    assert.deepEqual(versionsWithLateData(open, [at('2019-06-01T00:00:00Z')]), ['first']);
  });
});
