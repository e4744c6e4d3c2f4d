// The default LambdaInvoker against real modules on disk and a real HTTP server.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLambdaInvoker } from './lambda-invoker.ts';

const dir = mkdtempSync(join(tmpdir(), 'oia-invoker-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const write = (file: string, source: string) => writeFileSync(join(dir, file), source);

describe('createLambdaInvoker: JavaScript modules', () => {
  const invoker = createLambdaInvoker({ moduleDirectory: dir, functions: { renamed: 'nested/impl.mjs' }, timeoutMs: 5_000 });

  before(() => {
    write('echo.mjs', `export default async (events, context) => [{ got: events, by: context.functionName }];`);
    write('classic.js', `export const handler = async (events) => events.length;`);
    write('throws.mjs', `export default () => { throw new TypeError('bad input'); };`);
    write('noexport.mjs', `export const something = 1;`);
    mkdirSync(join(dir, 'nested'));
    write('nested/impl.mjs', `export default (events) => [{ count: events.length }];`);
  });

  it('runs <moduleDirectory>/<name>.mjs with the events and a context', async () => {
    assert.deepEqual(await invoker.invoke('echo', [{ a: 1 }, 'AAE=']), [{ got: [{ a: 1 }, 'AAE='], by: 'echo' }]);
  });

  it('falls back to .js and to an export named handler, as Lambda\'s Node.js runtime names it', async () => {
    assert.equal(await invoker.invoke('classic', [{}, {}, {}]), 3);
  });

  it('uses the configured path of a function first', async () => {
    assert.deepEqual(await invoker.invoke('renamed', [{}, {}]), [{ count: 2 }]);
  });

  it('rejects with a clear message for a missing function, a throwing one and a module without a handler', async () => {
    await assert.rejects(invoker.invoke('missing', []), { message: 'Function not found: missing' });
    await assert.rejects(invoker.invoke('throws', []), { message: 'bad input' });
    await assert.rejects(invoker.invoke('noexport', []), { message: `${join(dir, 'noexport.mjs')} exports neither a default function nor a function named handler` });
  });

  it('loads a module again after its file changes', async () => {
    write('versioned.mjs', `export default () => ['v1'];`);
    utimesSync(join(dir, 'versioned.mjs'), new Date(1_000_000_000_000), new Date(1_000_000_000_000));
    assert.deepEqual(await invoker.invoke('versioned', []), ['v1']);
    write('versioned.mjs', `export default () => ['v2'];`);
    utimesSync(join(dir, 'versioned.mjs'), new Date(1_000_000_001_000), new Date(1_000_000_001_000));
    assert.deepEqual(await invoker.invoke('versioned', []), ['v2']);
  });

  it('stops waiting after the timeout with Lambda\'s message', async () => {
    write('hangs.mjs', `export default () => new Promise(() => {});`);
    const quick = createLambdaInvoker({ moduleDirectory: dir, timeoutMs: 50 });
    await assert.rejects(quick.invoke('hangs', []), { message: 'Task timed out after 0.05 seconds' });
  });
});

describe('createLambdaInvoker: HTTP endpoints', () => {
  let server: Server;
  let base: string;
  const received: unknown[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/hang') return; // never answers
        received.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) });
        if (req.url === '/fail') {
          res.writeHead(500).end('{"errorMessage":"kaput"}');
        } else if (req.url === '/text') {
          res.writeHead(200).end('not json');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ got: JSON.parse(body), viaHttp: true }]));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('POSTs the events as a JSON array and returns the JSON answer', async () => {
    const invoker = createLambdaInvoker({ functions: { remote: `${base}/ok` }, timeoutMs: 5_000 });
    assert.deepEqual(await invoker.invoke('remote', [{ t: 1 }, 'AAE=']), [{ got: [{ t: 1 }, 'AAE='], viaHttp: true }]);
    assert.deepEqual(received.at(-1), { method: 'POST', type: 'application/json', body: [{ t: 1 }, 'AAE='] });
  });

  it('rejects on an error status, a body that is not JSON, an unreachable endpoint and a timeout', async () => {
    const invoker = createLambdaInvoker({
      functions: { fail: `${base}/fail`, text: `${base}/text`, hang: `${base}/hang`, closed: 'http://127.0.0.1:1/' },
      timeoutMs: 200,
    });
    await assert.rejects(invoker.invoke('fail', []), { message: `${base}/fail answered HTTP 500: {"errorMessage":"kaput"}` });
    await assert.rejects(invoker.invoke('text', []), { message: `${base}/text answered with a body that is not JSON` });
    await assert.rejects(invoker.invoke('closed', []), (e: Error) => e.message.startsWith('http://127.0.0.1:1/ could not be reached: '));
    await assert.rejects(invoker.invoke('hang', []), { message: 'Task timed out after 0.20 seconds' });
  });
});
