// The small pure pieces of the S3 dialect.
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { describe, it } from 'node:test';
import { decodeAwsChunked, AwsChunkedError } from './aws-chunked.ts';
import { isValidBucketName } from '../../storage/buckets/bucket-names.ts';
import { crc32c } from './checksums.ts';
import { parseRange } from './conditions.ts';
import { urlEncodeKey } from './key-encoding.ts';
import { pathStylePath, virtualHostBucket } from './virtual-host.ts';

describe('S3 dialect helpers', () => {
  it('finds the bucket of virtual-hosted-style hosts only', () => {
    assert.equal(virtualHostBucket('logs.s3.us-east-1.amazonaws.com'), 'logs');
    assert.equal(virtualHostBucket('my.dotted.bucket.s3.amazonaws.com'), 'my.dotted.bucket');
    assert.equal(virtualHostBucket('logs.s3-eu-west-1.amazonaws.com'), 'logs');
    assert.equal(virtualHostBucket('logs.localhost:8686'), 'logs');
    assert.equal(virtualHostBucket('s3.us-east-1.amazonaws.com'), undefined);
    assert.equal(virtualHostBucket('s3.amazonaws.com'), undefined);
    assert.equal(virtualHostBucket('127.0.0.1:8686'), undefined);
    assert.equal(virtualHostBucket('localhost:8686'), undefined);
    assert.equal(pathStylePath('/a/b.txt', 'logs.localhost'), '/logs/a/b.txt');
    assert.equal(pathStylePath('/', 'logs.localhost'), '/logs');
    assert.equal(pathStylePath('/logs/', '127.0.0.1'), '/logs');
    assert.equal(pathStylePath('/logs/dir/', '127.0.0.1'), '/logs/dir/');
  });

  it("applies S3's bucket naming rules", () => {
    for (const name of ['abc', 'my-bucket.2024', 'a'.repeat(63)]) assert.ok(isValidBucketName(name), name);
    for (const name of ['ab', 'a'.repeat(64), 'Upper', 'under_score', '-start', 'end-', 'two..dots', '192.168.1.1', 'xn--punycode', 'x-s3alias-s3alias', 'b--x-s3']) {
      assert.ok(!isValidBucketName(name), name);
    }
  });

  it('URL-encodes keys as S3 does for encoding-type=url', () => {
    assert.equal(urlEncodeKey('dir/a b+c*~%.txt'), 'dir/a+b%2Bc*%7E%25.txt');
    assert.equal(urlEncodeKey('\u00e9\u0001'), '%C3%A9%01');
  });

  it('reads one byte range and ignores what S3 ignores', () => {
    assert.deepEqual(parseRange('bytes=0-9'), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=5-'), { start: 5 });
    assert.deepEqual(parseRange('bytes=-3'), { suffix: 3 });
    for (const ignored of [undefined, 'bytes=1-2,5-6', 'items=0-1', 'bytes=9-2', 'bytes=-', 'bytes=a-b']) {
      assert.equal(parseRange(ignored), undefined, String(ignored));
    }
  });

  it('decodes aws-chunked bodies with their trailers and rejects short chunks', () => {
    const body = Buffer.from('5\r\nhello\r\n6;chunk-signature=x\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n');
    assert.deepEqual(decodeAwsChunked(body), { data: Buffer.from('hello world'), trailers: { 'x-amz-checksum-crc32': 'AAAA' } });
    assert.throws(() => decodeAwsChunked(Buffer.from('a\r\nshort\r\n0\r\n\r\n')), AwsChunkedError);
    assert.throws(() => decodeAwsChunked(Buffer.from('zz\r\n')), AwsChunkedError);
  });

  it('computes CRC-32C (the check value of RFC 3720) next to zlib CRC-32', () => {
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });
});
