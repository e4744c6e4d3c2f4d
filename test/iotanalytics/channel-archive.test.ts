// A channel's raw archive: objects in AWS's layout (30-second windows,
// gzip JSON lines) in service-managed storage or the customer's bucket,
// SampleChannelData over recent and archived messages, and retention.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { BatchPutMessageCommand, CreateChannelCommand, DeleteChannelCommand, DescribeChannelCommand, IoTAnalyticsClient, SampleChannelDataCommand } from '@aws-sdk/client-iotanalytics';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ManualClock } from '../../src/lib/clock.ts';
import { rejectsWith } from '../support/api-error.ts';
import { fastConfig, json } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { s3Client } from '../s3/support.ts';

const DAY = 86_400_000;
const ROLE = 'arn:aws:iam::123456789012:role/channel';

describe('channel archive and SampleChannelData', () => {
  let server: TestServer;
  // Archive windows close, and retention passes, only when the test moves the clock.
  const clock = new ManualClock(Date.now());
  const offset = () => clock.now().getTime() - Date.now();
  const iota = () => new IoTAnalyticsClient({ ...server.clientConfig(), systemClockOffset: offset() });
  const put = (channelName: string, payloads: (object | string)[], prefix = 'm') =>
    iota().send(
      new BatchPutMessageCommand({
        channelName,
        messages: payloads.map((p, i) => ({ messageId: `${prefix}${i}`, payload: typeof p === 'string' ? new TextEncoder().encode(p) : json(p) })),
      }),
    );
  const archiveFolder = (channel: string) => join(server.dataDir, 'iotanalytics', server.region, 'channel', channel);
  const archived = (channel: string): string[] => {
    const files: string[] = [];
    const walk = (dir: string) => {
      if (!existsSync(dir)) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else files.push(join(dir, entry.name).slice(archiveFolder(channel).length + 1));
      }
    };
    walk(archiveFolder(channel));
    return files.sort();
  };

  before(async () => {
    server = await startServer({ clock, config: fastConfig() });
  });
  after(() => server.stop());

  it("archives each closed 30-second window into one object named as AWS named them", async () => {
    await iota().send(new CreateChannelCommand({ channelName: 'raw', retentionPeriod: { numberOfDays: 1 } }));
    await put('raw', [{ a: 1 }, 'binary \u0000 bytes', { b: 2 }]);
    const arrived = clock.now().getTime();
    assert.deepEqual(archived('raw'), [], 'the window is still open');
    clock.advance(30_000);
    const [object] = await eventually(async () => archived('raw').length === 1 && archived('raw'), 'the window archived');
    const windowStart = arrived - (arrived % 30_000);
    const day = new Date(windowStart).toISOString().slice(0, 10);
    const account = server.app.account.accountId;
    assert.match(object, new RegExp(`^__dt=${day} 00:00:00/${windowStart}_${windowStart + 30_000}_${account}_raw_0_\\d+\\.0\\.json\\.gz$`));
    const lines = gunzipSync(readFileSync(join(archiveFolder('raw'), object))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.messageId, l.receivedAt, Buffer.from(l.payload, 'base64').toString()]),
      [
        ['m0', arrived, '{"a":1}'],
        ['m1', arrived, 'binary \u0000 bytes'],
        ['m2', arrived, '{"b":2}'],
      ],
    );
    const stats = await iota().send(new DescribeChannelCommand({ channelName: 'raw', includeStatistics: true }));
    assert.equal(stats.statistics?.size?.estimatedSizeInBytes, readFileSync(join(archiveFolder('raw'), object)).length);
  });

  it('samples up to maxMessages raw payloads, from the archive and from what is not archived yet', async () => {
    const sampled = await iota().send(new SampleChannelDataCommand({ channelName: 'raw' }));
    assert.deepEqual(sampled.payloads?.map((p) => Buffer.from(p).toString()).sort(), ['binary \u0000 bytes', '{"a":1}', '{"b":2}'].sort());
    await put('raw', Array.from({ length: 20 }, (_, i) => ({ n: i })), 'late');
    const ten = await iota().send(new SampleChannelDataCommand({ channelName: 'raw' }));
    assert.equal(ten.payloads?.length, 10);
    const two = await iota().send(new SampleChannelDataCommand({ channelName: 'raw', maxMessages: 2 }));
    assert.equal(two.payloads?.length, 2);
    // Only what arrived in the window asked for.
    const before = await iota().send(new SampleChannelDataCommand({ channelName: 'raw', endTime: new Date(clock.now().getTime() - 1) }));
    assert.deepEqual(before.payloads?.map((p) => Buffer.from(p).toString()).sort(), ['binary \u0000 bytes', '{"a":1}', '{"b":2}'].sort());
    const none = await iota().send(new SampleChannelDataCommand({ channelName: 'raw', startTime: new Date(clock.now().getTime() + 1000) }));
    assert.deepEqual(none.payloads ?? [], []);
    await rejectsWith(iota().send(new SampleChannelDataCommand({ channelName: 'absent' })), 'ResourceNotFoundException', { status: 404 });
    await rejectsWith(iota().send(new SampleChannelDataCommand({ channelName: 'raw', maxMessages: 11 })), 'InvalidRequestException', {
      status: 400,
      message: "1 validation error detected: Value '11' at 'maxMessages' failed to satisfy constraint: Member must have value less than or equal to 10",
    });
    await rejectsWith(
      iota().send(new SampleChannelDataCommand({ channelName: 'raw', startTime: clock.now(), endTime: new Date(clock.now().getTime() - 1000) })),
      'InvalidRequestException',
      { status: 400, message: 'The startTime must be earlier than the endTime.' },
    );
  });

  it('deletes archive objects past the retention period', async () => {
    const [first] = archived('raw');
    clock.advance(30_000);
    await eventually(async () => archived('raw').length === 2, 'the second window archived');
    clock.advance(DAY);
    await eventually(async () => archived('raw').length === 0, 'both objects past retention deleted');
    assert.ok(first);
  });

  it("archives a customer-managed channel into the customer's bucket under its prefix, and leaves it there when the channel is deleted", async () => {
    const s3 = s3Client(server, { systemClockOffset: offset() });
    await s3.send(new CreateBucketCommand({ Bucket: 'raw-archive' }));
    await iota().send(new CreateChannelCommand({ channelName: 'mine', channelStorage: { customerManagedS3: { bucket: 'raw-archive', keyPrefix: 'iot/', roleArn: ROLE } } }));
    await put('mine', [{ x: 1 }]);
    clock.advance(30_000);
    const keys = await eventually(async () => {
      const listed = await s3Client(server, { systemClockOffset: offset() }).send(new ListObjectsV2Command({ Bucket: 'raw-archive' }));
      return (listed.Contents?.length ?? 0) === 1 && listed.Contents!.map((o) => o.Key!);
    }, 'the object in the bucket');
    assert.match(keys[0], /^iot\/channel\/mine\/__dt=\d{4}-\d\d-\d\d 00:00:00\/\d+_\d+_\d{12}_mine_0_\d+\.0\.json\.gz$/);
    const object = await s3Client(server, { systemClockOffset: offset() }).send(new GetObjectCommand({ Bucket: 'raw-archive', Key: keys[0] }));
    const line = JSON.parse(gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString());
    assert.equal(Buffer.from(line.payload, 'base64').toString(), '{"x":1}');
    const sampled = await iota().send(new SampleChannelDataCommand({ channelName: 'mine' }));
    assert.deepEqual(sampled.payloads?.map((p) => Buffer.from(p).toString()), ['{"x":1}']);
    await iota().send(new DeleteChannelCommand({ channelName: 'mine' }));
    const after = await s3Client(server, { systemClockOffset: offset() }).send(new ListObjectsV2Command({ Bucket: 'raw-archive' }));
    assert.equal(after.Contents?.length, 1);
  });
});
