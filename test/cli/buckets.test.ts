// `oia buckets` as a user runs it: a separate process talking to a running
// server through its S3 API, signed with the root key of the data directory.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer, type TestServer } from '../support/server.ts';

const OIA = fileURLToPath(new URL('../../bin/oia.js', import.meta.url));

function oia(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, [OIA, ...args], { env: clean }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('oia buckets', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startServer();
    dir = mkdtempSync(join(tmpdir(), 'oia-cli-buckets-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates buckets through the S3 API and lists them with their Regions', async () => {
    const common = ['--endpoint-url', server.url, '--data-dir', server.dataDir];
    const created = await oia(['buckets', 'create', 'cli-made', ...common]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'created s3://cli-made in us-east-1\n');
    assert.equal((await oia(['buckets', 'create', 'cli-eu', '--region', 'eu-west-1', ...common])).code, 0);

    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ buckets: [{ name: 'archive', region: 'eu-central-1', endpoint: 'http://minio.internal:9000' }] }));
    const listed = await oia(['buckets', 'list', ...common, '--config', config]);
    assert.equal(listed.code, 0, listed.stderr);
    const rows = listed.stdout.trim().split('\n').map((line) => line.split('\t'));
    assert.deepEqual(rows.map(([name, region, , store]) => [name, region, store]), [
      ['cli-eu', 'eu-west-1', 'local'],
      ['cli-made', 'us-east-1', 'local'],
      ['archive', 'eu-central-1', 'remote http://minio.internal:9000'],
    ]);
  });

  it("reports S3's error and exits non-zero", async () => {
    const result = await oia(['buckets', 'create', 'Bad_Name', '--endpoint-url', server.url, '--data-dir', server.dataDir]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'oia buckets create: InvalidBucketName: The specified bucket is not valid.\n');
  });

  it('signs with AWS_* credentials from the environment, and fails with foreign ones', async () => {
    const env = { AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'wrong' };
    const result = await oia(['buckets', 'list', '--endpoint-url', server.url], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /SignatureDoesNotMatch/);
  });
});
