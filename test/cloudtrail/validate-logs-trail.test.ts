// Issue #4's "Done when", end to end with Debian's AWS CLI: a new user makes a
// bucket and a trail with log file validation, works with IoT Analytics for a
// while, reads the delivered files with `aws s3`, and `aws cloudtrail
// validate-logs` (finding the trail's bucket through DescribeTrails) reports
// every digest and log file valid; after one log file is edited it reports
// exactly that file INVALID, and `oia trail validate` prints the same.
// Delivery and digests run on the server's injected clock.
import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isoSeconds } from '../../src/audit/time.ts';
import { DEFAULTS } from '../../src/config/schema.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { aws } from '../s3/support.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { digestAfter } from '../support/trails.ts';
import { awsValidateLogs, oiaTrailValidate } from '../support/validate-logs.ts';

const DELIVERY = 60;
const DIGEST = 120;
const BUCKET = 'audit-trail-logs';

describe('Done when: aws cloudtrail validate-logs on a trail the server delivered and digested', () => {
  let server: TestServer;
  let clock: ManualClock;
  let trailArn: string;
  let startTime: string;
  /** The keys `aws s3 ls` shows. */
  let logs: string[];
  let digests: string[];

  const cli = async (args: string[]) => {
    const run = await aws(server, args);
    assert.equal(run.code, 0, `aws ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  };

  before(async () => {
    // Behind real time, so that everything the server dates (digests, keys) is in the past for
    // validate-logs, which ends its range at the real now; Debian's aws CLI signs with real time,
    // and the clock stays within SigV4's 15 minutes of it.
    clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000 + 250);
    server = await startServer({ clock, config: { trails: { ...DEFAULTS.trails, deliveryIntervalSeconds: DELIVERY, digestIntervalSeconds: DIGEST } } });
    await cli(['s3', 'mb', `s3://${BUCKET}`]);
    const created = JSON.parse(
      await cli(['cloudtrail', 'create-trail', '--name', 'audit', '--s3-bucket-name', BUCKET, '--s3-key-prefix', 'org', '--enable-log-file-validation']),
    ) as { TrailARN: string; LogFileValidationEnabled: boolean };
    assert.equal(created.LogFileValidationEnabled, true);
    trailArn = created.TrailARN;
    await cli(['cloudtrail', 'start-logging', '--name', 'audit']);
    startTime = isoSeconds(clock.now());

    // A while of IoT Analytics work, minute by minute.
    const work = [
      ['create-channel', '--channel-name', 'plant'],
      ['create-datastore', '--datastore-name', 'readings'],
      ['list-channels'],
      ['describe-channel', '--channel-name', 'plant'],
      ['create-pipeline', '--pipeline-name', 'flow', '--pipeline-activities', '[{"channel":{"name":"in","channelName":"plant","next":"out"}},{"datastore":{"name":"out","datastoreName":"readings"}}]'],
      ['list-pipelines'],
    ];
    for (const call of work) {
      await cli(['iotanalytics', ...call]);
      await digestAfter(server.app, clock, DELIVERY);
    }
    // Two more periods: every file delivered so far is listed in a digest.
    await digestAfter(server.app, clock, DIGEST);
    await digestAfter(server.app, clock, DIGEST);

    const listing = await cli(['s3', 'ls', '--recursive', `s3://${BUCKET}/`]);
    const keys = listing.trim().split('\n').map((line) => line.split(/\s+/).at(-1)!);
    logs = keys.filter((k) => k.includes('/CloudTrail/'));
    digests = keys.filter((k) => k.includes('/CloudTrail-Digest/'));
  });
  after(() => server.stop());

  it('aws s3 ls shows the log files and the digest files under the trail prefix', () => {
    assert.ok(logs.length >= 6, `log files: ${logs.length}`);
    assert.ok(digests.length >= 4, `digest files: ${digests.length}`);
    for (const key of [...logs, ...digests]) assert.match(key, /^org\/AWSLogs\/\d{12}\/CloudTrail(-Digest)?\/us-east-1\/\d{4}\/\d{2}\/\d{2}\//);
  });

  it('validate-logs (bucket from DescribeTrails) reports every digest and log file valid', async () => {
    const run = await awsValidateLogs({ url: server.url, env: server.cliEnv() }, ['--trail-arn', trailArn, '--start-time', startTime, '--verbose']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const valid = (kind: string) => run.stdout.split('\n').filter((l) => l.startsWith(`${kind}\ts3://${BUCKET}/`) && l.endsWith('\tvalid')).length;
    assert.equal(valid('Digest file'), digests.length, run.stdout);
    assert.equal(valid('Log file'), logs.length, run.stdout);
    assert.match(run.stdout, new RegExp(`\\n${digests.length}/${digests.length} digest files valid\\n${logs.length}/${logs.length} log files valid\\n$`));
  });

  it('after one log file is edited, both validators report exactly that file INVALID', async () => {
    const edited = logs[2]!;
    const store = server.app.buckets.local;
    const { body } = await store.getObject(BUCKET, edited);
    const json = gunzipSync(await buffer(body)).toString();
    assert.match(json, /"eventName":"/);
    await store.putObject(BUCKET, edited, gzipSync(json.replace(/"sourceIPAddress":"[^"]*"/, '"sourceIPAddress":"203.0.113.7"')));

    const args = ['--trail-arn', trailArn, '--start-time', startTime, '--end-time', isoSeconds(clock.now())];
    const target = { url: server.url, env: server.cliEnv() };
    const [awsRun, oiaRun] = await Promise.all([awsValidateLogs(target, args), oiaTrailValidate(target, args)]);
    assert.deepEqual(oiaRun, awsRun, 'oia trail validate prints what aws cloudtrail validate-logs prints');
    assert.equal(awsRun.code, 1);
    assert.equal(awsRun.stderr, `Log file\ts3://${BUCKET}/${edited}\tINVALID: hash value doesn't match\n\n`);
    const n = logs.length;
    assert.match(awsRun.stdout, new RegExp(`\\n${digests.length}/${digests.length} digest files valid\\n${n - 1}/${n} log files valid, 1/${n} log files INVALID\\n$`));
  });
});
