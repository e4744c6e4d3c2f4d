// Schedules, delta windows, late data and version retention on an injected
// clock: the test moves the clock and runs the scheduler's round itself.
// Versions the service creates are audited as the service (AWSService).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateDatasetCommand,
  CreateDatasetContentCommand,
  DeleteDatasetContentCommand,
  GetDatasetContentCommand,
  ListDatasetContentsCommand,
} from '@aws-sdk/client-iotanalytics';
import { DEFAULTS } from '../../src/config/schema.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { lookup } from '../support/cloudtrail.ts';
import { fastConfig } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { createChain, finished, ingest } from '../support/dataset-contents.ts';
import { assertValidRecord } from '../support/record-schema.ts';
import { startServer, type TestServer } from '../support/server.ts';

// Requests are signed with the real time and the server accepts 15 minutes of
// skew, so the test's times stay within a few minutes of now: `Q` is the
// last five-minute boundary, the schedule fires every five minutes.
const MINUTE = 60_000;
const Q = Math.floor(Date.now() / (5 * MINUTE)) * 5 * MINUTE;
const at = (minutes: number) => Q + minutes * MINUTE;
const ts = (minutes: number) => at(minutes) / 1000;
/** A time as the CSV prints it (Presto's timestamp). */
const printed = (minutes: number) => new Date(at(minutes)).toISOString().replace('T', ' ').replace('Z', '');

