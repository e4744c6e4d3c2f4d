// Both validators against the server, on trail files written straight into
// one of its local buckets: Debian's `aws cloudtrail validate-logs` (through
// ListPublicKeys and the S3 API) accepts our digests and signatures, and
// `oia trail validate` prints exactly what it prints for each tamper case.
import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { SigningKeys } from '../../src/audit/integrity/keys/signing-keys.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { writeTrailFiles, type TrailFiles } from '../support/trail-files.ts';
import { awsValidateLogs, oiaTrailValidate } from '../support/validate-logs.ts';

const RANGE = ['--start-time', '2024-05-01T10:00:00Z', '--end-time', '2024-05-01T13:00:00Z'];

describe('validate-logs against the server: awscli 2.9 and oia trail validate', () => {
  let server: TestServer;
  let trails = 0;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  async function trail(): Promise<TrailFiles & { bucket: string; args: string[] }> {
    const bucket = `validated-${++trails}`;
    await server.app.buckets.local.createBucket(bucket, server.region);
    const files = await writeTrailFiles({
      store: server.app.buckets.local,
      signingKeys: new SigningKeys(server.app.database),
      bucket,
      prefix: 'audit',
      accountId: server.app.account.accountId,
      region: server.region,
      trailName: `trail-${trails}`,
      start: new Date('2024-05-01T10:00:00Z'),
      periods: 3,
      periodMs: 60 * 60 * 1000,
      logsPerPeriod: 2,
    });
    // No DescribeTrails: the trail API is not part of this test.
    return { ...files, bucket, args: ['--trail-arn', files.trailArn, ...RANGE, '--s3-bucket', bucket, '--s3-prefix', 'audit'] };
  }

  async function both(args: string[]) {
    const target = { url: server.url, env: server.cliEnv() };
    const [aws, oia] = await Promise.all([awsValidateLogs(target, args), oiaTrailValidate(target, args)]);
    assert.deepEqual(oia, aws, 'oia trail validate prints what aws cloudtrail validate-logs prints');
    return aws;
  }

  it('all valid: every digest and log file, exit code 0', async () => {
    const files = await trail();
    const run = await both([...files.args, '--verbose']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\n3\/3 digest files valid\n6\/6 log files valid\n$/);
    assert.equal(run.stdout.split('\n').filter((l) => l.endsWith('\tvalid')).length, 9);
  });

  it('edited log: exactly that file is INVALID', async () => {
    const files = await trail();
    const edited = files.logs[3]!;
    const { body } = await server.app.buckets.local.getObject(files.bucket, edited);
    const json = gunzipSync(await buffer(body)).toString().replace('ListChannels', 'DeleteChannel');
    await server.app.buckets.local.putObject(files.bucket, edited, gzipSync(json));
    const run = await both(files.args);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `Log file\ts3://${files.bucket}/${edited}\tINVALID: hash value doesn't match\n\n`);
    assert.match(run.stdout, /\n3\/3 digest files valid\n5\/6 log files valid, 1\/6 log files INVALID\n$/);
  });

  it('deleted digest and deleted log', async () => {
    const files = await trail();
    await server.app.buckets.local.deleteObject(files.bucket, files.digests[1]!);
    await server.app.buckets.local.deleteObject(files.bucket, files.logs[0]!);
    const run = await both(files.args);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      `Digest file\ts3://${files.bucket}/${files.digests[1]}\tINVALID: not found\n\n` + `Log file\ts3://${files.bucket}/${files.logs[0]}\tINVALID: not found\n\n`,
    );
  });

  it('edited digest', async () => {
    const files = await trail();
    const key = files.digests[2]!;
    const { body, info } = await server.app.buckets.local.getObject(files.bucket, key);
    const json = gunzipSync(await buffer(body)).toString().replace(/"logFiles":\[.*\]/, '"logFiles":[]');
    await server.app.buckets.local.putObject(files.bucket, key, gzipSync(json), { metadata: info.metadata });
    const run = await both(files.args);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `Digest file\ts3://${files.bucket}/${key}\tINVALID: signature verification failed\n\n`);
  });

  it('argument errors: exit code 252 with the same text', async () => {
    const run = await both(['--trail-arn', 'arn:aws:cloudtrail:us-east-1:12:trail/x', ...RANGE]);
    assert.equal(run.code, 252);
    assert.equal(run.stderr, '\nInvalid trail ARN provided: arn:aws:cloudtrail:us-east-1:12:trail/x\n');
  });
});
