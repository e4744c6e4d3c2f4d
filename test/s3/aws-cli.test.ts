// Debian's AWS CLI v2 (2.9.19) against the S3 subset, as a user would run it
// with --endpoint-url (botocore then addresses buckets path-style).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from '../support/server.ts';
import { aws } from './support.ts';

describe('S3 through Debian aws CLI', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startServer();
    dir = mkdtempSync(join(tmpdir(), 'oia-cli-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ok = async (args: string[], env?: NodeJS.ProcessEnv) => {
    const result = await aws(server, args, env);
    assert.equal(result.code, 0, `aws ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };

  it('makes a bucket, copies a file up and down, and lists it (aws s3)', async () => {
    assert.match(await ok(['s3', 'mb', 's3://cli-bucket']), /make_bucket: cli-bucket/);
    assert.match(await ok(['s3', 'ls']), /cli-bucket/);
    const file = join(dir, 'report.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    await ok(['s3', 'cp', file, 's3://cli-bucket/reports/2024 q1.csv', '--metadata', 'origin=test']);
    assert.match(await ok(['s3', 'ls', 's3://cli-bucket/']), /PRE reports\//);
    assert.match(await ok(['s3', 'ls', '--recursive', 's3://cli-bucket/']), /\s8 reports\/2024 q1\.csv/);
    const copy = join(dir, 'copy.csv');
    await ok(['s3', 'cp', 's3://cli-bucket/reports/2024 q1.csv', copy]);
    assert.equal(readFileSync(copy, 'utf8'), 'a,b\n1,2\n');
  });

  it('heads an object, locates a bucket and lists URL-encoded keys (aws s3api)', async () => {
    const head = JSON.parse(await ok(['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'reports/2024 q1.csv']));
    assert.equal(head.ContentLength, 8);
    assert.equal(head.ContentType, 'text/csv');
    assert.deepEqual(head.Metadata, { origin: 'test' });
    assert.match(head.ETag, /^"[0-9a-f]{32}"$/);
    await ok(['s3', 'mb', 's3://cli-eu', '--region', 'eu-west-1']);
    assert.deepEqual(JSON.parse(await ok(['s3api', 'get-bucket-location', '--bucket', 'cli-eu'])), { LocationConstraint: 'eu-west-1' });
    assert.deepEqual(JSON.parse(await ok(['s3api', 'get-bucket-location', '--bucket', 'cli-bucket'])), { LocationConstraint: null });
    const listed = JSON.parse(await ok(['s3api', 'list-objects', '--bucket', 'cli-bucket', '--encoding-type', 'url']));
    assert.deepEqual(listed.Contents.map((o: { Key: string }) => o.Key), ['reports/2024+q1.csv']);
  });

  it('follows the Region S3 names when a bucket lives elsewhere (botocore redirect)', async () => {
    const file = join(dir, 'eu.txt');
    writeFileSync(file, 'eu');
    await ok(['s3', 'cp', file, 's3://cli-eu/eu.txt']);
    assert.match(await ok(['s3', 'ls', 's3://cli-eu/']), /eu\.txt/);
  });

  it('copies files of 8 MB and more only below the multipart threshold (multipart is not built)', async () => {
    const file = join(dir, 'big.bin');
    writeFileSync(file, Buffer.alloc(9 * 1024 * 1024, 7));
    const multipart = await aws(server, ['s3', 'cp', file, 's3://cli-bucket/big.bin']);
    assert.notEqual(multipart.code, 0);
    assert.match(multipart.stderr, /\(NotImplemented\) when calling the CreateMultipartUpload operation/);
    const config = join(dir, 'aws-config');
    writeFileSync(config, '[default]\ns3 =\n  multipart_threshold = 20MB\n');
    await ok(['s3', 'cp', file, 's3://cli-bucket/big.bin'], { AWS_CONFIG_FILE: config });
    const head = JSON.parse(await ok(['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'big.bin']));
    assert.equal(head.ContentLength, 9 * 1024 * 1024);
  });

  it("reports S3's errors", async () => {
    const missing = await aws(server, ['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'nope']);
    assert.equal(missing.code, 254);
    assert.match(missing.stderr, /\(404\) when calling the HeadObject operation: Not Found/);
    const notEmpty = await aws(server, ['s3', 'rb', 's3://cli-bucket']);
    assert.match(notEmpty.stderr, /\(BucketNotEmpty\) when calling the DeleteBucket operation: The bucket you tried to delete is not empty/);
    const noKey = await aws(server, ['s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'none', join(dir, 'none')]);
    assert.match(noKey.stderr, /\(NoSuchKey\) when calling the GetObject operation: The specified key does not exist\./);
    const badSecret = await aws(server, ['s3', 'ls', 's3://cli-bucket/'], { AWS_SECRET_ACCESS_KEY: 'not-the-secret' });
    assert.notEqual(badSecret.code, 0);
    assert.match(badSecret.stderr, /SignatureDoesNotMatch/);
  });
});
