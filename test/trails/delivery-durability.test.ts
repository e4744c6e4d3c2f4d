// Delivery across restarts, a crash between the bucket write and the commit,
// and the size bound: every logged record lands in exactly one file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateChannelCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DeliveryStore } from '../../src/audit/delivery/delivery-store.ts';
import type { CloudTrailRecord } from '../../src/audit/record.ts';
import { DEFAULTS, type Config } from '../../src/config/schema.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { deliverAfter, openTrailApp, readLogFiles, trailDataDirs, withReplaced } from '../support/trails.ts';

const INTERVAL = 60;

const open = (dataDir: string, clock: ManualClock, trails: Partial<Config['trails']> = {}) =>
  openTrailApp(dataDir, clock, { deliveryIntervalSeconds: INTERVAL, ...trails });

async function setUp(opened: Awaited<ReturnType<typeof open>>): Promise<void> {
  await opened.s3.send(new CreateBucketCommand({ Bucket: 'logs' }));
  await opened.ct.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'logs' }));
  await opened.ct.send(new StartLoggingCommand({ Name: 'main' }));
}

const createChannels = async (iota: IoTAnalyticsClient, names: string[]) => {
  for (const channelName of names) await iota.send(new CreateChannelCommand({ channelName }));
};

/** The channel names of the delivered CreateChannel records, sorted (files list in key order, not delivery order); every eventID once. */
async function deliveredChannels(s3: S3Client): Promise<string[]> {
  const records = (await readLogFiles(s3, 'logs')).flatMap((f) => f.records);
  assert.equal(new Set(records.map((r) => r.eventID)).size, records.length, 'no record delivered twice');
  return records.filter((r) => r.eventName === 'CreateChannel').map((r) => (r.requestParameters as { channelName: string }).channelName).sort();
}

/**
 * A server on `dir` that logs `channels`, writes their log file and "crashes"
 * before the commit that records the file and moves the cursor, then stops;
 * the keys it wrote.
 */
async function crashBeforeCommit(dir: string, clock: ManualClock, channels: string[]): Promise<(string | undefined)[]> {
  const first = await open(dir, clock);
  await setUp(first);
  await createChannels(first.iota, channels);
  await withReplaced(DeliveryStore.prototype, 'advance', () => Promise.reject(new Error('killed before the commit')), () => deliverAfter(first.app, clock, INTERVAL));
  const written = (await first.s3.send(new ListObjectsV2Command({ Bucket: 'logs' }))).Contents!.map((o) => o.Key);
  await first.close();
  return written;
}

