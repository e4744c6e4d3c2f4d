// Digest files of trails with log file validation, on an injected clock,
// read back through the server's S3 API and checked against ListPublicKeys:
// periods from StartLogging, empty periods, the chain across a restart, final
// digests on StopLogging and DeleteTrail, a crash between the put and the
// commit, and a bucket outage after which every period is written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateTrailCommand,
  DeleteTrailCommand,
  GetTrailStatusCommand,
  ListPublicKeysCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateChannelCommand } from '@aws-sdk/client-iotanalytics';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { DigestStore } from '../../src/audit/integrity/digest-store.ts';
import { isoSeconds } from '../../src/audit/time.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { BucketStoreError } from '../../src/storage/buckets/bucket-store.ts';
import { assertChains, digestAfter, gate, listedLogs, openTrailApp, readDigests, readLogFiles, trailDataDirs, withPutObject, withReplaced, type TrailApp } from '../support/trails.ts';

const DELIVERY = 30;
const DIGEST = 120;
const REGION = 'us-east-1';

describe('trail digest files', () => {
  const dataDir = trailDataDirs('oia-digests-');

  // Mid-second, so that the first period visibly starts at StartLogging's whole second; 10 minutes
  // back, so that a test can move 25 minutes and stay within SigV4's 15 minutes of skew from real
  // time (an SDK client re-syncs its clock offset from the server's Date header after a response).
  const newClock = () => new ManualClock(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000 + 400);
  const open = (dir: string, clock: ManualClock) => openTrailApp(dir, clock, { deliveryIntervalSeconds: DELIVERY, digestIntervalSeconds: DIGEST });

  async function validatedTrail(opened: TrailApp, name = 'audit', bucket = 'logs'): Promise<void> {
    await opened.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
    await opened.ct.send(new CreateTrailCommand({ Name: name, S3BucketName: bucket, S3KeyPrefix: 'p', EnableLogFileValidation: true }));
    // Write events only: the reads the test makes (GetTrailStatus, ListPublicKeys) would fill the empty periods.
    await opened.ct.send(new PutEventSelectorsCommand({ TrailName: name, EventSelectors: [{ ReadWriteType: 'WriteOnly' }] }));
    await opened.ct.send(new StartLoggingCommand({ Name: name }));
  }

  /** A fresh app with the trail 'audit' logging. */
  async function openValidated(): Promise<{ clock: ManualClock; opened: TrailApp }> {
    const clock = newClock();
    const opened = await open(dataDir(), clock);
    await validatedTrail(opened);
    return { clock, opened };
  }

  /** The digests of the bucket, checked as chains against ListPublicKeys. */
  async function chains(opened: TrailApp) {
    const keys = (await opened.ct.send(new ListPublicKeysCommand({ StartTime: new Date(0), EndTime: new Date(Date.now() + 86_400_000 * 365) }))).PublicKeyList!;
    const digests = await readDigests(opened.s3, 'logs', REGION, 'p/');
    return { digests, chains: assertChains(digests, 'logs', keys) };
  }

  const logKeys = async (opened: TrailApp) => (await readLogFiles(opened.s3, 'logs', 'p/')).map((f) => f.key).sort();

  it('writes a digest per period from StartLogging, empty periods included, listing each delivered file once', async () => {
    const { clock, opened } = await openValidated();
    const started = (await opened.ct.send(new GetTrailStatusCommand({ Name: 'audit' }))).StartLoggingTime!;
    assert.equal((await opened.ct.send(new GetTrailStatusCommand({ Name: 'audit' }))).LatestDigestDeliveryTime, undefined);

    await opened.iota.send(new CreateChannelCommand({ channelName: 'first' }));
    await digestAfter(opened.app, clock, DELIVERY);
    await opened.iota.send(new CreateChannelCommand({ channelName: 'second' }));
    // Not yet: the first period ends DIGEST seconds after StartLogging.
    await digestAfter(opened.app, clock, DIGEST - DELIVERY - 1);
    assert.deepEqual((await chains(opened)).digests, []);
    await digestAfter(opened.app, clock, 1);
    // Two periods with nothing delivered.
    await digestAfter(opened.app, clock, 2 * DIGEST);

    const { digests, chains: found } = await chains(opened);
    assert.equal(found.length, 1, 'one chain');
    assert.equal(digests.length, 3);
    const periodStart = Math.floor(started.getTime() / 1000) * 1000;
    digests.forEach((d, i) => {
      assert.equal(d.document.digestStartTime, isoSeconds(new Date(periodStart + i * DIGEST * 1000)));
      assert.equal(d.document.digestEndTime, isoSeconds(new Date(periodStart + (i + 1) * DIGEST * 1000)));
      assert.match(d.key, new RegExp(`^p/AWSLogs/\\d{12}/CloudTrail-Digest/${REGION}/\\d{4}/\\d{2}/\\d{2}/\\d{12}_CloudTrail-Digest_${REGION}_audit_${REGION}_\\d{8}T\\d{6}Z\\.json\\.gz$`));
    });
    // Both files were delivered in the first period.
    assert.deepEqual(listedLogs(digests).sort(), await logKeys(opened));
    assert.equal(digests[0].document.logFiles.length, 2);
    for (const empty of digests.slice(1)) {
      assert.deepEqual(empty.document.logFiles, []);
      assert.equal(empty.document.newestEventTime, null);
      assert.equal(empty.document.oldestEventTime, null);
    }
    const status = await opened.ct.send(new GetTrailStatusCommand({ Name: 'audit' }));
    assert.ok(status.LatestDigestDeliveryTime, 'LatestDigestDeliveryTime once a digest was delivered');
    assert.equal(status.LatestDigestDeliveryError, undefined);
    await opened.close();
  });

  it('writes a final digest on StopLogging, a new chain on StartLogging, and a final digest on DeleteTrail', async () => {
    const { clock, opened } = await openValidated();
    await opened.iota.send(new CreateChannelCommand({ channelName: 'before_stop' }));
    await digestAfter(opened.app, clock, DIGEST + 10);
    await opened.iota.send(new CreateChannelCommand({ channelName: 'last' }));
    clock.advance(20_000);
    await opened.app.settleAudit();
    await opened.ct.send(new StopLoggingCommand({ Name: 'audit' }));
    let { digests } = await chains(opened);
    assert.equal(digests.length, 2, 'the final digest, written by StopLogging');
    const final = digests[1].document;
    assert.equal(final.digestEndTime, isoSeconds(new Date(Math.floor(clock.now().getTime() / 1000) * 1000 + 1000)), 'ends just after the stop');
    assert.deepEqual(listedLogs(digests).sort(), await logKeys(opened), 'the last records were delivered and listed');

    // Stopped: no more digests however long it waits.
    await digestAfter(opened.app, clock, 3 * DIGEST);
    assert.equal((await chains(opened)).digests.length, 2);

    await opened.ct.send(new StartLoggingCommand({ Name: 'audit' }));
    await digestAfter(opened.app, clock, DIGEST);
    await opened.iota.send(new CreateChannelCommand({ channelName: 'after_restart' }));
    clock.advance(5000);
    await opened.app.settleAudit();
    await opened.ct.send(new DeleteTrailCommand({ Name: 'audit' }));
    let found;
    ({ digests, chains: found } = await chains(opened));
    assert.deepEqual(found.map((c) => c.length), [2, 2], 'StartLogging began a second chain, DeleteTrail closed it');
    assert.deepEqual(listedLogs(digests).sort(), await logKeys(opened));
    await opened.close();
  });

  it('continues the chain across a restart, and rewrites the same key after a crash before the commit', async () => {
    const dir = dataDir();
    const clock = newClock();
    const first = await open(dir, clock);
    await validatedTrail(first);
    await digestAfter(first.app, clock, DIGEST);
    await withReplaced(DigestStore.prototype, 'written', () => Promise.reject(new Error('killed before the commit')), () => digestAfter(first.app, clock, DIGEST));
    const before = (await chains(first)).digests.map((d) => d.key);
    assert.equal(before.length, 2, 'the second digest was put');
    await first.close();

    const second = await open(dir, clock);
    await second.iota.send(new CreateChannelCommand({ channelName: 'second_life' }));
    await digestAfter(second.app, clock, DIGEST);
    await digestAfter(second.app, clock, DIGEST);
    const { digests, chains: found } = await chains(second);
    assert.equal(found.length, 1, 'one chain across the restart');
    assert.deepEqual(digests.slice(0, 2).map((d) => d.key), before, 'the planned digest was rewritten under its key');
    assert.equal(digests.length, 4);
    assert.deepEqual(listedLogs(digests).sort(), await logKeys(second));
    await second.close();
  });

  it('writes every period once the bucket is back after an outage, and reports the error meanwhile', async () => {
    const { clock, opened } = await openValidated();
    const started = Math.floor(clock.now().getTime() / 1000) * 1000;
    await digestAfter(opened.app, clock, DIGEST);
    const down = (bucket: string) => Promise.reject(new BucketStoreError('ServiceUnavailable' as never, 'the bucket is down', bucket));
    await withPutObject(opened.app, down, async () => {
      await opened.iota.send(new CreateChannelCommand({ channelName: 'during_outage' }));
      for (let minute = 0; minute < 10; minute++) await digestAfter(opened.app, clock, 60);
      const status = await opened.ct.send(new GetTrailStatusCommand({ Name: 'audit' }));
      assert.equal(status.LatestDeliveryError, 'ServiceUnavailable');
      assert.equal((await chains(opened)).digests.length, 1, 'nothing written during the outage');
    });
    // The longest back-off is 5 minutes: then every period since, in order; the file the flush
    // delivered then is in the period after.
    await digestAfter(opened.app, clock, 5 * 60);
    const periods = Math.floor((clock.now().getTime() - started) / (DIGEST * 1000));
    assert.equal((await chains(opened)).digests.length, periods, 'every period of the 17 minutes, none skipped');
    await digestAfter(opened.app, clock, DIGEST);
    const { digests, chains: found } = await chains(opened);
    assert.equal(found.length, 1);
    assert.equal(digests.length, periods + 1);
    assert.deepEqual(listedLogs(digests).sort(), await logKeys(opened));
    assert.equal(listedLogs(digests).length, 2);
    const status = await opened.ct.send(new GetTrailStatusCommand({ Name: 'audit' }));
    assert.equal(status.LatestDigestDeliveryError, undefined);
    await opened.close();
  });

  it('reports a digest error when only the digest cannot be written', async () => {
    const { clock, opened } = await openValidated();
    // Nothing to deliver, so the flush succeeds; the digest's bucket is gone.
    await opened.s3.send(new CreateBucketCommand({ Bucket: 'elsewhere' }));
    await opened.ct.send(new UpdateTrailCommand({ Name: 'audit', S3BucketName: 'elsewhere' }));
    await opened.app.settleAudit();
    await opened.app.trailDelivery.runOnce(true);
    const denied = <T>(bucket: string, put: () => Promise<T>) => (bucket === 'elsewhere' ? Promise.reject(new BucketStoreError('AccessDenied' as never, 'Access Denied', bucket)) : put());
    await withPutObject(opened.app, denied, async () => {
      await digestAfter(opened.app, clock, DIGEST);
      const status = await opened.ct.send(new GetTrailStatusCommand({ Name: 'audit' }));
      assert.equal(status.LatestDigestDeliveryError, 'AccessDenied');
      assert.equal(status.LatestDigestDeliveryTime, undefined);
    });
    await opened.close();
  });

  // The test timeout only turns a hang (the defect) into a failure.
  it("writes other trails' digests, and lets them stop logging, while one trail's bucket hangs", { timeout: 30_000 }, async () => {
    const clock = newClock();
    const opened = await open(dataDir(), clock);
    // 'a-stuck' sorts first: a run over all trails reaches it before 'audit'.
    await validatedTrail(opened, 'a-stuck', 'hanging');
    await validatedTrail(opened);
    const hang = gate();
    const hanging = async <T>(bucket: string, put: () => Promise<T>) => {
      if (bucket === 'hanging') await hang.arrive();
      return put();
    };
    await withPutObject(opened.app, hanging, async () => {
      await opened.iota.send(new CreateChannelCommand({ channelName: 'while_hanging' }));
      await opened.app.settleAudit();
      clock.advance(DIGEST * 1000);
      const run = opened.app.trailDigests.runOnce();
      // a-stuck's flush hangs on its bucket...
      await hang.reached;
      // ...and audit still gets its period's digest and, from StopLogging, its final one.
      await opened.ct.send(new StopLoggingCommand({ Name: 'audit' }));
      const { digests, chains: found } = await chains(opened);
      assert.deepEqual(found.map((c) => c.length), [2]);
      assert.deepEqual(listedLogs(digests).sort(), await logKeys(opened));
      hang.open();
      await run;
    });
    assert.equal((await readDigests(opened.s3, 'hanging', REGION, 'p/')).length, 1, "a-stuck's digest, once its bucket answered");
    await opened.close();
  });
});
