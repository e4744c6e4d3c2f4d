import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startServer, type TestServer } from '../support/server.ts';
import { failure, s3Client } from './support.ts';

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

describe('S3 objects through @aws-sdk/client-s3', () => {
  let server: TestServer;
  let s3: S3Client;
  before(async () => {
    server = await startServer();
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'objects' }));
  });
  after(() => server.stop());

  it('stores an object and reads it back with its metadata, type and ETag', async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'objects',
        Key: 'AWSLogs/1/digest file.json.gz',
        Body: 'digest',
        ContentType: 'application/json',
        ContentEncoding: 'gzip',
        Metadata: { signature: 'abc123', 'signature-algorithm': 'SHA256withRSA' },
      }),
    );
    assert.equal(put.ETag, `"${md5('digest')}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'AWSLogs/1/digest file.json.gz' }));
    assert.equal(await got.Body?.transformToString(), 'digest');
    assert.equal(got.ETag, put.ETag);
    assert.equal(got.ContentLength, 6);
    assert.equal(got.ContentType, 'application/json');
    assert.equal(got.ContentEncoding, 'gzip');
    assert.deepEqual(got.Metadata, { signature: 'abc123', 'signature-algorithm': 'SHA256withRSA' });
    assert.ok(got.LastModified instanceof Date);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'AWSLogs/1/digest file.json.gz' }));
    assert.equal(head.ContentLength, 6);
    assert.equal(head.ETag, put.ETag);
    assert.deepEqual(head.Metadata, got.Metadata);
  });

  it('keeps binary content byte for byte and replaces it on overwrite', async () => {
    const bytes = randomBytes(300_000);
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'bin', Body: bytes }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'bin' }));
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes));
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'bin', Body: 'small' }));
    const again = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'bin' }));
    assert.equal(await again.Body?.transformToString(), 'small');
    assert.equal(again.ETag, `"${md5('small')}"`);
  });

  it('accepts a streamed upload (aws-chunked, the checksum in a trailer)', async () => {
    const parts = [Buffer.from('first part, '), Buffer.from('second part')];
    const sent: Record<string, string> = {};
    const watching = s3Client(server);
    watching.middlewareStack.add(
      (next) => async (args) => {
        Object.assign(sent, (args.request as { headers: Record<string, string> }).headers);
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    const body = Readable.from(parts);
    const put = await watching.send(
      new PutObjectCommand({ Bucket: 'objects', Key: 'streamed', Body: body, ContentLength: Buffer.concat(parts).length }),
    );
    assert.equal(sent['x-amz-content-sha256'], 'STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    assert.equal(put.ETag, `"${md5(Buffer.concat(parts))}"`);
    assert.ok(put.ChecksumCRC32, 'the trailing checksum was verified and echoed');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'streamed' }));
    assert.equal(await got.Body?.transformToString(), 'first part, second part');
    assert.equal(got.ContentEncoding, undefined, 'aws-chunked is a transfer detail, not stored');
  });

  it('refuses a body whose checksum does not match and stores nothing', async () => {
    const tampering = s3Client(server);
    tampering.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers['x-amz-checksum-crc32'] = 'AAAAAA==';
        return next(args);
      },
      { step: 'build', priority: 'low' },
    );
    const error = await failure(tampering.send(new PutObjectCommand({ Bucket: 'objects', Key: 'bad-crc', Body: 'payload' })));
    assert.equal(error.name, 'BadDigest');
    assert.equal(error.message, 'The CRC32 you specified did not match the calculated checksum.');
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'bad-crc' })));
    assert.equal(head.$metadata.httpStatusCode, 404);
  });

  it('serves one byte range with 206 and refuses an unsatisfiable one', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'digits', Body: '0123456789' }));
    const middle = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=2-5' }));
    assert.equal(middle.$metadata.httpStatusCode, 206);
    assert.equal(await middle.Body?.transformToString(), '2345');
    assert.equal(middle.ContentRange, 'bytes 2-5/10');
    assert.equal(middle.ContentLength, 4);
    const tail = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=-3' }));
    assert.equal(await tail.Body?.transformToString(), '789');
    const ignored = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=0-1,4-5' }));
    assert.equal(ignored.$metadata.httpStatusCode, 200, 'several ranges: the whole object, as S3 answers');
    const beyond = await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=10-' })));
    assert.equal(beyond.name, 'InvalidRange');
    assert.equal(beyond.$metadata.httpStatusCode, 416);
    assert.equal(beyond.ActualObjectSize, '10');
  });

  it('answers conditional reads with 304 and 412', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'cond', Body: 'v1' }));
    const same = await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfNoneMatch: ETag })));
    assert.equal(same.$metadata.httpStatusCode, 304);
    const changed = await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfMatch: '"other"' })));
    assert.equal(changed.name, 'PreconditionFailed');
    assert.equal(changed.$metadata.httpStatusCode, 412);
    const fresh = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfMatch: ETag }));
    assert.equal(await fresh.Body?.transformToString(), 'v1');
  });

  it('answers NoSuchKey for a missing key and NoSuchBucket for a missing bucket', async () => {
    const key = await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'nope/none.txt' })));
    assert.ok(key instanceof NoSuchKey);
    assert.equal(key.message, 'The specified key does not exist.');
    assert.equal(key.$metadata.httpStatusCode, 404);
    assert.equal(key.Key, 'nope/none.txt');
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'nope' })));
    assert.equal(head.name, 'NotFound', 'a HEAD error has no body; the SDK names it by status');
    const bucket = await failure(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
    assert.equal(bucket.name, 'NoSuchBucket');
  });

  it('deletes objects, and deleting a missing one succeeds', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'to-delete', Body: 'x' }));
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'to-delete' }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    const gone = await failure(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'to-delete' })));
    assert.equal(gone.name, 'NoSuchKey');
    const again = await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'to-delete' }));
    assert.equal(again.$metadata.httpStatusCode, 204);
  });

  it('refuses keys longer than 1024 bytes and metadata over 2 KB', async () => {
    const long = await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'k'.repeat(1025), Body: 'x' })));
    assert.equal(long.name, 'KeyTooLongError');
    const big = await failure(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'meta', Body: 'x', Metadata: { big: 'v'.repeat(2100) } })));
    assert.equal(big.name, 'MetadataTooLarge');
  });
});
