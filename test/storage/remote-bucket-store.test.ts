// The remote store against a real S3-compatible server (s3rver) started here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import assert from 'node:assert/strict';
import { it } from 'node:test';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import { RemoteBucketStore } from '../../src/storage/buckets/remote/remote-bucket-store.ts';
import { describeBucketStore } from '../conformance/bucket-store.ts';

// s3rver 3.7 deviates from S3 in two places (lib/controllers/object.js,
// lib/stores/filesystem.js): it reads `Range: bytes=-N` as bytes 0..N, and
// with a delimiter it counts only keys against max-keys and fails on
// start-after inside a common prefix.
const S3RVER_DEVIATIONS = {
  suffixRange: 's3rver reads bytes=-N as bytes=0-N',
  delimiterPaging: 's3rver does not page common prefixes as S3 does',
};

describeBucketStore('remote (S3-compatible, s3rver)', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'oia-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = (await server.run()) as AddressInfo;
  const store = new RemoteBucketStore({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
  return {
    store,
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}, S3RVER_DEVIATIONS);

// The test timeout only turns a hang (the defect) into a failure.
it('fails a request to a server that accepts the connection and never answers', { timeout: 30_000 }, async () => {
  const held: Socket[] = [];
  const silent = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const store = new RemoteBucketStore({
    endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
    region: 'us-east-1',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'secret',
    forcePathStyle: true,
    idleTimeoutMs: 50,
  });
  try {
    await assert.rejects(store.putObject('logs', 'k', Buffer.from('x'), {}));
    assert.ok(held.length > 0, 'the request reached the server');
  } finally {
    held.forEach((socket) => socket.destroy());
    silent.close();
  }
});
