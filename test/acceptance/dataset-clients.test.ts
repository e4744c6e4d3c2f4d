// The datasets' "done when", through the clients users have: readings sent
// with Debian's AWS CLI v2.9, a dataset with the Athena SQL users wrote for
// AWS (time functions, a percentile, a delta window) on a schedule, and each
// new version's CSV downloaded with curl from the dataURI that
// `aws iotanalytics get-dataset-content` returns. boto3 (datasets_boto3.py)
// then runs, lists, fetches and deletes versions and checks AWS's errors.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config/schema.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { fastConfig, readDatastore } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { startServer, type TestServer } from '../support/server.ts';

const run = promisify(execFile);
const MINUTE = 60_000;
// Within the 15 minutes of signature skew: the last five-minute boundary.
const Q = Math.floor(Date.now() / (5 * MINUTE)) * 5 * MINUTE;
const at = (minutes: number) => Q + minutes * MINUTE;

describe('datasets through the AWS CLI, curl and boto3', () => {
  let server: TestServer;
  const clock = new ManualClock(at(-3));
  const aws = async (args: string[]) => {
    const { stdout } = await run('/usr/bin/aws', ['--endpoint-url', server.url, '--output', 'json', 'iotanalytics', ...args], { env: server.cliEnv() });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  };
  const curl = async (url: string) => (await run('curl', ['-sS', '--fail', url])).stdout;
  const latestCsv = async () => {
    const content = await eventually(async () => {
      const got = await aws(['get-dataset-content', '--dataset-name', 'hourly', '--version-id', '$LATEST']);
      return got.status.state === 'CREATING' ? undefined : got;
    }, 'the latest version to finish');
    assert.equal(content.status.state, 'SUCCEEDED', content.status.reason);
    return curl(content.entries[0].dataURI);
  };

  before(async () => {
    server = await startServer({ clock, config: fastConfig({ datasets: { ...DEFAULTS.datasets, schedulerIntervalMs: 3_600_000 } }) });
  });
  after(() => server.stop());

  it('ingests readings, runs a scheduled delta-window dataset and downloads each version with curl', async () => {
    await aws(['create-channel', '--channel-name', 'sensors']);
    await aws(['create-datastore', '--datastore-name', 'sensor_store', '--file-format-configuration', '{"parquetConfiguration":{}}']);
    const activities = [{ channel: { name: 'in', channelName: 'sensors', next: 'out' } }, { datastore: { name: 'out', datastoreName: 'sensor_store' } }];
    await aws(['create-pipeline', '--pipeline-name', 'sensor_pipeline', '--pipeline-activities', JSON.stringify(activities)]);
    const readings = [
      { device: 'a', temp: 20, ts: new Date(at(-4)).toISOString() },
      { device: 'a', temp: 22, ts: new Date(at(-3)).toISOString() },
      { device: 'a', temp: 24, ts: new Date(at(-2)).toISOString() },
      { device: 'b', temp: 10.5, ts: new Date(at(-2)).toISOString() },
      { device: 'b', temp: 11.5, ts: new Date(at(3)).toISOString() },
    ];
    const file = join(server.dataDir, 'messages.json');
    writeFileSync(file, JSON.stringify(readings.map((r, i) => ({ messageId: String(i), payload: JSON.stringify(r) }))));
    await aws(['batch-put-message', '--channel-name', 'sensors', '--messages', `file://${file}`, '--cli-binary-format', 'raw-in-base64-out']);
    await eventually(async () => (await readDatastore(server, 'sensor_store')).length === readings.length, 'the readings in the data store');

    const sql = `SELECT device, count(*) AS n, approx_percentile(temp, 0.5) AS median,
        date_format(min(from_iso8601_timestamp(ts)), '%H:%i') AS first
      FROM sensor_store WHERE __dt >= date_trunc('day', current_timestamp - interval '1' day)
      GROUP BY device ORDER BY device`;
    const action = { actionName: 'q', queryAction: { sqlQuery: sql, filters: [{ deltaTime: { offsetSeconds: -60, timeExpression: 'from_iso8601_timestamp(ts)' } }] } };
    await aws([
      'create-dataset', '--dataset-name', 'hourly', '--actions', JSON.stringify([action]),
      '--triggers', JSON.stringify([{ schedule: { expression: 'cron(0/5 * * * ? *)' } }]),
      '--versioning-configuration', '{"unlimited":true}',
    ]);
    const hhmm = (minutes: number) => new Date(at(minutes)).toISOString().slice(11, 16);

    clock.set(at(0.5));
    await server.app.datasetScheduler.tick();
    assert.equal(await latestCsv(), `"device","n","median","first"\n"a","3","22.0","${hhmm(-4)}"\n"b","1","10.5","${hhmm(-2)}"\n`);

    clock.set(at(5.5));
    await server.app.datasetScheduler.tick();
    assert.equal(await latestCsv(), `"device","n","median","first"\n"b","1","11.5","${hhmm(3)}"\n`);
    const listed = await aws(['list-dataset-contents', '--dataset-name', 'hourly']);
    assert.deepEqual(
      listed.datasetContentSummaries.map((c: { scheduleTime: string }) => Date.parse(c.scheduleTime)),
      [at(5), at(0)],
    );
  });

  it('runs, lists, fetches and deletes versions through boto3', async () => {
    const script = fileURLToPath(new URL('./datasets_boto3.py', import.meta.url));
    const { stdout } = await run('/usr/bin/python3', [script, server.url, 'sensor_store'], { env: server.cliEnv() }).catch((error) => {
      throw new Error(`boto3 checks failed:\n${error.stdout}\n${error.stderr}`);
    });
    assert.match(stdout, /boto3 dataset checks passed/);
  });
});
