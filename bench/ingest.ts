// ingest: messages per second from ingestion until they are stored in a data
// store's files, and how long acknowledgements take; through BatchPutMessage
// and through MQTT.
//
// The server (the whole stack, default configuration) runs in a child
// process; the load runs in this one. The channel feeds a pipeline of four
// activities (filter, math, addAttributes, removeAttributes) into a Parquet
// data store. "Stored" means counted in the data store's file index, i.e.
// in Parquet files a dataset could query.
//
// HTTP: BatchPutMessage calls of 100 messages of about 200 bytes, signed once
// by the SDK's signer and replayed over keep-alive connections (the server
// verifies every signature); latency is from sending a call to its answer.
// MQTT: QoS 1 publishes through Mosquitto; latency is from publishing to
// the moment the server committed the message (its PUBACK follows), read
// from the channel's archive, which records each message's arrival.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateChannelCommand, CreateDatastoreCommand, CreatePipelineCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { SignatureV4 } from '@smithy/signature-v4';
import { measuredOn, writeBenchmarkSection } from './support/benchmarks-doc.ts';
import { cpuMs, startServer, type Started } from './support/measure.ts';
import { runLoad } from './support/load.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const MQTT_MESSAGES = Number(process.env.BENCH_MQTT_MESSAGES ?? 200_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const LATENCY_CONNECTIONS = 4;
const GOAL = 100_000;
const TOPIC = `oia-bench/${process.pid}`;

function payload(i: number): string {
  return JSON.stringify({
    deviceId: `sensor-${String(i % 1000).padStart(4, '0')}`,
    temp: 20 + (i % 150) / 10,
    humidity: 40 + (i % 300) / 10,
    pressure: 1013.25,
    battery: 87,
    status: 'ok',
    site: 'berlin-02',
    location: { lat: 52.520008, lon: 13.404954 },
    ts: 1732450000123 + i,
    seq: i,
    firmware: '2.4.1-rc3',
  });
}

async function setUp(server: Started): Promise<void> {
  const client = new IoTAnalyticsClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey } });
  await client.send(new CreateChannelCommand({ channelName: 'bench' }));
  await client.send(new CreateDatastoreCommand({ datastoreName: 'bench_store', fileFormatConfiguration: { parquetConfiguration: {} } }));
  await client.send(
    new CreatePipelineCommand({
      pipelineName: 'bench_pipeline',
      pipelineActivities: [
        { channel: { name: 'in', channelName: 'bench', next: 'keep' } },
        { filter: { name: 'keep', filter: 'temp > -100', next: 'fahrenheit' } },
        { math: { name: 'fahrenheit', attribute: 'tempF', math: 'temp * 9 / 5 + 32', next: 'rename' } },
        { addAttributes: { name: 'rename', attributes: { deviceId: 'device' }, next: 'drop' } },
        { removeAttributes: { name: 'drop', attributes: ['status'], next: 'out' } },
        { datastore: { name: 'out', datastoreName: 'bench_store' } },
      ],
    }),
  );
  client.destroy();
}

