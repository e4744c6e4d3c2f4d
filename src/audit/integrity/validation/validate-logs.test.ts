// The validate-logs walk over a local bucket, with the named tamper cases of
// issue #4: every case changes the files a trail left and checks the exact
// lines, summary and exit code awscli 2.9 gives for it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { systemClock } from '../../../lib/clock.ts';
import { LocalBucketStore } from '../../../storage/buckets/local/local-bucket-store.ts';
import { SqliteDatabase } from '../../../storage/db/sqlite/sqlite-database.ts';
import { migrateSqlite } from '../../../storage/migrations/migrate.ts';
import { writeTrailFiles, type TrailFiles } from '../../../../test/support/trail-files.ts';
import { signDigest, type DigestDocument } from '../digest.ts';
import { generateSigningKey } from '../keys/signing-key.ts';
import { SigningKeys } from '../keys/signing-keys.ts';
import { digestKey } from '../layout.ts';
import { ParamValidationError } from './dates.ts';
import { validateLogs, type ValidateLogsArgs } from './validate-logs.ts';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const START = new Date('2024-05-01T10:00:00Z');
const HOUR = 60 * 60 * 1000;

describe('validate-logs over a local bucket', () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: LocalBucketStore;
  let keys: SigningKeys;
  let buckets = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oia-validate-'));
    db = SqliteDatabase.open(join(dir, 'oia.db'));
    await migrateSqlite(db);
    store = new LocalBucketStore(db, join(dir, 'buckets'), systemClock);
    keys = new SigningKeys(db);
  });
  after(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh bucket with three hourly digests (10:00–13:00) of two log files each. */
  async function trail(): Promise<TrailFiles & { bucket: string }> {
    const bucket = `trail-bucket-${++buckets}`;
    await store.createBucket(bucket, REGION);
    const files = await writeTrailFiles({
      store,
      signingKeys: keys,
      bucket,
      accountId: ACCOUNT,
      region: REGION,
      trailName: 'audit',
      start: START,
      periods: 3,
      periodMs: HOUR,
      logsPerPeriod: 2,
    });
    return { ...files, bucket };
  }

  async function validate(files: TrailFiles & { bucket: string }, args: Partial<ValidateLogsArgs> = {}) {
    let stdout = '';
    let stderr = '';
    const result = await validateLogs(
      {
        storeFor: () => store,
        publicKeys: async (start, end) => (await keys.publicKeys(REGION, start, end)).map((k) => ({ fingerprint: k.fingerprint, value: k.publicDer })),
        findTrail: async (arn) => (arn === files.trailArn ? { bucket: files.bucket } : undefined),
      },
      {
        trailArn: files.trailArn,
        startTime: '2024-05-01T10:00:00Z',
        endTime: '2024-05-01T13:00:00Z',
        region: REGION,
        now: new Date('2024-05-02T00:00:00Z'),
        ...args,
      },
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    return { ...result, stdout, stderr };
  }

  const header = (arn: string) =>
    `Validating log files for trail ${arn} between 2024-05-01T10:00:00Z and 2024-05-01T13:00:00Z\n\n` +
    'Results requested for 2024-05-01T10:00:00Z to 2024-05-01T13:00:00Z\n';
  // awscli's quirk: the oldest digest starting exactly at start-time does not move the found start.
  const found = 'Results found for 2024-05-01T11:00:00Z to 2024-05-01T13:00:00Z:\n';

  async function readDigest(bucket: string, key: string): Promise<{ document: DigestDocument; metadata: Record<string, string> }> {
    const { info, body } = await store.getObject(bucket, key);
    return { document: JSON.parse(gunzipSync(await buffer(body)).toString()) as DigestDocument, metadata: info.metadata };
  }

  it('reports every digest and log file valid, exit code 0', async () => {
    const files = await trail();
    const run = await validate(files);
    assert.equal(run.exitCode, 0);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, `${header(files.trailArn)}${found}\n3/3 digest files valid\n6/6 log files valid\n`);
  });

  it('lists each valid file on stdout with --verbose', async () => {
    const files = await trail();
    const run = await validate(files, { verbose: true });
    const lines = run.stdout.split('\n').filter((l) => l.includes('\tvalid'));
    const [d1, d2, d3] = files.digests;
    const [l1a, l1b, l2a, l2b, l3a, l3b] = files.logs;
    const s3 = (key: string) => `s3://${files.bucket}/${key}`;
    assert.deepEqual(lines, [
      `Digest file\t${s3(d3!)}\tvalid`,
      `Log file\t${s3(l3a!)}\tvalid`,
      `Log file\t${s3(l3b!)}\tvalid`,
      `Digest file\t${s3(d2!)}\tvalid`,
      `Log file\t${s3(l2a!)}\tvalid`,
      `Log file\t${s3(l2b!)}\tvalid`,
      `Digest file\t${s3(d1!)}\tvalid`,
      `Log file\t${s3(l1a!)}\tvalid`,
      `Log file\t${s3(l1b!)}\tvalid`,
    ]);
    assert.match(run.stdout, /\tvalid\n\nResults requested/);
  });

  it('edited log: that file is INVALID (hash), exit code 1', async () => {
    const files = await trail();
    const edited = files.logs[2]!;
    await store.putObject(files.bucket, edited, gzipSync(JSON.stringify({ Records: [] })));
    const run = await validate(files);
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, `Log file\ts3://${files.bucket}/${edited}\tINVALID: hash value doesn't match\n\n`);
    assert.equal(run.stdout, `${header(files.trailArn)}${found}\n3/3 digest files valid\n5/6 log files valid, 1/6 log files INVALID\n`);
  });

  it('deleted log: INVALID: not found', async () => {
    const files = await trail();
    const deleted = files.logs[5]!;
    await store.deleteObject(files.bucket, deleted);
    const run = await validate(files);
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, `Log file\ts3://${files.bucket}/${deleted}\tINVALID: not found\n\n`);
    assert.match(run.stdout, /5\/6 log files valid, 1\/6 log files INVALID/);
  });

  it('log that is not gzip: INVALID: invalid format', async () => {
    const files = await trail();
    await store.putObject(files.bucket, files.logs[0]!, '{"Records":[]}');
    const run = await validate(files);
    assert.equal(run.stderr, `Log file\ts3://${files.bucket}/${files.logs[0]}\tINVALID: invalid format\n\n`);
  });

  it('deleted digest: INVALID: not found, and the walk goes on with the older digest', async () => {
    const files = await trail();
    const [, d2] = files.digests;
    await store.deleteObject(files.bucket, d2!);
    const run = await validate(files);
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, `Digest file\ts3://${files.bucket}/${d2}\tINVALID: not found\n\n`);
    // D1 starts at start-time and so never moves the found start; D2, which would, is gone.
    const foundFromD3 = found.replace('11:00:00Z to', '12:00:00Z to');
    assert.equal(run.stdout, `${header(files.trailArn)}${foundFromD3}\n2/3 digest files valid, 1/3 digest files INVALID\n4/4 log files valid\n`);
  });

  it('edited digest: INVALID: signature verification failed', async () => {
    const files = await trail();
    const [, d2] = files.digests;
    const { document, metadata } = await readDigest(files.bucket, d2!);
    document.logFiles.pop();
    await store.putObject(files.bucket, d2!, gzipSync(JSON.stringify(document)), { metadata });
    const run = await validate(files);
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, `Digest file\ts3://${files.bucket}/${d2}\tINVALID: signature verification failed\n\n`);
    assert.match(run.stdout, /2\/3 digest files valid, 1\/3 digest files INVALID\n4\/4 log files valid\n$/);
  });

  it('digest without its signature metadata: INVALID: signature verification failed', async () => {
    const files = await trail();
    const [d1] = files.digests;
    const { document } = await readDigest(files.bucket, d1!);
    await store.putObject(files.bucket, d1!, gzipSync(JSON.stringify(document)));
    const run = await validate(files);
    assert.equal(run.stderr, `Digest file\ts3://${files.bucket}/${d1}\tINVALID: signature verification failed\n\n`);
  });

  it('moved digest: INVALID: has been moved from its original location', async () => {
    const files = await trail();
    const d3 = files.digests[2]!;
    const moved = digestKey({ accountId: ACCOUNT, region: REGION, trailName: 'audit', homeRegion: REGION, endTime: new Date('2024-05-01T13:30:00Z') });
    const { body, info } = await store.getObject(files.bucket, d3);
    await store.putObject(files.bucket, moved, await buffer(body), { metadata: info.metadata });
    await store.deleteObject(files.bucket, d3);
    const run = await validate(files);
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, `Digest file\ts3://${files.bucket}/${moved}\tINVALID: has been moved from its original location\n\n`);
    assert.match(run.stdout, /2\/3 digest files valid, 1\/3 digest files INVALID\n4\/4 log files valid\n$/);
  });

  it('unknown key: INVALID: public key not found in region … for fingerprint …', async () => {
    const files = await trail();
    const d3 = files.digests[2]!;
    const { document } = await readDigest(files.bucket, d3);
    const foreign = await generateSigningKey(REGION, START);
    const signed = signDigest({ ...document, digestPublicKeyFingerprint: foreign.fingerprint }, foreign.privateKey);
    await store.putObject(files.bucket, d3, signed.body, { metadata: signed.metadata });
    const run = await validate(files);
    assert.equal(run.exitCode, 1);
    assert.equal(
      run.stderr,
      `Digest file\ts3://${files.bucket}/${d3}\tINVALID: public key not found in region ${REGION} for fingerprint ${foreign.fingerprint}\n\n`,
    );
    assert.match(run.stdout, /2\/3 digest files valid, 1\/3 digest files INVALID\n4\/4 log files valid\n$/);
  });

  it('a broken chain: a gap line, and both parts are validated', async () => {
    const files = await trail();
    // A second chain, restarted (null previous*) two hours after the first one ended.
    const later = await writeTrailFiles({
      store,
      signingKeys: keys,
      bucket: files.bucket,
      accountId: ACCOUNT,
      region: REGION,
      trailName: 'audit',
      start: new Date('2024-05-01T15:00:00Z'),
      periods: 1,
      periodMs: HOUR,
      logsPerPeriod: 1,
    });
    const run = await validate(files, { endTime: '2024-05-01T16:00:00Z' });
    assert.equal(run.exitCode, 0);
    assert.equal(run.stderr, 'No log files were delivered by CloudTrail between 2024-05-01T13:00:00Z and 2024-05-01T15:00:00Z\n\n');
    assert.match(run.stdout, /\n4\/4 digest files valid\n7\/7 log files valid\n$/);
    assert.equal(later.digests.length, 1);
  });

  it('a range without digests: No digests found', async () => {
    const files = await trail();
    const run = await validate(files, { startTime: '2024-05-20T00:00:00Z', endTime: '2024-05-21T00:00:00Z' });
    assert.equal(run.exitCode, 0);
    assert.match(run.stdout, /Results requested for 2024-05-20T00:00:00Z to 2024-05-21T00:00:00Z\nNo digests found\n$/);
  });

  it('a range no key was valid in: the run fails with No public keys found', async () => {
    const files = await trail();
    await assert.rejects(validate(files, { startTime: '2030-01-01T00:00:00Z', endTime: '2030-01-02T00:00:00Z' }), {
      message: 'No public keys found between 2030-01-01T00:00:00Z and 2030-01-02T00:00:00Z',
    });
  });

  it('rejects arguments with awscli messages', async () => {
    const files = await trail();
    const fails = (args: Partial<ValidateLogsArgs>, message: string) =>
      assert.rejects(validate(files, args), (e: Error) => e instanceof ParamValidationError && e.message === message);
    await fails({ trailArn: 'bad' }, 'Invalid trail ARN provided: bad');
    await fails({ startTime: 'yesterday' }, 'Unable to parse date value: yesterday');
    await fails({ endTime: '2024-05-01T09:00:00Z' }, 'Invalid time range specified: start-time must occur before end-time');
    await assert.rejects(validate(files, { trailArn: `${files.trailArn}x` }), { message: `A trail could not be found for ${files.trailArn}x` });
  });
});
