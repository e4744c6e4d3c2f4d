// S3's error document and authentication failures on the wire, and
// virtual-hosted-style addressing. Requests come from the JS SDK (with wrong
// keys, a skewed clock, or a body changed after signing) or plain fetch.
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  GetBucketAclCommand,
  GetObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { startServer, type TestServer } from '../support/server.ts';
import { failure, s3Client } from './support.ts';


/** Resolves every host name to this machine, so virtual-hosted names reach the test server. */
const loopback = new Agent({
  lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options?.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) as never,
});

/** An unsigned GET with the given Host header, answered like fetch's Response (status, headers.get, text). */
function unsignedGet(server: TestServer, path: string, host: string) {
  return new Promise<{ status: number; headers: Map<string, string>; text(): Promise<string> }>((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          headers: new Map(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
          text: async () => Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('S3 on the wire', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    const s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'wire' }));
    await s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'hello.txt', Body: 'hello' }));
  });
  after(() => server.stop());

  it('answers an unsigned request with the bare S3 <Error> document', async () => {
    // Unsigned requests are S3's when their Host names S3 (here a virtual-hosted bucket).
    const response = await unsignedGet(server, '/hello.txt', 'wire.localhost');
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('content-type'), 'application/xml');
    const requestId = response.headers.get('x-amz-request-id')!;
    assert.ok(requestId);
    assert.ok(response.headers.get('x-amz-id-2'));
    assert.equal(
      await response.text(),
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message>' +
        `<RequestId>${requestId}</RequestId><HostId>${response.headers.get('x-amz-id-2')}</HostId></Error>`,
    );
  });

  it('answers a wrong secret with SignatureDoesNotMatch and what S3 signed', async () => {
    const s3 = s3Client(server, { credentials: { accessKeyId: server.credentials.accessKeyId, secretAccessKey: 'wrong-secret' } });
    const error = await failure(s3.send(new GetObjectCommand({ Bucket: 'wire', Key: 'hello.txt' })));
    assert.equal(error.name, 'SignatureDoesNotMatch');
    assert.equal(
      error.message,
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
    assert.equal(error.$metadata.httpStatusCode, 403);
    assert.equal(error.AWSAccessKeyId, server.credentials.accessKeyId);
    assert.match(String(error.StringToSign), /^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/);
    assert.match(String(error.CanonicalRequest), /^GET\n\/wire\/hello\.txt\n/);
    assert.equal(String(error.StringToSignBytes).split(' ')[0], '41');
    assert.match(String(error.SignatureProvided), /^[0-9a-f]{64}$/);
  });

  it('answers an unknown access key with InvalidAccessKeyId', async () => {
    const s3 = s3Client(server, { credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } });
    const error = await failure(s3.send(new ListObjectsCommand({ Bucket: 'wire' })));
    assert.equal(error.name, 'InvalidAccessKeyId');
    assert.equal(error.message, 'The AWS Access Key Id you provided does not exist in our records.');
    assert.equal(error.AWSAccessKeyId, 'AKIAUNKNOWNKEY000000');
  });

  it('answers a skewed clock with RequestTimeTooSkewed', async () => {
    const s3 = s3Client(server, { systemClockOffset: -20 * 60 * 1000 });
    const error = await failure(s3.send(new ListObjectsCommand({ Bucket: 'wire' })));
    assert.equal(error.name, 'RequestTimeTooSkewed');
    assert.equal(error.message, 'The difference between the request time and the current time is too large.');
    assert.equal(error.MaxAllowedSkewMilliseconds, '900000');
    assert.match(String(error.RequestTime), /^\d{8}T\d{6}Z$/);
    assert.match(String(error.ServerTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('refuses a body changed after signing, and stores nothing', async () => {
    const s3 = s3Client(server, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    s3.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { body: unknown }).body = 'HELLO';
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    const error = await failure(s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'tampered', Body: 'hello' })));
    assert.equal(error.name, 'XAmzContentSHA256Mismatch');
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.match(String(error.ClientComputedContentSHA256), /^[0-9a-f]{64}$/);
    const gone = await failure(s3Client(server).send(new GetObjectCommand({ Bucket: 'wire', Key: 'tampered' })));
    assert.equal(gone.name, 'NoSuchKey');
  });

  it('refuses uploads signed chunk by chunk, which it cannot verify', async () => {
    const s3 = s3Client(server, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    s3.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers['x-amz-content-sha256'] = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
        request.headers['content-encoding'] = 'aws-chunked';
        return next(args);
      },
      { step: 'build', priority: 'low' },
    );
    const error = await failure(s3.send(new PutObjectCommand({ Bucket: 'wire', Key: 'signed-chunks', Body: 'x' })));
    assert.equal(error.name, 'NotImplemented');
    assert.equal(error.$metadata.httpStatusCode, 501);
  });

  it('answers operations outside the subset with 501 NotImplemented', async () => {
    const error = await failure(s3Client(server).send(new GetBucketAclCommand({ Bucket: 'wire' })));
    assert.equal(error.name, 'NotImplemented');
    assert.equal(error.$metadata.httpStatusCode, 501);
    assert.match(error.message, /GetBucketAcl is not implemented yet/);
  });

  it('routes virtual-hosted-style requests (bucket in the Host header)', async () => {
    const port = new URL(server.url).port;
    for (const endpoint of [`http://localhost:${port}`, `http://s3.us-east-1.amazonaws.com:${port}`]) {
      const s3 = s3Client(server, { endpoint, forcePathStyle: false, requestHandler: { httpAgent: loopback } });
      let host = '';
      s3.middlewareStack.add(
        (next) => async (args) => {
          host = (args.request as { headers: Record<string, string> }).headers.host;
          return next(args);
        },
        { step: 'finalizeRequest', priority: 'low' },
      );
      const got = await s3.send(new GetObjectCommand({ Bucket: 'wire', Key: 'hello.txt' }));
      assert.equal(await got.Body?.transformToString(), 'hello');
      assert.match(host, /^wire\./);
      const listed = await s3.send(new ListObjectsCommand({ Bucket: 'wire' }));
      assert.ok(listed.Contents?.some((o) => o.Key === 'hello.txt'));
    }
  });
});
