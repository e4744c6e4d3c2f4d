// StartPipelineReprocessing and CancelPipelineReprocessing: replaying a
// channel's archive through a pipeline by time range or by archive object,
// with the run's status in DescribePipeline's reprocessingSummaries.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  BatchPutMessageCommand,
  CancelPipelineReprocessingCommand,
  CreateChannelCommand,
  CreateDatastoreCommand,
  CreatePipelineCommand,
  DescribePipelineCommand,
  IoTAnalyticsClient,
  ListPipelinesCommand,
  StartPipelineReprocessingCommand,
} from '@aws-sdk/client-iotanalytics';
import { ManualClock } from '../../src/lib/clock.ts';
import { rejectsWith } from '../support/api-error.ts';
import { fastConfig, json, readDatastore } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { startServer, type TestServer } from '../support/server.ts';

describe('pipeline reprocessing', () => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  const iota = () => new IoTAnalyticsClient({ ...server.clientConfig(), systemClockOffset: clock.now().getTime() - Date.now() });
  const status = async (pipelineName: string, id: string) =>
    (await iota().send(new DescribePipelineCommand({ pipelineName }))).pipeline?.reprocessingSummaries?.find((s) => s.id === id)?.status;
  const objects = () => {
    const out: string[] = [];
    const walk = (dir: string, prefix: string) => {
      if (!existsSync(dir)) return;
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
        else out.push(`${prefix}${e.name}`);
      }
    };
    walk(join(server.dataDir, 'iotanalytics', server.region, 'channel', 'replayed'), 'channel/replayed/');
    return out.sort();
  };

  const stored = (count: number) =>
    eventually(async () => {
      const keys = (await readDatastore(server, 'replay_store')).map((r) => `${r.w}.${r.i}`).sort();
      return keys.length === count && keys;
    }, `${count} rows stored`);

  before(async () => {
    // Lambda failures are retried quickly, and twice before a run FAILS.
    server = await startServer({ clock, config: fastConfig({ dataPlane: { reprocessingAttempts: 2 } }) });
    const client = iota();
    await client.send(new CreateChannelCommand({ channelName: 'replayed' }));
    await client.send(new CreateDatastoreCommand({ datastoreName: 'replay_store' }));
    await client.send(new CreateDatastoreCommand({ datastoreName: 'other_store' }));
    // Three windows of messages before any pipeline exists.
    for (let w = 0; w < 3; w++) {
      await client.send(new BatchPutMessageCommand({ channelName: 'replayed', messages: [0, 1].map((i) => ({ messageId: `w${w}m${i}`, payload: json({ w, i }) })) }));
      clock.advance(30_000);
    }
    await eventually(async () => objects().length === 3, 'three windows archived');
    await client.send(
      new CreatePipelineCommand({
        pipelineName: 'replay',
        pipelineActivities: [{ channel: { name: 'in', channelName: 'replayed', next: 'out' } }, { datastore: { name: 'out', datastoreName: 'replay_store' } }],
      }),
    );
  });
  after(() => server.stop());

  it('a new pipeline sees only new messages; reprocessing a time range replays what arrived in it', async () => {
    const now = clock.now().getTime();
    assert.deepEqual(await readDatastore(server, 'replay_store'), []);
    const started = await iota().send(new StartPipelineReprocessingCommand({ pipelineName: 'replay', startTime: new Date(now - 60_000), endTime: new Date(now - 30_000) }));
    assert.match(started.reprocessingId!, /^[0-9a-f-]{36}$/);
    await eventually(async () => (await status('replay', started.reprocessingId!)) === 'SUCCEEDED', 'the run to succeed');
    // SUCCEEDED: every message is processed; the files follow within the flush interval.
    assert.deepEqual(await stored(2), ['1.0', '1.1']);
  });

  it('replays the archive objects named in channelMessages.s3Paths, and every message with no range', async () => {
    const [first, , third] = objects();
    const byPath = await iota().send(new StartPipelineReprocessingCommand({ pipelineName: 'replay', channelMessages: { s3Paths: [third, first] } }));
    await eventually(async () => (await status('replay', byPath.reprocessingId!)) === 'SUCCEEDED', 'the s3Paths run to succeed');
    assert.deepEqual(await stored(6), ['0.0', '0.1', '1.0', '1.1', '2.0', '2.1']);
    // Not yet archived: the run has it archived first.
    await iota().send(new BatchPutMessageCommand({ channelName: 'replayed', messages: [{ messageId: 'fresh', payload: json({ w: 9, i: 9 }) }] }));
    await eventually(async () => (await readDatastore(server, 'replay_store')).some((r) => r.w === 9), 'the fresh message processed');
    const everything = await iota().send(new StartPipelineReprocessingCommand({ pipelineName: 'replay' }));
    await eventually(async () => (await status('replay', everything.reprocessingId!)) === 'SUCCEEDED', 'the full run to succeed');
    const counts = new Map<string, number>();
    for (const key of await stored(14)) counts.set(key, (counts.get(key) ?? 0) + 1);
    // Reprocessing adds copies, as on AWS: each replayed message once more,
    // 9.9 (still waiting to be archived when the run started) included.
    assert.deepEqual(Object.fromEntries([...counts].sort()), { '0.0': 2, '0.1': 2, '1.0': 2, '1.1': 2, '2.0': 2, '2.1': 2, '9.9': 2 });
    const summaries = (await iota().send(new DescribePipelineCommand({ pipelineName: 'replay' }))).pipeline?.reprocessingSummaries ?? [];
    assert.deepEqual(summaries.map((s) => s.id), [everything.reprocessingId, byPath.reprocessingId, summaries[2].id]);
    assert.ok(summaries.every((s) => s.status === 'SUCCEEDED' && s.creationTime instanceof Date));
    const listed = await iota().send(new ListPipelinesCommand({}));
    assert.equal(listed.pipelineSummaries?.find((p) => p.pipelineName === 'replay')?.reprocessingSummaries?.length, 3);
  });

  it('cancels a run, refuses a second run while one is going, and checks its input', async () => {
    const client = iota();
    // A pipeline whose lambda does not exist never gets through a run.
    await client.send(
      new CreatePipelineCommand({
        pipelineName: 'stuck',
        pipelineActivities: [
          { channel: { name: 'in', channelName: 'replayed', next: 'call' } },
          { lambda: { name: 'call', lambdaName: 'missing', batchSize: 10, next: 'out' } },
          { datastore: { name: 'out', datastoreName: 'other_store' } },
        ],
      }),
    );
    const run = await client.send(new StartPipelineReprocessingCommand({ pipelineName: 'stuck' }));
    await rejectsWith(client.send(new StartPipelineReprocessingCommand({ pipelineName: 'stuck' })), 'ResourceAlreadyExistsException', {
      status: 409,
      message: `The pipeline stuck is already reprocessing (${run.reprocessingId}).`,
    });
    await client.send(new CancelPipelineReprocessingCommand({ pipelineName: 'stuck', reprocessingId: run.reprocessingId }));
    assert.equal(await status('stuck', run.reprocessingId!), 'CANCELLED');
    await rejectsWith(client.send(new CancelPipelineReprocessingCommand({ pipelineName: 'stuck', reprocessingId: run.reprocessingId })), 'InvalidRequestException', {
      status: 400,
      message: `The reprocessing ${run.reprocessingId} is not running; it is CANCELLED.`,
    });
    const failing = await client.send(new StartPipelineReprocessingCommand({ pipelineName: 'stuck' }));
    await eventually(async () => (await status('stuck', failing.reprocessingId!)) === 'FAILED', 'the run to fail after its tries');

    await rejectsWith(
      client.send(new CancelPipelineReprocessingCommand({ pipelineName: 'stuck', reprocessingId: '00000000-0000-0000-0000-000000000000' })),
      'ResourceNotFoundException',
      { status: 404, message: 'A reprocessing with the ID 00000000-0000-0000-0000-000000000000 cannot be found.' },
    );
    await rejectsWith(client.send(new StartPipelineReprocessingCommand({ pipelineName: 'absent' })), 'ResourceNotFoundException', { status: 404 });
    await rejectsWith(
      client.send(new StartPipelineReprocessingCommand({ pipelineName: 'replay', startTime: new Date(), channelMessages: { s3Paths: ['x'] } })),
      'InvalidRequestException',
      { status: 400, message: 'Specify either startTime and endTime, or channelMessages, not both.' },
    );
    await rejectsWith(
      client.send(new StartPipelineReprocessingCommand({ pipelineName: 'replay', channelMessages: { s3Paths: ['channel/replayed/__dt=2020-01-01 00:00:00/nothing.json.gz'] } })),
      'InvalidRequestException',
      { status: 400, message: 'The channel replayed has no object channel/replayed/__dt=2020-01-01 00:00:00/nothing.json.gz.' },
    );
    await rejectsWith(
      client.send(new StartPipelineReprocessingCommand({ pipelineName: 'replay', startTime: new Date(2000), endTime: new Date(1000) })),
      'InvalidRequestException',
      { status: 400, message: 'The startTime must be earlier than the endTime.' },
    );
  });
});
