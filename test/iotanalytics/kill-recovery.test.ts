// Durability: `oia serve` (a child process) is killed with SIGKILL while
// clients send batches and while its pipelines, archive, flushes and
// compactions are at work; started again on the same data directory, it
// must store every acknowledged message in the data store exactly once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { BatchPutMessageCommand, CreateChannelCommand, CreateDatastoreCommand, CreatePipelineCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { createApp } from '../../src/app.ts';
import { DEFAULTS } from '../../src/config/schema.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { FAST, json, readDatastore } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import type { TestServer } from '../support/server.ts';

const OIA = fileURLToPath(new URL('../../bin/oia.js', import.meta.url));
// Busy background work, so that the kill lands in the middle of it.
const DATA_PLANE = { ...FAST, flushIntervalMs: 20, archiveIntervalMs: 20, compactionIntervalMs: 50, compactionMinFiles: 2, archiveObjectMessages: 200 };

interface Running {
  child: ChildProcess;
  url: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

async function serve(dataDir: string, configFile: string): Promise<Running> {
  const child = spawn(process.execPath, [OIA, 'serve', '--port', '0', '--data-dir', dataDir, '--config', configFile, '--log-level', 'silent'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const found: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`oia serve exited with ${code}`)));
    lines.on('line', (line) => {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url) found.url = url;
      const key = /export (AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY)=(\S+)/.exec(line);
      if (key) found[key[1]] = key[2];
      if (found.url && found.AWS_ACCESS_KEY_ID && found.AWS_SECRET_ACCESS_KEY) resolve();
    });
  });
  return { child, url: found.url, credentials: { accessKeyId: found.AWS_ACCESS_KEY_ID, secretAccessKey: found.AWS_SECRET_ACCESS_KEY } };
}

const client = (server: Running) => new IoTAnalyticsClient({ endpoint: server.url, region: 'us-east-1', credentials: server.credentials, maxAttempts: 1 });

describe('kill -9 during ingestion', () => {
  let dataDir: string;
  let configFile: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'oia-kill-'));
    configFile = join(dataDir, '..', `${dataDir.split('/').pop()}.json`);
    writeFileSync(configFile, JSON.stringify({ dataPlane: DATA_PLANE }));
  });
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configFile, { force: true });
  });

  it('loses no acknowledged message and stores none twice', { timeout: 120_000 }, async () => {
    const acknowledged = new Set<string>();
    let server = await serve(dataDir, configFile);
    const setup = client(server);
    await setup.send(new CreateChannelCommand({ channelName: 'durable' }));
    await setup.send(new CreateDatastoreCommand({ datastoreName: 'durable_store', fileFormatConfiguration: { parquetConfiguration: {} } }));
    await setup.send(
      new CreatePipelineCommand({
        pipelineName: 'durable_pipeline',
        pipelineActivities: [
          { channel: { name: 'in', channelName: 'durable', next: 'twice' } },
          { math: { name: 'twice', attribute: 'doubled', math: 'n * 2', next: 'out' } },
          { datastore: { name: 'out', datastoreName: 'durable_store' } },
        ],
      }),
    );

    // Senders: each batch is 50 messages with ids unique across the test.
    let batch = 0;
    const send = async (target: Running) => {
      const sdk = client(target);
      for (;;) {
        const b = batch++;
        const ids = Array.from({ length: 50 }, (_, i) => `b${b}-m${i}`);
        try {
          const answer = await sdk.send(new BatchPutMessageCommand({ channelName: 'durable', messages: ids.map((id, i) => ({ messageId: id, payload: json({ id, n: b * 50 + i }) })) }));
          assert.deepEqual(answer.batchPutMessageErrorEntries, []);
          for (const id of ids) acknowledged.add(id);
        } catch {
          return; // The server is gone: what was not acknowledged may or may not be stored.
        }
      }
    };
    for (let round = 0; round < 2; round++) {
      const senders = Array.from({ length: 6 }, () => send(server));
      const before = acknowledged.size;
      await eventually(async () => acknowledged.size >= before + 5000, 'messages acknowledged before the kill', { timeoutMs: 60_000 });
      server.child.kill('SIGKILL');
      await Promise.all(senders);
      if (server.child.exitCode === null && server.child.signalCode === null) await new Promise((resolve) => server.child.once('exit', resolve));
      server = await serve(dataDir, configFile);
    }
    // A clean stop after the restart, then a look at what the data store holds.
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));

    const app = await createApp({ config: { ...DEFAULTS, dataDir, port: 0, logLevel: 'silent', dataPlane: DATA_PLANE }, logger: createLogger('silent') });
    try {
      const rows = await eventually(async () => {
        const all = await readDatastore({ app, region: 'us-east-1' } as unknown as TestServer, 'durable_store');
        return all.length >= acknowledged.size && all;
      }, 'every acknowledged message stored', { timeoutMs: 60_000 });
      const seen = new Map<string, number>();
      for (const row of rows) seen.set(String(row.id), (seen.get(String(row.id)) ?? 0) + 1);
      const twice = [...seen].filter(([, n]) => n > 1);
      assert.deepEqual(twice, [], 'messages stored more than once');
      const lost = [...acknowledged].filter((id) => !seen.has(id));
      assert.deepEqual(lost, [], 'acknowledged messages not stored');
      assert.ok(rows.every((r) => r.doubled === Number(r.n) * 2));
    } finally {
      await app.close();
    }
  });
});
