// No committed change without its record, even when the server is killed:
// `oia serve` runs as a child process, concurrent CreateChannel calls stream
// in, the process gets SIGKILL mid-way, and after a restart on the same data
// directory every channel that exists has its CreateChannel record (and every
// successful CreateChannel record has its channel).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateChannelCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import type { CloudTrailRecord } from '../../src/audit/record.ts';
import { serveChild } from '../support/child-server.ts';
import { assertValidRecord } from '../support/record-schema.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'oia-crash-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const serve = () => serveChild(dataDir, { quotas: { channels: 100_000 } }, 'silent');

it('keeps every committed channel together with its CreateChannel record across kill -9', async () => {
  const first = await serve();
  const iota = new IoTAnalyticsClient(first.clientConfig());
  const exited = new Promise((resolve) => first.child.once('exit', resolve));

  let succeeded = 0;
  let cutOff = 0;
  const worker = async (w: number) => {
    for (let i = 0; ; i++) {
      try {
        await iota.send(new CreateChannelCommand({ channelName: `crash_${w}_${i}` }));
        if (++succeeded === 120) first.child.kill('SIGKILL');
      } catch {
        cutOff++; // the connection died with the server
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
  await exited;
  assert.ok(succeeded >= 120 && cutOff === 8);

  const second = await serve();
  try {
    const db = new BetterSqlite3(join(dataDir, 'oia.db'), { readonly: true });
    const channels = new Set(db.prepare("SELECT name FROM iota_resources WHERE kind = 'channel'").all().map((r) => (r as { name: string }).name));
    const records = db.prepare("SELECT record FROM audit_events WHERE json_extract(record, '$.eventName') = 'CreateChannel'").all().map((r) => JSON.parse((r as { record: string }).record) as CloudTrailRecord);
    db.close();
    records.forEach(assertValidRecord);
    const recorded = new Set(records.filter((r) => !r.errorCode).map((r) => r.requestParameters!.channelName as string));
    assert.ok(channels.size >= 120, `${channels.size} channels`);
    assert.deepEqual([...channels].filter((name) => !recorded.has(name)), [], 'channels without a record');
    assert.deepEqual([...recorded].filter((name) => !channels.has(name)), [], 'records without a channel');

    // The same, through the API, for a sample.
    const ct = new CloudTrailClient(second.clientConfig());
    for (const name of [...channels].slice(0, 10)) {
      const { Events } = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: name }] }));
      assert.deepEqual(Events!.map((e) => e.EventName), ['CreateChannel']);
    }
  } finally {
    await second.stop();
  }
});