async function signedBatch(server: Started, variant: number): Promise<Buffer> {
  const url = new URL(server.url);
  const messages = Array.from({ length: 100 }, (_, i) => ({ messageId: `m${variant}-${i}`, payload: Buffer.from(payload(variant * 100 + i)).toString('base64') }));
  const body = JSON.stringify({ channelName: 'bench', messages });
  const signer = new SignatureV4({ credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }, region: 'us-east-1', service: 'iotanalytics', sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/messages/batch',
    headers: { host: url.host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  const head = ['POST /messages/batch HTTP/1.1', ...Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`), 'connection: keep-alive'].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), Buffer.from(body)]);
}

/** Reads the server's database (read-only) for what its data store holds and what its channel archived. */
function inspect(server: Started) {
  const db = new Database(join(server.dataDir!, 'oia.db'), { readonly: true });
  return {
    stored: () => (db.prepare('SELECT COALESCE(SUM(rows), 0) AS n FROM iota_datastore_files').get() as { n: number }).n,
    archiveKeys: () => (db.prepare('SELECT key FROM iota_channel_objects ORDER BY first_seq').all() as { key: string }[]).map((r) => r.key),
    fullyArchived: () => (db.prepare("SELECT (SELECT archived_upto FROM iota_channel_state) >= (SELECT seq FROM sqlite_sequence WHERE name = 'iota_channel_batches') AS done").get() as { done: number }).done === 1,
    close: () => db.close(),
  };
}

/** Polls until `done`; a broker that dropped messages (or a stuck server) ends the benchmark instead of hanging it. */
const waitFor = async (done: () => boolean, what = 'every message stored', timeoutMs = 300_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

interface Figures {
  messages: number;
  acknowledgedPerSecond: number;
  storedPerSecond: number;
  p50: number;
  p99: number;
  cpuPerMessageUs?: number;
}

async function httpPath(): Promise<{ throughput: Figures; light: Figures }> {
  const server = await startServer('oia');
  try {
    await setUp(server);
    const requests = await Promise.all(Array.from({ length: 16 }, (_, v) => signedBatch(server, v)));
    const db = inspect(server);
    let sent = 0;
    const run = async (messages: number, connections: number): Promise<Figures> => {
      const before = sent;
      const cpu0 = cpuMs(server.child.pid!);
      const t0 = process.hrtime.bigint();
      const load = await runLoad(server.url, requests, { connections, seconds: 3600, maxRequests: messages / 100, recordLatency: true });
      const other = Object.keys(load.statuses).filter((s) => s !== '200');
      if (other.length > 0) throw new Error(`BatchPutMessage answered ${JSON.stringify(load.statuses)}`);
      const acked = Number(process.hrtime.bigint() - t0) / 1e9;
      sent = before + load.requests * 100;
      await waitFor(() => db.stored() >= sent);
      const storedSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpu0n = cpu0 === undefined ? undefined : cpuMs(server.child.pid!)! - cpu0;
      const latencies = load.latencies!.sort((a, b) => a - b);
      return {
        messages: load.requests * 100,
        acknowledgedPerSecond: (load.requests * 100) / acked,
        storedPerSecond: (load.requests * 100) / storedSeconds,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        cpuPerMessageUs: cpu0n === undefined ? undefined : (cpu0n * 1000) / (load.requests * 100),
      };
    };
    await run(200_000, CONNECTIONS); // warm-up
    const throughput = await run(MESSAGES, CONNECTIONS);
    const light = await run(MESSAGES / 10, LATENCY_CONNECTIONS);
    db.close();
    return { throughput, light };
  } finally {
    server.child.kill('SIGTERM');
  }
}

/**
 * A Mosquitto of our own: a broker's default queue for a subscriber that is
 * behind (max_queued_messages 1000) would drop messages of a burst before
 * the server sees them, which measures the broker's configuration.
 */
async function startBroker(): Promise<{ url: string; stop(): void }> {
  const free = createServer();
  await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
  const port = (free.address() as { port: number }).port;
  await new Promise((resolve) => free.close(resolve));
  const dir = mkdtempSync(join(tmpdir(), 'oia-bench-broker-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 0\n`);
  const broker = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      await (await mqtt.connectAsync(url, { reconnectPeriod: 0 })).endAsync();
      break;
    } catch (error) {
      if (tries > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, stop: () => (broker.kill('SIGTERM'), rmSync(dir, { recursive: true, force: true })) };
}

async function mqttPath(): Promise<{ throughput: Figures; light: Figures }> {
  const broker = await startBroker();
  const brokerUrl = broker.url;
  const server = await startServer('oia', { mqtt: { url: brokerUrl, clientId: `oia-bench-${process.pid}`, routes: [{ topicFilter: `${TOPIC}/#`, channelName: 'bench' }] } });
  const publishers = await Promise.all(Array.from({ length: 4 }, () => mqtt.connectAsync(brokerUrl, { protocolVersion: 5 })));
  try {
    await setUp(server);
    const db = inspect(server);
    // The server subscribes when it starts; give its subscription a moment to reach the broker.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const published = new Map<number, number>();
    let next = 0;
    // Each publisher keeps `window` QoS 1 messages in flight (the broker acknowledges them).
    const phase = async (count: number, clients: typeof publishers, window: number) => {
      const first = next;
      const cpu0 = cpuMs(server.child.pid!);
      const t0 = process.hrtime.bigint();
      await Promise.all(
        clients.map(async (client) => {
          const inFlight = new Set<Promise<unknown>>();
          while (next < first + count) {
            const i = next++;
            published.set(i, Date.now());
            const sending = client.publishAsync(`${TOPIC}/line${i % 8}`, payload(i), { qos: 1 });
            inFlight.add(sending);
            void sending.finally(() => inFlight.delete(sending));
            if (inFlight.size >= window) await Promise.race(inFlight);
          }
          await Promise.all(inFlight);
        }),
      );
      await waitFor(() => db.stored() >= next);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpu = cpu0 === undefined ? undefined : cpuMs(server.child.pid!)! - cpu0;
      return { first, count, seconds, cpu };
    };
    const busy = await phase(MQTT_MESSAGES, publishers, 500);
    const quiet = await phase(MQTT_MESSAGES / 10, publishers.slice(0, 1), 10);
    // Latency: from publishing to the server's commit (the arrival the archive records).
    await waitFor(() => db.fullyArchived());
    const arrivals = new Map<number, number>();
    for (const key of db.archiveKeys()) {
      const lines = gunzipSync(readFileSync(join(server.dataDir!, 'iotanalytics', 'us-east-1', key))).toString('utf8').split('\n');
      for (const line of lines) {
        if (!line) continue;
        const record = JSON.parse(line) as { receivedAt: number; payload: string };
        arrivals.set((JSON.parse(Buffer.from(record.payload, 'base64').toString()) as { seq: number }).seq, record.receivedAt);
      }
    }
    db.close();
    const figures = ({ first, count, seconds, cpu }: Awaited<ReturnType<typeof phase>>): Figures => {
      const latencies: number[] = [];
      let lastArrival = 0;
      for (let seq = first; seq < first + count; seq++) {
        latencies.push(arrivals.get(seq)! - published.get(seq)!);
        lastArrival = Math.max(lastArrival, arrivals.get(seq)!);
      }
      latencies.sort((a, b) => a - b);
      return {
        messages: count,
        acknowledgedPerSecond: count / ((lastArrival - published.get(first)!) / 1000),
        storedPerSecond: count / seconds,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        cpuPerMessageUs: cpu === undefined ? undefined : (cpu * 1000) / count,
      };
    };
    return { throughput: figures(busy), light: figures(quiet) };
  } finally {
    await Promise.all(publishers.map((p) => p.endAsync()));
    server.child.kill('SIGTERM');
    broker.stop();
  }
}

const http = await httpPath();
process.stdout.write(`http: ${JSON.stringify(http)}\n`);
const overMqtt = await mqttPath();
process.stdout.write(`mqtt: ${JSON.stringify(overMqtt)}\n`);

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => `${x.toFixed(1)} ms`;
const cpu = (f: Figures) => (f.cpuPerMessageUs === undefined ? 'n/a' : `${f.cpuPerMessageUs.toFixed(1)} µs`);
const row = (label: string, f: Figures) => `| ${label} | ${n(f.messages)} | ${n(f.acknowledgedPerSecond)} | **${n(f.storedPerSecond)}** | ${ms(f.p50)} | ${ms(f.p99)} | ${cpu(f)} |`;
writeBenchmarkSection(
  'ingest',
  [
    measuredOn(),
    '',
    '| Path | Messages | Acknowledged per second | Stored per second (end to end) | Ack p50 | Ack p99 | Server CPU per message |',
    '|---|---|---|---|---|---|---|',
    row(`BatchPutMessage, ${CONNECTIONS} connections`, http.throughput),
    row(`BatchPutMessage, ${LATENCY_CONNECTIONS} connections`, http.light),
    row('MQTT QoS 1 through Mosquitto, 4 publishers', overMqtt.throughput),
    row('MQTT QoS 1 through Mosquitto, 1 publisher, 10 in flight', overMqtt.light),
    '',
    `Goal: ${n(GOAL)} messages per second stored, p99 acknowledgement under 50 ms. Stored per second is the number of messages over the time from`,
    'the first call until the last message is counted in the data store\'s Parquet files (queryable); for the short runs under lighter load it is',
    'mostly the time files take to follow (the flush interval), not a rate the server is limited to.',
    '',
    'Method: `npm run bench -- ingest`. One server (default configuration) in a child process; a channel, a pipeline of four activities',
    '(filter `temp > -100`, math `tempF = temp * 9 / 5 + 32`, addAttributes, removeAttributes) and a Parquet data store. BatchPutMessage:',
    `calls of 100 messages of about 200 bytes, signed once with the SDK's signer and replayed by \`bench/support/load.ts\` over keep-alive`,
    `connections (one call in flight on each), ${n(MESSAGES)} messages after a 200,000-message warm-up, then ${n(MESSAGES / 10)} more over`,
    `${LATENCY_CONNECTIONS} connections for the latency under lighter load. MQTT: ${n(MQTT_MESSAGES)} QoS 1 publishes from 4 \`mqtt\` clients (500 in`,
    `flight each), then ${n(MQTT_MESSAGES / 10)} from one client with 10 in flight, through a Mosquitto 2.0 broker started for the run (no limit on`,
    'the messages it queues for a subscriber: the default of 1,000 drops a burst\'s messages before the server sees them); the server acknowledges each to the broker',
    'after its commit; latency is from publishing to that commit, taken from the arrival time the channel archive records. The load',
    'generators and the broker share the machine\'s two cores with the server. Server CPU is all its threads (main, data-plane thread,',
    'DuckDB, libuv) from /proc.',
  ].join('\n'),
);
