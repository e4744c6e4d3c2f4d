// oia events lookup|download|tail against a real server, over the signed API.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CreateChannelCommand, DescribeChannelCommand } from '@aws-sdk/client-iotanalytics';
import { eventsCommand } from '../../src/cli/events.ts';
import { csvCell } from '../../src/cli/events/format.ts';
import { recordOf } from '../support/cloudtrail.ts';
import { eventually } from '../support/eventually.ts';
import { exec } from '../support/exec.ts';
import { assertAllStoredRecordsValid, assertValidRecord } from '../support/record-schema.ts';
import { startServer, type TestServer } from '../support/server.ts';

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('oia events', () => {
  let server: TestServer;
  const oia = async (...args: string[]) => {
    const out = new Collect();
    const code = await eventsCommand([...args, '--endpoint-url', server.url], { out, env: server.cliEnv() });
    assert.equal(code, 0);
    return out.text;
  };

  before(async () => {
    server = await startServer();
    const iota = server.iotanalytics();
    await iota.send(new CreateChannelCommand({ channelName: 'cli_one' }));
    await iota.send(new CreateChannelCommand({ channelName: 'cli_two' }));
    // A failed call whose claimed access key would be a spreadsheet formula.
    const forged = { accessKeyId: '@SUM(1+1)', secretAccessKey: 'x' };
    const error = await server.iotanalytics({ credentials: forged }).send(new DescribeChannelCommand({ channelName: 'cli_one' })).catch((e) => e);
    await recordOf(server.cloudtrail(), 'DescribeChannel', error.$metadata.requestId);
  });
  after(async () => {
    await assertAllStoredRecordsValid(server.app.database.reader);
    await server.stop();
  });

  it('lookup prints a table with the console columns, newest first', async () => {
    const text = await oia('lookup', '--lookup-attribute', 'Key=EventName,Value=CreateChannel');
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0], /^Event time +User name +Event name +Event source +Resource type +Resource name$/);
    assert.match(lines[1], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +root +CreateChannel +iotanalytics\.amazonaws\.com +AWS::IoTAnalytics::Channel +cli_two$/);
    assert.match(lines[2], /cli_one$/);
    assert.equal(lines.length, 3);
  });

  it('lookup honours --max-results, time bounds and --output json|csv', async () => {
    const json = JSON.parse(await oia('lookup', '--lookup-attribute', 'Key=ReadOnly,Value=false', '--max-results', '1', '--output', 'json'));
    assert.equal(json.Events.length, 1);
    assert.equal(json.Events[0].EventName, 'CreateChannel');
    assertValidRecord(JSON.parse(json.Events[0].CloudTrailEvent));
    const future = await oia('lookup', '--start-time', String(Math.ceil(Date.now() / 1000) + 3600), '--output', 'csv');
    assert.equal(future.split('\r\n').filter(Boolean).length, 1, 'header only');
    const past = JSON.parse(await oia('lookup', '--end-time', '2020-01-01T00:00:00Z', '--output', 'json'));
    assert.deepEqual(past.Events, []);
  });

  it('download writes CSV with the console download columns, safe from formula injection', async () => {
    const text = await oia('download', '--format', 'csv', '--lookup-attribute', 'Key=EventName,Value=DescribeChannel');
    const [header, row] = text.split('\r\n');
    assert.equal(header, 'Event ID,Event time,User name,Event name,Resource type,Resource name,AWS access key,AWS region,Error code,Source IP address,Resources');
    assert.match(row, /,DescribeChannel,,,'@SUM\(1\+1\),us-east-1,UnrecognizedClientException,127\.0\.0\.1,\[\]$/);
  });

  it('download writes JSON as {"Records": [...]}, every event in the range', async () => {
    const now = new Date();
    const { Records } = JSON.parse(await oia('download', '--format', 'json', '--start-time', new Date(now.getTime() - 3_600_000).toISOString(), '--end-time', now.toISOString()));
    assert.ok(Records.length >= 3);
    Records.forEach(assertValidRecord);
    assert.deepEqual(
      Records.filter((r: { eventName: string }) => r.eventName === 'CreateChannel').map((r: { requestParameters: { channelName: string } }) => r.requestParameters.channelName),
      ['cli_two', 'cli_one'],
    );
  });

  it('tail prints new events as they are recorded, not its own LookupEvents calls', async () => {
    // Earlier calls' read-only records may still be on their way (a few ms):
    // start once the event count holds still, so only new calls can show up.
    const count = async () => (await server.app.database.reader.get<{ n: number }>('SELECT COUNT(*) AS n FROM audit_events'))!.n;
    let last = -1;
    await eventually(async () => {
      const now = await count();
      const settled = now === last;
      last = now;
      return settled ? true : undefined;
    }, 'the event count to hold still', { timeoutMs: 5_000, intervalMs: 100 });
    const out = new Collect();
    const stop = new AbortController();
    const tailing = eventsCommand(['tail', '--interval', '50', '--endpoint-url', server.url], { out, env: server.cliEnv(), signal: stop.signal });
    // Let the tail take its starting point, then make calls it must show.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.iotanalytics().send(new CreateChannelCommand({ channelName: 'cli_live' }));
    await server.iotanalytics().send(new DescribeChannelCommand({ channelName: 'cli_live' }));
    await eventually(async () => (out.text.includes('DescribeChannel') ? true : undefined), 'the tail to show DescribeChannel', { timeoutMs: 5_000, intervalMs: 20 });
    stop.abort();
    assert.equal(await tailing, 0);
    const lines = out.text.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => l.split(/ {2}/)[2]), ['CreateChannel', 'DescribeChannel']);
    assert.match(lines[0], /cli_live$/);
  });

  it('runs as `oia events` with the root key of --data-dir', async () => {
    const bin = fileURLToPath(new URL('../../bin/oia.js', import.meta.url));
    const { code, stdout, stderr } = await exec(
      process.execPath,
      [bin, 'events', 'lookup', '--endpoint-url', server.url, '--data-dir', server.dataDir, '--lookup-attribute', 'Key=ResourceName,Value=cli_one', '--output', 'json'],
      { PATH: process.env.PATH },
    );
    assert.equal(code, 0, stderr);
    assert.deepEqual(JSON.parse(stdout).Events.map((e: { EventName: string }) => e.EventName).slice(-1), ['CreateChannel']);
  });
});

describe('CSV cells', () => {
  it('neutralise formulas and quote separators', () => {
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell('@x'), "'@x");
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=a,"b"'), `"'=a,""b"""`);
    assert.equal(csvCell('plain'), 'plain');
  });
});
