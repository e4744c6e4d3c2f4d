// Pipelines running continuously: messages sent with BatchPutMessage go
// through each kind of activity and land in the data store, read back from
// its files with DuckDB. Lambdas are JavaScript modules and an HTTP
// endpoint; enrichment reads the things file; a failing Lambda loses
// nothing.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  BatchPutMessageCommand,
  CreateChannelCommand,
  CreateDatastoreCommand,
  CreatePipelineCommand,
  DescribeDatastoreCommand,
  PutLoggingOptionsCommand,
  UpdatePipelineCommand,
  type PipelineActivity,
} from '@aws-sdk/client-iotanalytics';
import { fastConfig, json, readDatastore } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { startServer, type TestServer } from '../support/server.ts';

const ROLE = 'arn:aws:iam::123456789012:role/enrich';

describe('pipelines process ingested messages into data stores', () => {
  let server: TestServer;
  let endpoint: Server;
  let endpointCalls = 0;
  let seq = 0;

  before(async () => {
    endpoint = createServer((req, res) => {
      endpointCalls++;
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const events = JSON.parse(body) as Record<string, unknown>[];
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(events.map((e) => ({ ...e, viaHttp: true }))));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const { port } = endpoint.address() as AddressInfo;
    server = await startServer({
      config: fastConfig({ lambdas: { functions: { overHttp: `http://127.0.0.1:${port}/invoke` }, timeoutMs: 5000 } }),
    });
    const lambdas = join(server.dataDir, 'lambdas');
    mkdirSync(lambdas, { recursive: true });
    writeFileSync(join(lambdas, 'fahrenheit.mjs'), 'export default async (events) => events.map((e) => ({ ...e, tempF: e.temp * 9 / 5 + 32 }));\n');
    // Records the size of every batch it gets, to check batchSize.
    writeFileSync(
      join(lambdas, 'batches.mjs'),
      `import { appendFileSync } from 'node:fs';\nexport const handler = async (events) => { appendFileSync(${JSON.stringify(join(server.dataDir, 'batches.log'))}, events.length + '\\n'); return events; };\n`,
    );
    writeFileSync(
      join(server.dataDir, 'things.json'),
      JSON.stringify({ things: { pump1: { thingTypeName: 'pump', attributes: { site: 'berlin' }, version: 2 } }, shadows: { pump1: { state: { reported: { rpm: 1200 } } } } }),
    );
  });
  after(async () => {
    await server.stop();
    endpoint.close();
  });

  /** A channel, a data store and a pipeline between them running `activities`; returns a sender. */
  async function pipeline(name: string, activities: PipelineActivity[], datastore: Omit<ConstructorParameters<typeof CreateDatastoreCommand>[0], 'datastoreName'> = {}) {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: `${name}_in` }));
    await client.send(new CreateDatastoreCommand({ datastoreName: `${name}_store`, ...datastore }));
    const chain: PipelineActivity[] = [{ channel: { name: 'from', channelName: `${name}_in`, next: firstName(activities) ?? 'to' } }, ...activities, { datastore: { name: 'to', datastoreName: `${name}_store` } }];
    await client.send(new CreatePipelineCommand({ pipelineName: name, pipelineActivities: chain }));
    return async (payloads: unknown[]) => {
      const answer = await client.send(
        new BatchPutMessageCommand({ channelName: `${name}_in`, messages: payloads.map((p) => ({ messageId: String(++seq), payload: typeof p === 'string' ? new TextEncoder().encode(p) : json(p) })) }),
      );
      assert.deepEqual(answer.batchPutMessageErrorEntries, []);
    };
  }

  const firstName = (activities: PipelineActivity[]) => {
    const first = activities[0];
    return first && (Object.values(first).find((v) => v) as { name: string }).name;
  };

  /** The data store's rows once it holds `count` of them, without the partition column. */
  async function rows(name: string, count: number) {
    const stored = await eventually(async () => {
      const all = await readDatastore(server, `${name}_store`);
      return all.length >= count && all;
    }, `${count} rows in ${name}_store`);
    assert.equal(stored.length, count, `more rows than expected in ${name}_store`);
    return stored.map(({ __dt, ...row }) => row);
  }

  it('filter, math, addAttributes, removeAttributes and selectAttributes, in next order', async () => {
    const send = await pipeline('chain', [
      { selectAttributes: { name: 'pick', attributes: ['device.id', 'device.temp', 'device.coord', 'hum'], next: 'hot' } },
      { filter: { name: 'hot', filter: 'temp > 40 AND hum < 20', next: 'celsius' } },
      { math: { name: 'celsius', attribute: 'tempC', math: '((temp - 32) * 5.0) / 9.0', next: 'promote' } },
      { addAttributes: { name: 'promote', attributes: { 'coord[0]': 'lat', 'coord[1]': 'lon' }, next: 'tidy' } },
      { removeAttributes: { name: 'tidy', attributes: ['coord'], next: 'to' } },
    ]);
    await send([
      { device: { id: 'a', temp: 68, coord: [52.5, 13.4] }, hum: 10, noise: 1 },
      { device: { id: 'b', temp: 30, coord: [1, 2] }, hum: 10 },
      { device: { id: 'c', temp: 104, coord: [3, 4] }, hum: 50 },
      { device: { id: 'd', temp: 212, coord: [5.5, 6.5] }, hum: 1 },
    ]);
    const stored = await rows('chain', 2);
    assert.deepEqual(
      stored.sort((x, y) => String(x.id).localeCompare(String(y.id))),
      [
        { id: 'a', temp: 68, hum: 10, tempC: 20, lat: 52.5, lon: 13.4 },
        { id: 'd', temp: 212, hum: 1, tempC: 100, lat: 5.5, lon: 6.5 },
      ],
    );
  });

  it('lambda: a module in the lambda folder and an HTTP endpoint, batchSize messages per call', async () => {
    const send = await pipeline('lambdas', [
      { lambda: { name: 'count', lambdaName: 'batches', batchSize: 3, next: 'convert' } },
      { lambda: { name: 'convert', lambdaName: 'fahrenheit', batchSize: 10, next: 'remote' } },
      { lambda: { name: 'remote', lambdaName: 'overHttp', batchSize: 10, next: 'to' } },
    ]);
    const callsBefore = endpointCalls;
    await send([{ temp: 0 }, { temp: 100 }, { temp: 20 }, { temp: -40 }, { temp: 37 }, { temp: 10 }, { temp: 30 }]);
    const stored = await rows('lambdas', 7);
    assert.deepEqual(stored.map((r) => r.tempF).sort((a, b) => Number(a) - Number(b)), [-40, 50, 68, 86, 98.6, 212, 32].sort((a, b) => a - b));
    assert.ok(stored.every((r) => r.viaHttp === true));
    assert.ok(endpointCalls > callsBefore);
    const sizes = readFileSync(join(server.dataDir, 'batches.log'), 'utf8').trim().split('\n').map(Number);
    assert.ok(sizes.every((n) => n <= 3), `batch sizes ${sizes}`);
    assert.equal(sizes.reduce((a, b) => a + b, 0), 7);
  });

  it('deviceRegistryEnrich and deviceShadowEnrich read the things file', async () => {
    const send = await pipeline(
      'enrich',
      [
        { deviceRegistryEnrich: { name: 'registry', attribute: 'thing', thingName: 'device', roleArn: ROLE, next: 'shadow' } },
        { deviceShadowEnrich: { name: 'shadow', attribute: 'state', thingName: 'device', roleArn: ROLE, next: 'to' } },
      ],
      { fileFormatConfiguration: { jsonConfiguration: {} } },
    );
    await send([{ device: 'pump1', flow: 3 }, { device: 'unknown', flow: 4 }]);
    const stored = await rows('enrich', 2);
    const pump = stored.find((r) => r.device === 'pump1')!;
    assert.equal((pump.thing as any).thingTypeName, 'pump');
    assert.deepEqual((pump.thing as any).attributes, { site: 'berlin' });
    assert.equal((pump.thing as any).thingArn, `arn:aws:iot:us-east-1:${server.app.account.accountId}:thing/pump1`);
    assert.deepEqual(pump.state, { state: { reported: { rpm: 1200 } } });
    assert.equal(stored.find((r) => r.device === 'unknown')!.thing, undefined);
  });

  it('drops payloads that are not JSON objects unless the first activity is a lambda', async () => {
    const send = await pipeline('raw', []);
    await send(['not json', { kept: 1 }, '[1,2]']);
    assert.deepEqual(await rows('raw', 1), [{ kept: 1 }]);
  });

  it('keeps the batch while a Lambda fails, reports it in the log, and stores every message once when it works again', async () => {
    const client = server.iotanalytics();
    await client.send(new PutLoggingOptionsCommand({ loggingOptions: { roleArn: ROLE, level: 'ERROR', enabled: true } }));
    const module = join(server.dataDir, 'lambdas', 'flaky.mjs');
    writeFileSync(module, "export default async () => { throw new Error('database is down'); };\n");
    const send = await pipeline('flaky', [{ lambda: { name: 'call', lambdaName: 'flaky', batchSize: 5, next: 'to' } }]);
    await send(Array.from({ length: 12 }, (_, i) => ({ n: i })));
    const logFile = join(server.dataDir, 'logs', 'iotanalytics.log');
    const entry = await eventually(async () => {
      if (!existsSync(logFile)) return undefined;
      return readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.pipelineName === 'flaky');
    }, 'the failure in the pipeline log');
    assert.equal(entry.level, 'ERROR');
    assert.equal(entry.errorCode, 'LAMBDA_FAILURE');
    assert.equal(entry.activityName, 'call');
    assert.equal(entry.message, 'Lambda function flaky failed: database is down');
    assert.equal((await readDatastore(server, 'flaky_store')).length, 0);
    // Fixed (a new file: modules are loaded again when they change).
    writeFileSync(module, 'export default async (events) => events.map((e) => ({ ...e, ok: true }));\n// fixed\n');
    const stored = await rows('flaky', 12);
    assert.deepEqual(stored.map((r) => r.n).sort((a, b) => Number(a) - Number(b)), Array.from({ length: 12 }, (_, i) => i));
    assert.ok(stored.every((r) => r.ok === true));
  });

  it('follows an UpdatePipeline: later messages go through the new activities', async () => {
    const client = server.iotanalytics();
    const send = await pipeline('evolving', []);
    await send([{ v: 1 }]);
    await rows('evolving', 1);
    await client.send(
      new UpdatePipelineCommand({
        pipelineName: 'evolving',
        pipelineActivities: [
          { channel: { name: 'from', channelName: 'evolving_in', next: 'double' } },
          { math: { name: 'double', attribute: 'twice', math: 'v * 2', next: 'to' } },
          { datastore: { name: 'to', datastoreName: 'evolving_store' } },
        ],
      }),
    );
    await send([{ v: 5 }]);
    const stored = await rows('evolving', 2);
    assert.deepEqual(stored.find((r) => r.v === 5), { v: 5, twice: 10 });
    const described = await client.send(new DescribeDatastoreCommand({ datastoreName: 'evolving_store', includeStatistics: true }));
    assert.ok(described.datastore?.lastMessageArrivalTime instanceof Date);
    assert.ok((described.statistics?.size?.estimatedSizeInBytes ?? 0) > 0);
  });
});
