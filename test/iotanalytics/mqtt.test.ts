// MQTT ingestion through the Mosquitto broker at 127.0.0.1:1883, with
// messages published by Debian's mosquitto_pub and by the `mqtt` package.
// The server reaches the broker through a TCP relay the test can cut, to
// see it connect again; a server that is down finds the messages published
// meanwhile waiting in its session.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import mqtt from 'mqtt';
import { CreateChannelCommand, CreateDatastoreCommand, CreatePipelineCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { createApp, type App } from '../../src/app.ts';
import { DEFAULTS, type Config } from '../../src/config/schema.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { FAST, readJsonLines } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import type { TestServer } from '../support/server.ts';

const BROKER = { host: '127.0.0.1', port: 1883 };
const run = promisify(execFile);

/** Relays TCP connections to the broker; cut() drops them all. */
async function relay(): Promise<{ port: number; cut(): void; close(): void }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(BROKER.port, BROKER.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}

describe('MQTT ingestion through Mosquitto', () => {
  const id = `${process.pid}-${Date.now()}`;
  const topic = `oia-test/${id}`;
  let dataDir: string;
  let app: App;
  let url: string;
  let link: Awaited<ReturnType<typeof relay>>;
  let config: Config;

  const start = async () => {
    app = await createApp({ config, logger: createLogger('silent') });
    url = (await app.listen()).url;
    await app.mqtt!.ready();
  };
  const iota = () =>
    new IoTAnalyticsClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: app.account.rootAccessKeyId, secretAccessKey: app.account.rootSecretAccessKey }, maxAttempts: 1 });
  const stored = (count: number) =>
    eventually(async () => {
      const rows = await readJsonLines({ app } as TestServer, 'from_mqtt', 'us-east-1');
      return rows.length >= count && rows;
    }, `${count} MQTT messages stored`);

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'oia-mqtt-'));
    link = await relay();
    config = {
      ...DEFAULTS,
      port: 0,
      dataDir,
      logLevel: 'silent',
      dataPlane: FAST,
      mqtt: {
        url: `mqtt://127.0.0.1:${link.port}`,
        clientId: `oia-test-${id}`,
        routes: [
          { topicFilter: `${topic}/+/telemetry`, channelName: 'devices' },
          { topicFilter: `${topic}/batch`, channelName: 'devices', batchMode: true },
        ],
      },
    };
    await start();
    const client = iota();
    await client.send(new CreateChannelCommand({ channelName: 'devices' }));
    await client.send(new CreateDatastoreCommand({ datastoreName: 'from_mqtt' }));
    await client.send(
      new CreatePipelineCommand({
        pipelineName: 'mqtt_pipeline',
        pipelineActivities: [{ channel: { name: 'in', channelName: 'devices', next: 'out' } }, { datastore: { name: 'out', datastoreName: 'from_mqtt' } }],
      }),
    );
  });
  after(async () => {
    await app.close();
    link.close();
    // Leave no session behind at the shared broker.
    const cleaner = await mqtt.connectAsync(`mqtt://${BROKER.host}:${BROKER.port}`, { clientId: `oia-test-${id}`, clean: true, protocolVersion: 5 });
    await cleaner.endAsync();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores QoS 1 messages published with mosquitto_pub, routed by topic filter', async () => {
    for (const device of ['pump1', 'pump2']) {
      await run('/usr/bin/mosquitto_pub', ['-h', BROKER.host, '-p', String(BROKER.port), '-q', '1', '-t', `${topic}/${device}/telemetry`, '-m', JSON.stringify({ device, temp: 21.5 })]);
    }
    // Not a route: not stored.
    await run('/usr/bin/mosquitto_pub', ['-h', BROKER.host, '-p', String(BROKER.port), '-q', '1', '-t', `${topic}/pump1/status`, '-m', '{"ignored":true}']);
    const rows = await stored(2);
    assert.deepEqual(rows.map((r) => r.device).sort(), ['pump1', 'pump2']);
  });

  it('stores every message a burst of QoS 1 publishes sends, splits batchMode arrays, and refuses invalid payloads', async () => {
    const publisher = await mqtt.connectAsync(`mqtt://${BROKER.host}:${BROKER.port}`, { protocolVersion: 5 });
    await Promise.all(Array.from({ length: 300 }, (_, n) => publisher.publishAsync(`${topic}/burst/telemetry`, JSON.stringify({ n }), { qos: 1 })));
    await publisher.publishAsync(`${topic}/batch`, JSON.stringify([{ b: 1 }, { b: 2 }, { b: 3 }]), { qos: 1 });
    await publisher.publishAsync(`${topic}/bad/telemetry`, JSON.stringify({ 'bad-name': 1 }), { qos: 1 });
    await publisher.endAsync();
    const rows = await stored(2 + 300 + 3);
    assert.deepEqual(rows.filter((r) => r.n !== undefined).map((r) => r.n).sort((a, b) => Number(a) - Number(b)), Array.from({ length: 300 }, (_, n) => n));
    assert.deepEqual(rows.filter((r) => r.b !== undefined).map((r) => r.b).sort(), [1, 2, 3]);
    assert.equal(rows.length, 305);
  });

  it('connects again after the connection drops, and gets what was published meanwhile', async () => {
    link.cut();
    await run('/usr/bin/mosquitto_pub', ['-h', BROKER.host, '-p', String(BROKER.port), '-q', '1', '-t', `${topic}/late/telemetry`, '-m', '{"late":1}']);
    const rows = await stored(306);
    assert.ok(rows.some((r) => r.late === 1));
  });

  it('keeps its session at the broker while the server is down', async () => {
    await app.close();
    await run('/usr/bin/mosquitto_pub', ['-h', BROKER.host, '-p', String(BROKER.port), '-q', '1', '-t', `${topic}/offline/telemetry`, '-m', '{"offline":1}']);
    await start();
    const rows = await stored(307);
    assert.ok(rows.some((r) => r.offline === 1));
  });
});
