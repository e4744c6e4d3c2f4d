// The data plane's "done when", through the clients users have: Debian's
// AWS CLI v2.9 creates a channel, a pipeline with filter, math, attribute
// and lambda activities and a Parquet data store; messages arrive with
// `aws iotanalytics batch-put-message` and over MQTT with mosquitto_pub;
// `sample-channel-data` and `run-pipeline-activity` answer; the data
// store's files hold exactly the transformed messages. boto3
// (data_plane_boto3.py) then sends, samples and reprocesses.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { fastConfig, readDatastore } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { startServer, type TestServer } from '../support/server.ts';

const run = promisify(execFile);

describe('the data plane through the AWS CLI, mosquitto_pub and boto3', () => {
  const topic = `oia-acceptance/${process.pid}-${Date.now()}`;
  let server: TestServer;
  const aws = async (args: string[]) => {
    const { stdout } = await run('/usr/bin/aws', ['--endpoint-url', server.url, '--output', 'json', 'iotanalytics', ...args], { env: server.cliEnv() });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  };

  before(async () => {
    server = await startServer({
      config: fastConfig({ mqtt: { url: 'mqtt://127.0.0.1:1883', clientId: `oia-acceptance-${process.pid}-${Date.now()}`, routes: [{ topicFilter: `${topic}/#`, channelName: 'plant' }] } }),
    });
    mkdirSync(join(server.dataDir, 'lambdas'), { recursive: true });
    writeFileSync(join(server.dataDir, 'lambdas', 'label.mjs'), "export default async (events) => events.map((e) => ({ ...e, label: e.tempC > 30 ? 'hot' : 'warm' }));\n");
    await server.app.mqtt!.ready();
  });
  after(async () => {
    await server.stop();
    // Leave no session behind at the shared broker.
    const mqtt = await import('mqtt');
    const cleaner = await mqtt.default.connectAsync('mqtt://127.0.0.1:1883', { clientId: server.app.config.mqtt!.clientId, clean: true, protocolVersion: 5 });
    await cleaner.endAsync();
  });

  it('creates, sends, samples, tests an activity and finds exactly the transformed messages in Parquet files', async () => {
    await aws(['create-channel', '--channel-name', 'plant']);
    await aws(['create-datastore', '--datastore-name', 'plant_store', '--file-format-configuration', '{"parquetConfiguration":{}}']);
    const activities = [
      { channel: { name: 'in', channelName: 'plant', next: 'warm_only' } },
      { filter: { name: 'warm_only', filter: 'temp >= 68', next: 'celsius' } },
      { math: { name: 'celsius', attribute: 'tempC', math: '((temp - 32) * 5.0) / 9.0', next: 'rename' } },
      { addAttributes: { name: 'rename', attributes: { sensor: 'device' }, next: 'tidy' } },
      { removeAttributes: { name: 'tidy', attributes: ['sensor', 'unit'], next: 'label' } },
      { lambda: { name: 'label', lambdaName: 'label', batchSize: 10, next: 'out' } },
      { datastore: { name: 'out', datastoreName: 'plant_store' } },
    ];
    await aws(['create-pipeline', '--pipeline-name', 'plant_pipeline', '--pipeline-activities', JSON.stringify(activities)]);

    const messages = [
      { messageId: 'c1', payload: JSON.stringify({ sensor: 's1', temp: 68, unit: 'F' }) },
      { messageId: 'c2', payload: JSON.stringify({ sensor: 's2', temp: 50, unit: 'F' }) },
      { messageId: 'c3', payload: JSON.stringify({ sensor: 's3', temp: 104, unit: 'F' }) },
    ];
    const file = join(server.dataDir, 'messages.json');
    writeFileSync(file, JSON.stringify(messages));
    const put = await aws(['batch-put-message', '--channel-name', 'plant', '--messages', `file://${file}`, '--cli-binary-format', 'raw-in-base64-out']);
    assert.deepEqual(put, { batchPutMessageErrorEntries: [] });
    await run('/usr/bin/mosquitto_pub', ['-h', '127.0.0.1', '-p', '1883', '-q', '1', '-t', `${topic}/line4`, '-m', JSON.stringify({ sensor: 'm1', temp: 86, unit: 'F' })]);

    const stored = await eventually(async () => {
      const rows = await readDatastore(server, 'plant_store');
      return rows.length === 3 && rows;
    }, 'the three warm messages stored');
    assert.deepEqual(
      stored.map(({ __dt, ...row }) => row).sort((a, b) => String(a.device).localeCompare(String(b.device))),
      [
        { temp: 86, tempC: 30, device: 'm1', label: 'warm' },
        { temp: 68, tempC: 20, device: 's1', label: 'warm' },
        { temp: 104, tempC: 40, device: 's3', label: 'hot' },
      ],
    );
    const files = (await server.app.dataPlane.datastoreFiles(server.region, 'plant_store'))!.files;
    assert.ok(files.every((f) => f.format === 'parquet' && f.key.startsWith('datastore/plant_store/__dt=')));

    const sample = await aws(['sample-channel-data', '--channel-name', 'plant', '--max-messages', '10']);
    const sampled = (sample.payloads as string[]).map((p) => JSON.parse(Buffer.from(p, 'base64').toString()));
    assert.deepEqual(sampled.map((p) => p.sensor).sort(), ['m1', 's1', 's2', 's3']);

    const tested = await aws([
      'run-pipeline-activity',
      '--pipeline-activity',
      JSON.stringify({ math: { name: 'c', attribute: 'tempC', math: '((temp - 32) * 5.0) / 9.0' } }),
      '--payloads',
      JSON.stringify({ humidity: 52, temp: 68 }),
      '--cli-binary-format',
      'raw-in-base64-out',
    ]);
    assert.deepEqual(tested.payloads.map((p: string) => Buffer.from(p, 'base64').toString()), ['{"humidity":52,"temp":68,"tempC":20}']);

    const described = await aws(['describe-datastore', '--datastore-name', 'plant_store', '--include-statistics']);
    assert.ok(described.statistics.size.estimatedSizeInBytes > 0);
    assert.equal(typeof described.datastore.lastMessageArrivalTime, 'string');
  });

  it('sends, samples, tests and reprocesses through boto3', async () => {
    const script = fileURLToPath(new URL('./data_plane_boto3.py', import.meta.url));
    const { stdout } = await run('/usr/bin/python3', [script, server.url, 'plant', 'plant_pipeline'], { env: server.cliEnv() }).catch((error) => {
      throw new Error(`boto3 checks failed:\n${error.stdout}\n${error.stderr}`);
    });
    assert.match(stdout, /boto3 data-plane checks passed/);
    // The boto3 message, and the reprocessed copies of everything warm.
    await eventually(async () => {
      const devices = (await readDatastore(server, 'plant_store')).map((r) => r.via ?? r.device);
      return devices.filter((d) => d === 'boto3').length === 2 && devices.length === 8;
    }, 'the boto3 message and the reprocessed copies stored');
  });
});
