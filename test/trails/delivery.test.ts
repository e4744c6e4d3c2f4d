// Log-file delivery to a local bucket on an injected clock, read back through
// the server's S3 API (SDK and Debian's aws CLI): key layout, one gzip member,
// records in journal order, each trail's selectors and regions honoured.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateTrailCommand, DeleteTrailCommand, GetTrailStatusCommand, PutEventSelectorsCommand, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { BatchPutMessageCommand, CreateChannelCommand, ListChannelsCommand } from '@aws-sdk/client-iotanalytics';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { DEFAULTS } from '../../src/config/schema.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { deliverAfter, eventNames, gunzipSingleMember, readLogFiles, withPutObject } from '../support/trails.ts';
import { json } from '../support/data-plane.ts';
import { aws, s3Client } from '../s3/support.ts';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';

// Near the real time (Debian's aws CLI signs with it; the server allows 15 minutes of skew), on a whole minute.
const T0 = Math.floor(Date.now() / 60_000) * 60_000;
const INTERVAL = 60;
/** The YYYYMMDDTHHmmZ of a time, as keys carry it. */
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';

describe('trail log-file delivery (local bucket)', () => {
  let server: TestServer;
  let clock: ManualClock;

  const trail = async (Name: string, bucket: string, more: object = {}, selectors?: object) => {
    await s3().send(new CreateBucketCommand({ Bucket: bucket }));
    await ct().send(new CreateTrailCommand({ Name, S3BucketName: bucket, ...more }));
    if (selectors) await ct().send(new PutEventSelectorsCommand({ TrailName: Name, ...selectors }));
    await ct().send(new StartLoggingCommand({ Name }));
  };

  // The clock moves a few minutes at most, well within the 15 minutes of skew SigV4 allows clients signing with the real time.
  const ct = () => server.cloudtrail();
  const iota = () => server.iotanalytics();
  const iotaEu = () => server.iotanalytics({ region: 'eu-west-1' });
  const s3 = () => s3Client(server);

  before(async () => {
    clock = new ManualClock(T0);
    server = await startServer({ clock, config: { trails: { ...DEFAULTS.trails, deliveryIntervalSeconds: INTERVAL } } });
    await trail('everything', 'all-logs', { S3KeyPrefix: 'org/audit', IsMultiRegionTrail: true });
    await trail('writes', 'write-logs', {}, { EventSelectors: [{ ReadWriteType: 'WriteOnly' }] });
    await trail('data', 'data-logs', {}, {
      EventSelectors: [
        {
          IncludeManagementEvents: false,
          DataResources: [
            { Type: 'AWS::IoTAnalytics::Channel', Values: ['arn:aws:iotanalytics'] },
            { Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::all-logs/'] },
          ],
        },
      ],
    });
    await trail('reads', 'read-logs', {}, {
      AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }, { Field: 'eventSource', Equals: ['iotanalytics.amazonaws.com'] }] }],
    });
  });
  after(() => server.stop());

  it('delivers nothing before the interval, then the records of each region in order', async () => {
    await iota().send(new CreateChannelCommand({ channelName: 'plant' }));
    await iota().send(new ListChannelsCommand({}));
    await iota().send(new BatchPutMessageCommand({ channelName: 'plant', messages: [{ messageId: '1', payload: json({ t: 20 }) }] }));
    await iotaEu().send(new ListChannelsCommand({}));
    await deliverAfter(server.app, clock, INTERVAL - 1);
    assert.deepEqual(await readLogFiles(s3(), 'all-logs', 'org/audit/'), []);

    await deliverAfter(server.app, clock, 1);
    const files = await readLogFiles(s3(), 'all-logs', 'org/audit/');
    assert.deepEqual(files.map((f) => [f.region, f.stamp]), [['eu-west-1', stamp(T0 + INTERVAL * 1000)], ['us-east-1', stamp(T0 + INTERVAL * 1000)]]);
    const [euFile, usFile] = files;
    assert.deepEqual(eventNames([euFile]), ['ListChannels']);
    // From its own StartLogging on: the later trails' setup calls, then the IoT Analytics calls; no data event.
    const names = eventNames([usFile]);
    assert.deepEqual(names.slice(0, 3), ['StartLogging', 'CreateBucket', 'CreateTrail']);
    assert.deepEqual(names.slice(-2), ['CreateChannel', 'ListChannels']);
    assert.ok(!names.includes('BatchPutMessage'), 'no data events by default');
    assert.ok(names.filter((n) => n === 'StartLogging').length === 4);
    const times = usFile.records.map((r) => r.eventTime);
    assert.deepEqual(times, [...times].sort());
  });

  it('is readable with Debian aws CLI (aws s3 ls)', async () => {
    const listing = await aws(server, ['s3', 'ls', '--recursive', 's3://all-logs/org/audit/AWSLogs/']);
    assert.equal(listing.code, 0, listing.stderr);
    assert.match(listing.stdout, new RegExp(`org/audit/AWSLogs/${server.app.account.accountId}/CloudTrail/us-east-1/${new Date(T0 + INTERVAL * 1000).toISOString().slice(0, 10).replace(/-/g, '/')}/${server.app.account.accountId}_CloudTrail_us-east-1_${stamp(T0 + INTERVAL * 1000)}_[A-Za-z0-9]{16}\\.json\\.gz`));
  });

  it('honours each trail\'s selectors', async () => {
    const writes = eventNames(await readLogFiles(s3(), 'write-logs'));
    assert.ok(writes.includes('CreateChannel') && !writes.includes('ListChannels') && !writes.includes('BatchPutMessage'));
    const reads = await readLogFiles(s3(), 'read-logs');
    assert.deepEqual(eventNames(reads), ['ListChannels']);
    // The data trail: BatchPutMessage, and S3 object reads of all-logs (the reads above), nothing else.
    const data = await readLogFiles(s3(), 'data-logs');
    assert.deepEqual([...new Set(eventNames(data))], ['BatchPutMessage']);
    await deliverAfter(server.app, clock, INTERVAL);
    const later = await readLogFiles(s3(), 'data-logs');
    const names = eventNames(later);
    assert.ok(names.includes('GetObject'), 'S3 object reads of the selected bucket');
    for (const record of later.flatMap((f) => f.records)) {
      assert.equal(record.eventCategory, 'Data');
      if (record.eventSource === 's3.amazonaws.com') assert.match(record.resources![0].ARN, /^arn:aws:s3:::all-logs\//);
    }
  });

  it('records every file with the hash of its uncompressed JSON and reports the delivery in GetTrailStatus', async () => {
    const rows = await server.app.database.reader.all<Record<string, string>>(
      "SELECT * FROM trail_log_files WHERE trail_arn LIKE '%:trail/everything' ORDER BY object_key",
    );
    assert.equal(rows.length, 2);
    for (const row of rows) {
      const object = await s3().send(new GetObjectCommand({ Bucket: row.bucket, Key: row.object_key }));
      assert.equal(object.ContentType, 'application/json');
      const body = gunzipSingleMember(Buffer.from(await object.Body!.transformToByteArray()));
      assert.equal(row.sha256, createHash('sha256').update(body).digest('hex'));
      assert.equal(row.delivered_at, new Date(T0 + INTERVAL * 1000).toISOString());
      const times = (JSON.parse(body) as { Records: { eventTime: string }[] }).Records.map((r) => r.eventTime).sort();
      assert.deepEqual([row.oldest_event_time, row.newest_event_time], [times[0], times.at(-1)]);
    }
    const status = await ct().send(new GetTrailStatusCommand({ Name: 'everything' }));
    assert.equal(status.IsLogging, true);
    assert.equal(status.LatestDeliveryTime?.toISOString(), new Date(T0 + INTERVAL * 1000).toISOString());
    const iso = new Date(T0 + INTERVAL * 1000).toISOString().replace('.000Z', 'Z');
    assert.equal(status.LatestDeliveryAttemptSucceeded, iso);
    assert.equal(status.LatestDeliveryAttemptTime, iso);
    assert.equal(status.LatestDeliveryError, undefined);
  });

  it('delivers what was logged up to StopLogging\'s own record, and nothing after', async () => {
    await iota().send(new CreateChannelCommand({ channelName: 'before_stop' }));
    await ct().send(new StopLoggingCommand({ Name: 'writes' }));
    await iota().send(new CreateChannelCommand({ channelName: 'after_stop' }));
    await deliverAfter(server.app, clock, INTERVAL);
    const names = eventNames(await readLogFiles(s3(), 'write-logs'));
    assert.deepEqual(names.slice(-2), ['CreateChannel', 'StopLogging']);
    const channels = (await readLogFiles(s3(), 'write-logs')).flatMap((f) => f.records).map((r) => (r.requestParameters as { channelName?: string } | null)?.channelName);
    assert.ok(channels.includes('before_stop') && !channels.includes('after_stop'));
    await ct().send(new StartLoggingCommand({ Name: 'writes' }));
    await iota().send(new CreateChannelCommand({ channelName: 'restarted' }));
    await deliverAfter(server.app, clock, INTERVAL);
    const again = (await readLogFiles(s3(), 'write-logs')).flatMap((f) => f.records);
    assert.deepEqual(again.slice(-2).map((r) => r.eventName), ['StartLogging', 'CreateChannel']);
    assert.ok(!again.some((r) => (r.requestParameters as { channelName?: string } | null)?.channelName === 'after_stop'));
  });

  it("ends DeleteTrail's last delivery at the journal's head as of the call, under steady traffic", async () => {
    await trail('steady', 'steady-logs');
    await iota().send(new CreateChannelCommand({ channelName: 'before_delete' }));
    await server.app.settleAudit();
    let puts = 0;
    // Each of the first three files of the trail lets another record in while it is written.
    const busy = async <T>(bucket: string, put: () => Promise<T>) => {
      const written = await put();
      if (bucket === 'steady-logs' && ++puts <= 3) await iota().send(new CreateChannelCommand({ channelName: `during_delete${puts}` }));
      return written;
    };
    await withPutObject(server.app, busy, async () => {
      await ct().send(new DeleteTrailCommand({ Name: 'steady' }));
    });
    const channels = (await readLogFiles(s3(), 'steady-logs')).flatMap((f) => f.records).map((r) => (r.requestParameters as { channelName?: string } | null)?.channelName);
    assert.ok(channels.includes('before_delete'));
    assert.deepEqual(channels.filter((c) => c?.startsWith('during_delete')), [], 'records made after the DeleteTrail are not delivered');
    assert.equal(puts, 1, 'one delivery');
  });

  it('delivers IAM events (recorded in us-east-1) only to trails that take global service events and see us-east-1', async () => {
    await trail('no-global', 'no-global-logs', { IncludeGlobalServiceEvents: false });
    const ctEu = server.cloudtrail({ region: 'eu-west-1' });
    await s3().send(new CreateBucketCommand({ Bucket: 'eu-logs' }));
    await ctEu.send(new CreateTrailCommand({ Name: 'eu-only', S3BucketName: 'eu-logs' }));
    await ctEu.send(new StartLoggingCommand({ Name: 'eu-only' }));
    // Signed for eu-west-1, recorded in us-east-1 as IAM is global.
    await new IAMClient(server.clientConfig({ region: 'eu-west-1' })).send(new CreateUserCommand({ UserName: 'global-alice' }));
    await iotaEu().send(new ListChannelsCommand({}));
    await deliverAfter(server.app, clock, INTERVAL);
    const users = async (bucket: string, prefix?: string) =>
      (await readLogFiles(s3(), bucket, prefix)).flatMap((f) => f.records).filter((r) => r.eventName === 'CreateUser').map((r) => [r.awsRegion, r.eventSource]);
    assert.deepEqual(await users('all-logs', 'org/audit/'), [['us-east-1', 'iam.amazonaws.com']], 'multi-region trail');
    assert.deepEqual(await users('write-logs'), [['us-east-1', 'iam.amazonaws.com']], 'single-region trail of us-east-1');
    assert.deepEqual(await users('no-global-logs'), [], 'IncludeGlobalServiceEvents false');
    const eu = (await readLogFiles(s3(), 'eu-logs')).flatMap((f) => f.records);
    assert.ok(eu.some((r) => r.eventName === 'ListChannels'), 'the eu-west-1 trail logs its region');
    assert.deepEqual(eu.filter((r) => r.eventName === 'CreateUser'), [], 'a single-region trail elsewhere gets no global service events');
  });

});
