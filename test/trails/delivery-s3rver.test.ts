// Delivery to a real S3-compatible server (s3rver) started here, through the
// remote bucket store: files read back from s3rver itself, and an hour of
// outage on the injected clock, retried with back-off, after which every
// record is delivered exactly once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, DeleteTrailCommand, GetTrailStatusCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateChannelCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import { DEFAULTS } from '../../src/config/schema.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { s3Client } from '../s3/support.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { deliverAfter, readLogFiles } from '../support/trails.ts';

const INTERVAL = 60;
const BUCKET = 'remote-logs';

/**
 * A TCP relay to s3rver that can be made to hang: while stalled, what clients
 * send is held, not relayed, so their requests never get an answer.
 */
function stallableRelay(upstreamPort: () => number) {
  const held = new Set<Socket>();
  let stalled = false;
  const server: Server = createServer((client) => {
    const upstream = connect(upstreamPort(), '127.0.0.1');
    client.on('data', (chunk) => {
      if (stalled) held.add(client);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    stall: () => void (stalled = true),
    /** Relays again, and breaks the connections that were left hanging (the SDK retries them). */
    resume: () => {
      stalled = false;
      held.forEach((socket) => socket.destroy());
      held.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Resolves once `condition` holds (the test's timeout fails it otherwise). */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('trail delivery to an S3-compatible server (s3rver)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'oia-s3rver-'));
  let s3rver: { run(): Promise<AddressInfo>; close(): Promise<void> };
  let port: number;
  let remote: S3Client;
  let server: TestServer;
  let clock: ManualClock;
  const relay = stallableRelay(() => port);
  // Each client makes one request, signed at the injected clock's time (the
  // SDK would re-sync a client's offset from the server's Date header).
  const offset = () => ({ systemClockOffset: clock.now().getTime() - Date.now() });
  const ct = () => new CloudTrailClient({ ...server.clientConfig(), ...offset() });
  const iota = () => new IoTAnalyticsClient({ ...server.clientConfig(), ...offset() });
  const startS3rver = async () => {
    s3rver = new S3rver({ address: '127.0.0.1', port, silent: true, directory });
    port = (await s3rver.run()).port;
  };
  const channels = async () =>
    (await readLogFiles(remote, BUCKET, 'ct/')).flatMap((f) => f.records).filter((r) => r.eventName === 'CreateChannel').map((r) => (r.requestParameters as { channelName: string }).channelName).sort();

  before(async () => {
    port = 0;
    await startS3rver();
    remote = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await remote.send(new CreateBucketCommand({ Bucket: BUCKET }));
    clock = new ManualClock(Date.now());
    const relayPort = await relay.listen();
    server = await startServer({
      clock,
      config: {
        trails: { ...DEFAULTS.trails, deliveryIntervalSeconds: INTERVAL },
        buckets: [{ name: BUCKET, endpoint: `http://127.0.0.1:${relayPort}`, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true }],
      },
    });
    await ct().send(new CreateTrailCommand({ Name: 'remote', S3BucketName: BUCKET, S3KeyPrefix: 'ct' }));
    await ct().send(new StartLoggingCommand({ Name: 'remote' }));
  });
  after(async () => {
    await server.stop();
    await relay.close();
    await s3rver.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes the log files to the remote bucket', async () => {
    await iota().send(new CreateChannelCommand({ channelName: 'r1' }));
    await deliverAfter(server.app, clock, INTERVAL);
    const files = await readLogFiles(remote, BUCKET, 'ct/');
    assert.equal(files.length, 1);
    assert.deepEqual(files[0].records.map((r) => r.eventName), ['StartLogging', 'CreateChannel']);
  });

  it('retries through an hour of outage, then delivers everything exactly once', async () => {
    await s3rver.close();
    await iota().send(new CreateChannelCommand({ channelName: 'o1' }));
    const attempts = new Set<string>();
    for (let minute = 0; minute < 60; minute++) {
      if (minute === 30) await iota().send(new CreateChannelCommand({ channelName: 'o2' }));
      await deliverAfter(server.app, clock, 60);
      const status = await ct().send(new GetTrailStatusCommand({ Name: 'remote' }));
      assert.equal(status.LatestDeliveryError, 'ServiceUnavailable');
      attempts.add(status.LatestDeliveryAttemptTime!);
    }
    const during = await ct().send(new GetTrailStatusCommand({ Name: 'remote' }));
    assert.ok(during.LatestDeliveryTime!.getTime() < clock.now().getTime() - 59 * 60_000, 'no delivery during the outage');
    // Backed off: fewer attempts than ticks, but still trying.
    assert.ok(attempts.size > 5 && attempts.size < 60, `${attempts.size} attempts`);

    await startS3rver();
    // The longest back-off is 5 minutes.
    await deliverAfter(server.app, clock, 5 * 60);
    await deliverAfter(server.app, clock, INTERVAL);
    assert.deepEqual(await channels(), ['o1', 'o2', 'r1']);
    const records = (await readLogFiles(remote, BUCKET, 'ct/')).flatMap((f) => f.records);
    assert.equal(new Set(records.map((r) => r.eventID)).size, records.length, 'no record twice');
    const status = await ct().send(new GetTrailStatusCommand({ Name: 'remote' }));
    assert.equal(status.LatestDeliveryError, undefined);
    assert.equal(status.LatestDeliveryTime!.getTime() > during.LatestDeliveryTime!.getTime(), true);
  });

  // The test timeout only turns a hang (the defect) into a failure.
  it('lets other trails deliver, and be deleted, while a remote bucket hangs', { timeout: 60_000 }, async () => {
    await s3Client(server, offset()).send(new CreateBucketCommand({ Bucket: 'local-logs' }));
    await ct().send(new CreateTrailCommand({ Name: 'local', S3BucketName: 'local-logs' }));
    await ct().send(new StartLoggingCommand({ Name: 'local' }));
    relay.stall();
    await iota().send(new CreateChannelCommand({ channelName: 'h1' }));
    const run = deliverAfter(server.app, clock, 5 * 60);
    // The local trail's file is recorded (an S3 client here would re-sync its clock from one answer to the next).
    const localFiles = () => server.app.database.reader.all("SELECT object_key FROM trail_log_files WHERE trail_arn LIKE '%:trail/local'");
    await eventually(async () => (await localFiles()).length > 0);
    await ct().send(new DeleteTrailCommand({ Name: 'local' }));
    relay.resume();
    await run;
    assert.ok((await channels()).includes('h1'), 'the hanging bucket got its file once it answered');
  });
});
