import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startServer, type TestServer } from '../support/server.ts';
import { failure, s3Client } from './support.ts';

const KEYS = ['a/1', 'a/2', 'a/deep/3', 'b', 'c/1', 'd e+f', 'z/\u00e9t\u00e9.txt'];

describe('S3 listings through @aws-sdk/client-s3', () => {
  let server: TestServer;
  let s3: S3Client;
  before(async () => {
    server = await startServer();
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    for (const key of KEYS) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: key, Body: key }));
  });
  after(() => server.stop());

  it('lists v1 sorted, with the empty Prefix and Marker S3 always sends', async () => {
    const all = await s3.send(new ListObjectsCommand({ Bucket: 'listing' }));
    assert.deepEqual(all.Contents?.map((o) => o.Key), KEYS);
    assert.equal(all.Name, 'listing');
    assert.equal(all.Prefix, '');
    assert.equal(all.Marker, '');
    assert.equal(all.MaxKeys, 1000);
    assert.equal(all.IsTruncated, false);
    assert.equal(all.Contents?.[0].StorageClass, 'STANDARD');
    assert.match(all.Contents?.[0].Owner?.ID ?? '', /^[0-9a-f]{64}$/);
  });

  it('pages v1 with Marker; NextMarker only comes with a delimiter', async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket: 'listing', MaxKeys: 3 }));
    assert.deepEqual(first.Contents?.map((o) => o.Key), ['a/1', 'a/2', 'a/deep/3']);
    assert.equal(first.IsTruncated, true);
    assert.equal(first.NextMarker, undefined);
    const rest = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Marker: 'a/deep/3' }));
    assert.deepEqual(rest.Contents?.map((o) => o.Key), ['b', 'c/1', 'd e+f', 'z/\u00e9t\u00e9.txt']);

    const seen: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Delimiter: '/', MaxKeys: 2, Marker: marker }));
      seen.push(...(page.Contents ?? []).map((o) => o.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      if (!page.IsTruncated) break;
      assert.ok(page.NextMarker);
      marker = page.NextMarker;
    }
    assert.deepEqual(seen.sort(), ['a/', 'b', 'c/', 'd e+f', 'z/'].sort());
  });

  it('URL-encodes keys, prefixes and markers when asked (encoding-type=url)', async () => {
    const page = await s3.send(new ListObjectsCommand({ Bucket: 'listing', EncodingType: 'url', Prefix: 'd ', Marker: 'c/1' }));
    assert.equal(page.EncodingType, 'url');
    assert.deepEqual(page.Contents?.map((o) => o.Key), ['d+e%2Bf']);
    assert.equal(page.Prefix, 'd+');
    assert.equal(page.Marker, 'c/1');
    const unicode = await s3.send(new ListObjectsCommand({ Bucket: 'listing', EncodingType: 'url', Prefix: 'z/' }));
    assert.deepEqual(unicode.Contents?.map((o) => o.Key), ['z/%C3%A9t%C3%A9.txt']);
  });

  it('lists v2 with delimiters, continuation tokens and StartAfter', async () => {
    const folders = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    assert.deepEqual(folders.Contents?.map((o) => o.Key), ['b', 'd e+f']);
    assert.deepEqual(folders.CommonPrefixes?.map((p) => p.Prefix), ['a/', 'c/', 'z/']);
    assert.equal(folders.KeyCount, 5);
    assert.equal(folders.Contents?.[0].Owner, undefined, 'v2 lists owners only with fetch-owner');

    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 3, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      assert.equal(page.ContinuationToken, token);
      token = page.NextContinuationToken;
      pages++;
    } while (token);
    assert.deepEqual(keys, KEYS);
    assert.equal(pages, 3);

    const after = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'c/1', FetchOwner: true }));
    assert.deepEqual(after.Contents?.map((o) => o.Key), ['d e+f', 'z/\u00e9t\u00e9.txt']);
    assert.equal(after.StartAfter, 'c/1');
    assert.ok(after.Contents?.[0].Owner?.ID);
  });

  it('refuses a forged continuation token and a negative max-keys', async () => {
    const forged = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'listing', ContinuationToken: 'bm9wZQ.forged' })));
    assert.equal(forged.name, 'InvalidArgument');
    assert.equal(forged.message, 'The continuation token provided is incorrect');
    const negative = await failure(s3.send(new ListObjectsCommand({ Bucket: 'listing', MaxKeys: -1 })));
    assert.equal(negative.name, 'InvalidArgument');
    assert.equal(negative.$metadata.httpStatusCode, 400);
  });

  it('answers NoSuchBucket for a listing of a missing bucket', async () => {
    const error = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'absent-bucket' })));
    assert.equal(error.name, 'NoSuchBucket');
    assert.equal(error.$metadata.httpStatusCode, 404);
  });
});
