// Presigned GET URLs: made by the SDK's presigner and by ours (which datasets
// use for their content URIs), fetched without any credentials.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ManualClock } from '../../src/lib/clock.ts';
import { presignGetObject } from '../../src/services/s3/presign.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { s3Client } from './support.ts';

const KEY = 'datasets/content/result 1+2.csv';

describe('S3 presigned URLs', () => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  before(async () => {
    server = await startServer({ clock });
    const s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'presigned' }));
    await s3.send(new PutObjectCommand({ Bucket: 'presigned', Key: KEY, Body: 'a,b\n1,2\n', ContentType: 'text/csv' }));
  });
  after(() => server.stop());

  const ours = (overrides: Partial<Parameters<typeof presignGetObject>[0]> = {}) =>
    presignGetObject({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: server.credentials,
      bucket: 'presigned',
      key: KEY,
      now: clock.now(),
      ...overrides,
    });

  it('serves a URL made by the SDK presigner', async () => {
    const url = await getSignedUrl(s3Client(server), new GetObjectCommand({ Bucket: 'presigned', Key: KEY }), { expiresIn: 300 });
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'a,b\n1,2\n');
    assert.equal(response.headers.get('content-type'), 'text/csv');
  });

  it('serves a URL made by our presigner, valid for two hours by default', async () => {
    const url = ours();
    assert.match(url, /X-Amz-Expires=7200/);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/presigned\/datasets\/content\/result%201%2B2\.csv\?/);
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'a,b\n1,2\n');
    clock.advance(7199 * 1000);
    assert.equal((await fetch(url)).status, 200);
    clock.advance(2000);
    const expired = await fetch(url);
    assert.equal(expired.status, 403);
    const body = await expired.text();
    assert.match(body, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message><X-Amz-Expires>7200<\/X-Amz-Expires><Expires>[^<]+Z<\/Expires><ServerTime>[^<]+Z<\/ServerTime>/);
  });

  it('refuses a URL whose signature, key or object was tampered with', async () => {
    const url = new URL(ours());
    url.pathname = '/presigned/datasets/content/other.csv';
    const moved = await fetch(url);
    assert.equal(moved.status, 403);
    assert.match(await moved.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    const foreign = await fetch(ours({ credentials: { accessKeyId: server.credentials.accessKeyId, secretAccessKey: 'guess' } }));
    assert.match(await foreign.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    const missing = await fetch(ours({ key: 'not/there.csv' }));
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /<Code>NoSuchKey<\/Code><Message>The specified key does not exist\.<\/Message><Key>not\/there\.csv<\/Key>/);
  });

  it('refuses an expiry beyond seven days', () => {
    assert.throws(() => ours({ expiresIn: 604801 }), RangeError);
  });
});