describe('trail delivery durability', () => {
  const dataDir = trailDataDirs('oia-trails-');

  it('loses and repeats nothing when the server restarts mid-window', async () => {
    const dir = dataDir();
    const clock = new ManualClock(Date.now());
    const first = await open(dir, clock);
    await setUp(first);
    await createChannels(first.iota, ['a1', 'a2']);
    await deliverAfter(first.app, clock, INTERVAL);
    await createChannels(first.iota, ['b1', 'b2']);
    await first.close();

    const second = await open(dir, clock);
    await createChannels(second.iota, ['c1']);
    // Still inside the window the first delivery opened: nothing yet...
    await deliverAfter(second.app, clock, INTERVAL / 2);
    assert.deepEqual(await deliveredChannels(second.s3), ['a1', 'a2']);
    // ...then everything from both lives of the server.
    await deliverAfter(second.app, clock, INTERVAL / 2);
    assert.deepEqual(await deliveredChannels(second.s3), ['a1', 'a2', 'b1', 'b2', 'c1']);
    await second.close();
  });

  it('rewrites the same keys when it crashed after writing the objects and before committing', async () => {
    const dir = dataDir();
    const clock = new ManualClock(Date.now());
    const written = await crashBeforeCommit(dir, clock, ['x1', 'x2']);
    assert.equal(written.length, 1, 'the object was written');

    const second = await open(dir, clock);
    await deliverAfter(second.app, clock, INTERVAL);
    const retried = (await second.s3.send(new ListObjectsV2Command({ Bucket: 'logs' }))).Contents!.map((o) => o.Key);
    assert.deepEqual(retried, written, 'the planned delivery wrote the same key again');
    await createChannels(second.iota, ['y1']);
    await deliverAfter(second.app, clock, INTERVAL);
    const keys = (await second.s3.send(new ListObjectsV2Command({ Bucket: 'logs' }))).Contents!.map((o) => o.Key);
    assert.equal(keys.length, 2);
    assert.deepEqual(await deliveredChannels(second.s3), ['x1', 'x2', 'y1']);
    const recorded = await second.app.database.reader.all<{ object_key: string }>('SELECT object_key FROM trail_log_files ORDER BY object_key');
    assert.deepEqual(recorded.map((r) => r.object_key), [...keys].sort());
    await second.close();
  });

  it('delivers the whole planned range after a restart with a smaller maxFileRecords', async () => {
    const dir = dataDir();
    const clock = new ManualClock(Date.now());
    const names = ['p1', 'p2', 'p3', 'p4', 'p5'];
    await crashBeforeCommit(dir, clock, names);

    // The plan covers StartLogging and the 5 CreateChannel; now a delivery reads at most 2 rows.
    const second = await open(dir, clock, { maxFileRecords: 2 });
    await deliverAfter(second.app, clock, INTERVAL);
    assert.deepEqual(await deliveredChannels(second.s3), names);
    await second.close();
  });

  it('delivers early once maxFileRecords wait, and cuts files at maxFileBytes', async () => {
    const clock = new ManualClock(Date.now());
    const opened = await open(dataDir(), clock, { maxFileRecords: 6, maxFileBytes: 2500 });
    await setUp(opened);
    const names = Array.from({ length: 8 }, (_, i) => `bound${i}`);
    await createChannels(opened.iota, names);
    // No time passes: the record count alone makes deliveries due.
    await deliverAfter(opened.app, clock, 0);
    const files = await readLogFiles(opened.s3, 'logs');
    assert.ok(files.length >= 3, `several files, got ${files.length}`);
    for (const file of files) assert.ok(file.records.length <= 6);
    const delivered = await deliveredChannels(opened.s3);
    // The last few records wait for the interval (fewer than maxFileRecords are left).
    assert.deepEqual(delivered, names.slice(0, delivered.length));
    await deliverAfter(opened.app, clock, INTERVAL);
    assert.deepEqual(await deliveredChannels(opened.s3), names);
    await opened.close();
  });

  it('keeps, past the retention period, the records a logging trail has not delivered, and purges the delivered ones', async () => {
    // A retention period and a day back, so that the clock is near real time again when the files are read
    // (an S3 client re-syncs its clock from the server's Date header, which is real time).
    const past = (DEFAULTS.audit.retentionDays + 1) * 86_400_000;
    const clock = new ManualClock(Date.now() - past);
    const opened = await open(dataDir(), clock);
    await setUp(opened);
    await createChannels(opened.iota, ['delivered']);
    await deliverAfter(opened.app, clock, INTERVAL);
    // Two records (the journal's last row is never purged), each from a client of its own (see above).
    for (const name of ['kept1', 'kept2']) await createChannels(opened.iota, [name]);
    await opened.app.settleAudit();
    clock.advance(past);
    assert.ok((await opened.app.retention.runOnce()) > 0, 'the delivered records were purged');
    const journal = (await opened.app.events.readAfter(0, 100)).map((e) => (JSON.parse(e.record) as CloudTrailRecord).requestParameters as { channelName?: string } | null);
    assert.deepEqual(journal.map((p) => p?.channelName).filter(Boolean), ['kept1', 'kept2'], 'only the undelivered records are left');
    await deliverAfter(opened.app, clock, INTERVAL);
    assert.deepEqual(await deliveredChannels(opened.s3), ['delivered', 'kept1', 'kept2']);
    await opened.close();
  });
});