describe('dataset schedules, delta windows, late data and retention', () => {
  let server: TestServer;
  const clock = new ManualClock(at(-3));
  before(async () => {
    // Only the test runs the scheduler's rounds.
    server = await startServer({ clock, config: fastConfig({ datasets: { ...DEFAULTS.datasets, schedulerIntervalMs: 3_600_000 } }) });
    await createChain(server, 'line');
    const readings = [-5, -4, -3, -2, -1.5, -0.5, 2].map((t, i) => ({ device: `d${i}`, ts: ts(t) }));
    await ingest(server, 'line', readings, readings.length);
    await server.iotanalytics().send(
      new CreateDatasetCommand({
        datasetName: 'every_quarter',
        actions: [
          {
            actionName: 'q',
            queryAction: {
              sqlQuery: 'SELECT device, from_unixtime(ts) AS at FROM line ORDER BY ts',
              filters: [{ deltaTime: { offsetSeconds: -60, timeExpression: 'from_unixtime(ts)' } }],
            },
          },
        ],
        triggers: [{ schedule: { expression: 'cron(0/5 * * * ? *)' } }],
        versioningConfiguration: { unlimited: true },
        lateDataRules: [{ ruleName: 'late', ruleConfiguration: { deltaTimeSessionWindowConfiguration: { timeoutInMinutes: 1 } } }],
      }),
    );
  });
  after(() => server.stop());

  const versions = async (datasetName: string) =>
    (await server.iotanalytics().send(new ListDatasetContentsCommand({ datasetName }))).datasetContentSummaries ?? [];
  const csv = async (datasetName: string, versionId: string) => {
    const content = await finished(server, datasetName, versionId);
    assert.equal(content.status?.state, 'SUCCEEDED', content.status?.reason);
    return (await (await fetch(content.entries![0].dataURI!)).text()).trim().split('\n');
  };
  const tickAt = async (minutes: number) => {
    clock.set(at(minutes));
    await server.app.datasetScheduler.tick();
  };

  it('creates a version per fire time covering contiguous delta windows', async () => {
    await tickAt(-0.01);
    assert.equal((await versions('every_quarter')).length, 0);
    await tickAt(0.5);
    const [first] = await versions('every_quarter');
    assert.equal(first.scheduleTime?.getTime(), at(0));
    assert.equal(first.creationTime?.getTime(), at(0.5));
    // [Q - 5 min - 1 min, Q - 1 min): the first window starts where the schedule's previous firing's would have ended.
    assert.deepEqual(await csv('every_quarter', first.version!), [
      '"device","at"',
      ...[-5, -4, -3, -2, -1.5].map((t, i) => `"d${i}","${printed(t)}"`),
    ]);
    await tickAt(0.75);
    assert.equal((await versions('every_quarter')).length, 1, 'one version per fire time');
    await tickAt(5.2);
    const [second] = await versions('every_quarter');
    assert.equal(second.scheduleTime?.getTime(), at(5));
    assert.deepEqual(await csv('every_quarter', second.version!), ['"device","at"', `"d5","${printed(-0.5)}"`, `"d6","${printed(2)}"`]);
  });

  it('records scheduled runs as the service acting', async () => {
    const events = await eventually(async () => {
      const found = (await lookup(server.cloudtrail(), 'EventName', 'CreateDatasetContent')).map((e) => JSON.parse(e.CloudTrailEvent!));
      return found.length >= 2 ? found : undefined;
    }, 'the scheduled CreateDatasetContent records');
    for (const record of events) {
      assertValidRecord(record);
      assert.deepEqual(record.userIdentity, { type: 'AWSService', invokedBy: 'iotanalytics.amazonaws.com' });
      assert.equal(record.sourceIPAddress, 'iotanalytics.amazonaws.com');
      assert.equal(record.requestParameters.datasetName, 'every_quarter');
      assert.match(record.responseElements.versionId, /^[0-9a-f-]{36}$/);
    }
  });

  it('generates a version again when late data arrives in its window', async () => {
    const [, first] = await versions('every_quarter');
    clock.set(at(6));
    await ingest(server, 'line', [{ device: 'late', ts: ts(-2.5) }], 8);
    await tickAt(7.5);
    await eventually(async () => {
      const lines = await csv('every_quarter', first.version!);
      return lines.includes(`"late","${printed(-2.5)}"`);
    }, 'the first version generated again with the late row');
    const [, again] = await versions('every_quarter');
    assert.equal(again.version, first.version);
    assert.equal(again.scheduleTime?.getTime(), at(0));
    const regenerated = (await lookup(server.cloudtrail(), 'EventName', 'CreateDatasetContent'))
      .map((e) => JSON.parse(e.CloudTrailEvent!))
      .filter((r) => r.requestParameters.versionId === first.version);
    assert.equal(regenerated.length, 1);
    assert.equal(regenerated[0].userIdentity.type, 'AWSService');
  });

  it('keeps the newest maxVersions versions and none past the retention period', async () => {
    const iota = server.iotanalytics();
    await iota.send(
      new CreateDatasetCommand({
        datasetName: 'kept',
        actions: [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT count(*) AS n FROM line' } }],
        versioningConfiguration: { maxVersions: 2 },
        retentionPeriod: { numberOfDays: 1, unlimited: false },
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      const { versionId } = await iota.send(new CreateDatasetContentCommand({ datasetName: 'kept' }));
      await finished(server, 'kept', versionId!);
      ids.push(versionId!);
    }
    await server.app.datasetScheduler.tick();
    assert.deepEqual((await versions('kept')).map((v) => v.version), [ids[2], ids[1]]);
    // A day later (the clock goes back afterwards: the SDK signs with the real time).
    const now = clock.now();
    clock.advance(86_400_000 + 5000);
    await server.app.datasetScheduler.tick();
    clock.set(now);
    assert.deepEqual(await versions('kept'), []);
    await assert.rejects(iota.send(new GetDatasetContentCommand({ datasetName: 'kept', versionId: '$LATEST' })), { name: 'ResourceNotFoundException' });
  });

  it('fires once per fire time, even when the version it created is deleted', async () => {
    const iota = server.iotanalytics();
    clock.set(at(9));
    await iota.send(
      new CreateDatasetCommand({
        datasetName: 'once',
        actions: [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT count(*) AS n FROM line' } }],
        triggers: [{ schedule: { expression: 'cron(0/5 * * * ? *)' } }],
      }),
    );
    await tickAt(10.2);
    const [fired] = await versions('once');
    assert.equal(fired.scheduleTime?.getTime(), at(10));
    await finished(server, 'once', fired.version!);
    await iota.send(new DeleteDatasetContentCommand({ datasetName: 'once', versionId: fired.version }));
    await tickAt(10.4);
    assert.deepEqual(await versions('once'), [], 'the 10-minute fire time is not run again');
  });
});
