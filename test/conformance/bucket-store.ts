// What every BucketStore must do, run against each implementation
// (test/storage/*-bucket-store.test.ts). Keys are ASCII here: byte order and
// UTF-16 order agree for them, so an S3-compatible server that sorts either
// way passes; the local store's UTF-8 order has its own test.
//
// A test server may deviate from S3 in ways the store cannot fix; its test
// file then skips the cases concerned, with the reason, and the report shows
// them as skipped.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { BucketStoreError, type BucketErrorCode, type BucketStore } from '../../src/storage/buckets/bucket-store.ts';

export interface StoreUnderTest {
  store: BucketStore;
  close(): Promise<void>;
}

let counter = 0;
/** A fresh, valid bucket name per test, so tests never see each other's objects. */
const bucketName = () => `conformance-${process.pid}-${Date.now().toString(36)}-${counter++}`;

async function text(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function rejectsWith(promise: Promise<unknown>, code: BucketErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof BucketStoreError, `expected BucketStoreError ${code}, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

/** Cases a server under test may be excused from (S3 behaviour it does not have). */
export type DeviatingCase = 'suffixRange' | 'delimiterPaging';

export function describeBucketStore(
  name: string,
  open: () => Promise<StoreUnderTest>,
  deviations: Partial<Record<DeviatingCase, string>> = {},
): void {
  describe(`BucketStore conformance: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: BucketStore;
    before(async () => {
      subject = await open();
      store = subject.store;
    });
    after(() => subject.close());

    const withBucket = async () => {
      const bucket = bucketName();
      await store.createBucket(bucket, 'us-east-1');
      return bucket;
    };

    it('creates, finds, lists and deletes buckets', async () => {
      const bucket = bucketName();
      const created = await store.createBucket(bucket, 'us-east-1');
      assert.equal(created.name, bucket);
      assert.equal(created.region, 'us-east-1');
      assert.ok(created.creationDate instanceof Date);
      assert.equal((await store.getBucket(bucket))?.region, 'us-east-1');
      assert.ok((await store.listBuckets()).some((b) => b.name === bucket));
      await store.deleteBucket(bucket);
      assert.equal(await store.getBucket(bucket), undefined);
      assert.ok(!(await store.listBuckets()).some((b) => b.name === bucket));
    });

    it('refuses invalid names, a bucket twice, and to delete a missing or non-empty one', async () => {
      await rejectsWith(store.createBucket('Not_A_Bucket', 'us-east-1'), 'InvalidBucketName');
      const bucket = await withBucket();
      await rejectsWith(store.createBucket(bucket, 'us-east-1'), 'BucketAlreadyExists');
      await rejectsWith(store.deleteBucket(bucketName()), 'NoSuchBucket');
      await store.putObject(bucket, 'k', 'x');
      await rejectsWith(store.deleteBucket(bucket), 'BucketNotEmpty');
      await store.deleteObject(bucket, 'k');
      await store.deleteBucket(bucket);
    });

    it('stores an object with its metadata, headers, ETag and size', async () => {
      const bucket = await withBucket();
      const content = 'hello, buckets';
      const put = await store.putObject(bucket, 'dir/hello.txt', content, {
        contentType: 'text/plain',
        contentEncoding: 'identity',
        cacheControl: 'no-cache',
        contentDisposition: 'attachment',
        metadata: { Signature: 'abc', 'signature-algorithm': 'SHA256withRSA' },
      });
      const etag = `"${createHash('md5').update(content).digest('hex')}"`;
      assert.equal(put.etag, etag);
      assert.equal(put.size, content.length);
      const head = await store.headObject(bucket, 'dir/hello.txt');
      assert.equal(head?.etag, etag);
      assert.equal(head?.size, content.length);
      assert.equal(head?.contentType, 'text/plain');
      assert.equal(head?.contentEncoding, 'identity');
      assert.equal(head?.cacheControl, 'no-cache');
      assert.equal(head?.contentDisposition, 'attachment');
      assert.deepEqual(head?.metadata, { signature: 'abc', 'signature-algorithm': 'SHA256withRSA' });
      assert.ok(head?.lastModified instanceof Date);
      const got = await store.getObject(bucket, 'dir/hello.txt');
      assert.equal(got.info.etag, etag);
      assert.deepEqual(got.info.metadata, head?.metadata);
      assert.equal(await text(got.body), content);
    });

    it('stores binary and streamed bodies byte for byte, and replaces on overwrite', async () => {
      const bucket = await withBucket();
      const bytes = randomBytes(256 * 1024 + 7);
      await store.putObject(bucket, 'bin', Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
      const got = await store.getObject(bucket, 'bin');
      const chunks: Buffer[] = [];
      for await (const chunk of got.body) chunks.push(chunk as Buffer);
      assert.ok(Buffer.concat(chunks).equals(bytes));
      assert.equal(got.info.size, bytes.length);
      await store.putObject(bucket, 'bin', 'second', { metadata: { v: '2' } });
      const again = await store.getObject(bucket, 'bin');
      assert.equal(await text(again.body), 'second');
      assert.deepEqual(again.info.metadata, { v: '2' });
      await store.putObject(bucket, 'empty', Buffer.alloc(0));
      assert.equal((await store.headObject(bucket, 'empty'))?.size, 0);
    });

    it('reads byte ranges and refuses unsatisfiable ones', async () => {
      const bucket = await withBucket();
      await store.putObject(bucket, 'r', '0123456789');
      const span = await store.getObject(bucket, 'r', { range: { start: 2, end: 5 } });
      assert.equal(await text(span.body), '2345');
      assert.deepEqual(span.range, { start: 2, end: 5 });
      assert.equal(span.info.size, 10);
      assert.equal(await text((await store.getObject(bucket, 'r', { range: { start: 7 } })).body), '789');
      assert.equal(await text((await store.getObject(bucket, 'r', { range: { start: 8, end: 100 } })).body), '89');
      await rejectsWith(store.getObject(bucket, 'r', { range: { start: 10 } }), 'InvalidRange');
    });

    it('reads the last bytes of an object (suffix range)', { skip: deviations.suffixRange }, async () => {
      const bucket = await withBucket();
      await store.putObject(bucket, 'r', '0123456789');
      const tail = await store.getObject(bucket, 'r', { range: { suffix: 3 } });
      assert.equal(await text(tail.body), '789');
      assert.deepEqual(tail.range, { start: 7, end: 9 });
      assert.equal(await text((await store.getObject(bucket, 'r', { range: { suffix: 30 } })).body), '0123456789');
    });

    it('reports missing keys and buckets', async () => {
      const bucket = await withBucket();
      await rejectsWith(store.getObject(bucket, 'nope'), 'NoSuchKey');
      assert.equal(await store.headObject(bucket, 'nope'), undefined);
      const missing = bucketName();
      await rejectsWith(store.getObject(missing, 'k'), 'NoSuchBucket');
      await rejectsWith(store.putObject(missing, 'k', 'x'), 'NoSuchBucket');
      await rejectsWith(store.listObjects(missing), 'NoSuchBucket');
      assert.equal(await store.headObject(missing, 'k'), undefined);
    });

    it('deletes objects, and deleting a missing key succeeds', async () => {
      const bucket = await withBucket();
      await store.putObject(bucket, 'gone', 'x');
      await store.deleteObject(bucket, 'gone');
      assert.equal(await store.headObject(bucket, 'gone'), undefined);
      await store.deleteObject(bucket, 'never-was');
      await rejectsWith(store.deleteObject(bucketName(), 'k'), 'NoSuchBucket');
    });

    it('lists keys sorted, by prefix, with delimiters rolled into common prefixes', async () => {
      const bucket = await withBucket();
      const keys = ['b.txt', 'a/1', 'a/2', 'a/sub/3', 'c/1', 'd b', 'd+b', 'd%2F', 'z'];
      for (const key of keys) await store.putObject(bucket, key, key);
      const all = await store.listObjects(bucket);
      assert.deepEqual(all.objects.map((o) => o.key), [...keys].sort());
      assert.equal(all.isTruncated, false);
      assert.equal(all.objects.find((o) => o.key === 'z')?.size, 1);
      const byPrefix = await store.listObjects(bucket, { prefix: 'a/' });
      assert.deepEqual(byPrefix.objects.map((o) => o.key), ['a/1', 'a/2', 'a/sub/3']);
      const folders = await store.listObjects(bucket, { delimiter: '/' });
      assert.deepEqual(folders.objects.map((o) => o.key), ['b.txt', 'd b', 'd%2F', 'd+b', 'z']);
      assert.deepEqual(folders.commonPrefixes, ['a/', 'c/']);
      const nested = await store.listObjects(bucket, { prefix: 'a/', delimiter: '/' });
      assert.deepEqual(nested.objects.map((o) => o.key), ['a/1', 'a/2']);
      assert.deepEqual(nested.commonPrefixes, ['a/sub/']);
    });

    it('pages with maxKeys and startAfter', async () => {
      const bucket = await withBucket();
      for (const key of ['a', 'b', 'c', 'd', 'e']) await store.putObject(bucket, key, 'x');
      const first = await store.listObjects(bucket, { maxKeys: 3 });
      assert.deepEqual(first.objects.map((o) => o.key), ['a', 'b', 'c']);
      assert.equal(first.isTruncated, true);
      assert.equal(first.nextMarker, 'c');
      const rest = await store.listObjects(bucket, { maxKeys: 3, startAfter: first.nextMarker });
      assert.deepEqual(rest.objects.map((o) => o.key), ['d', 'e']);
      assert.equal(rest.isTruncated, false);
      const fromMiddle = await store.listObjects(bucket, { startAfter: 'bb', prefix: '' });
      assert.deepEqual(fromMiddle.objects.map((o) => o.key), ['c', 'd', 'e']);
    });

    it('pages with a delimiter, counting common prefixes as entries', { skip: deviations.delimiterPaging }, async () => {
      const bucket = await withBucket();
      for (const key of ['a/1', 'a/2', 'b', 'c/1', 'c/2', 'd', 'e']) await store.putObject(bucket, key, 'x');
      const seen: string[] = [];
      let startAfter: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await store.listObjects(bucket, { delimiter: '/', maxKeys: 2, startAfter });
        seen.push(...page.objects.map((o) => o.key), ...page.commonPrefixes);
        pages++;
        if (!page.isTruncated) break;
        assert.ok(page.nextMarker, 'a truncated page names where the next starts');
        startAfter = page.nextMarker;
      }
      assert.deepEqual(seen.sort(), ['a/', 'b', 'c/', 'd', 'e']);
      assert.equal(pages, 3);
      const inside = await store.listObjects(bucket, { delimiter: '/', startAfter: 'c/1' });
      assert.deepEqual(inside.objects.map((o) => o.key), ['d', 'e']);
      assert.deepEqual(inside.commonPrefixes, [], 'a common prefix holding the marker was already returned');
    });
  });
}
