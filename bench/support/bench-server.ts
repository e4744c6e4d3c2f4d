// A server for a benchmark, in its own process so that it does not share a
// CPU with the load generator: `oia` (the whole stack, createApp as `oia
// serve` builds it) or `echo` (a bare node:http server answering JSON).
// Prints one JSON line {url, accessKeyId, secretAccessKey, dataDir} once it
// listens. `oia` takes an optional JSON object of configuration keys.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.ts';
import { DEFAULTS } from '../../src/config/schema.ts';
import { createLogger } from '../../src/lib/logger.ts';

const mode = process.argv[2];
if (mode === 'echo') {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.stringify({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}`, accessKeyId: 'AKIAECHO', secretAccessKey: 'echo' }) + '\n');
  });
} else if (mode === 'oia') {
  const dataDir = mkdtempSync(join(tmpdir(), 'oia-bench-'));
  const overrides = JSON.parse(process.argv[3] ?? '{}') as Partial<typeof DEFAULTS>;
  const level = process.env.BENCH_LOG === '1' ? 'warn' : 'silent';
  const app = await createApp({ config: { ...DEFAULTS, ...overrides, dataDir, port: 0, logLevel: level }, logger: createLogger(level) });
  const { url } = await app.listen();
  process.on('SIGTERM', () => {
    void app.close().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
  process.stdout.write(JSON.stringify({ url, accessKeyId: app.account.rootAccessKeyId, secretAccessKey: app.account.rootSecretAccessKey, dataDir }) + '\n');
} else {
  process.stderr.write('usage: bench-server.ts oia|echo\n');
  process.exit(2);
}
