import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateChannelCommand,
  CreateDatastoreCommand,
  CreatePipelineCommand,
  DeleteChannelCommand,
  DeletePipelineCommand,
  DescribePipelineCommand,
  ListPipelinesCommand,
  UpdatePipelineCommand,
  type PipelineActivity,
} from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { startServer, type TestServer } from '../support/server.ts';

const channel = (next?: string): PipelineActivity => ({ channel: { name: 'in', channelName: 'src', next } });
const datastore: PipelineActivity = { datastore: { name: 'out', datastoreName: 'dst' } };
const math = (name: string, next?: string): PipelineActivity => ({ math: { name, attribute: 'tempC', math: '(temp - 32) * 5 / 9', next } });

describe('pipelines through @aws-sdk/client-iotanalytics', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'src' }));
    await client.send(new CreateDatastoreCommand({ datastoreName: 'dst' }));
  });
  after(() => server.stop());

  it('creates a pipeline whose activities are listed out of order, as in AWS\'s CLI example', async () => {
    const client = server.iotanalytics();
    const activities = [channel('conv'), datastore, math('conv', 'out')];
    const created = await client.send(new CreatePipelineCommand({ pipelineName: 'p1', pipelineActivities: activities }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.pipelineArn, `arn:aws:iotanalytics:us-east-1:${server.app.account.accountId}:pipeline/p1`);
    const { pipeline } = await client.send(new DescribePipelineCommand({ pipelineName: 'p1' }));
    assert.equal(pipeline?.name, 'p1');
    assert.equal(pipeline?.arn, created.pipelineArn);
    assert.deepEqual(pipeline?.activities, activities);
    assert.deepEqual(pipeline?.reprocessingSummaries, []);
    assert.ok(pipeline?.creationTime instanceof Date);
  });

  it('validates the activity graph and the expressions with the pipeline engine', async () => {
    const client = server.iotanalytics();
    const cases: [PipelineActivity[], string | RegExp][] = [
      [[channel('out')], 'A pipeline must have exactly one datastore activity; found 0'],
      [[channel('out'), datastore, { channel: { name: 'in2', channelName: 'src', next: 'out' } }], 'A pipeline must have exactly one channel activity; found 2'],
      [[channel('out'), datastore, { datastore: { name: 'out2', datastoreName: 'dst' } }], 'A pipeline must have exactly one datastore activity; found 2'],
      [[channel('a'), math('a', 'out'), math('a', 'out'), datastore], 'Activity names must be unique; a is used twice'],
      [[channel('missing'), datastore], 'Activity in names next activity missing, which does not exist'],
      [[channel('a'), math('a'), datastore], 'Activity a has no next activity, so the chain never reaches the datastore activity'],
      [[channel('a'), math('a', 'b'), math('b', 'a'), datastore], 'The activities form a cycle at a'],
      [[channel('out'), math('stray', 'out'), datastore], 'Activity stray is not on the chain from the channel activity to the datastore activity'],
      [[channel('out'), datastore, { math: { name: 'two', attribute: 'a', math: '1', next: 'out' }, filter: { name: 'two', filter: 'a > 1' } }], /^A pipeline activity must contain exactly one of .*; found filter, math$/],
      [[channel('f'), { filter: { name: 'f', filter: 'temp >', next: 'out' } }, datastore], 'Invalid filter expression in activity f: Expected an operand but found the end of the expression at position 7'],
    ];
    for (const [pipelineActivities, message] of cases) {
      await rejectsWith(client.send(new CreatePipelineCommand({ pipelineName: 'bad', pipelineActivities })), 'InvalidRequestException', { status: 400, message });
    }
    await rejectsWith(client.send(new DescribePipelineCommand({ pipelineName: 'bad' })), 'ResourceNotFoundException', { status: 404 });
  });

  it('caps activities at 25 (model validation)', async () => {
    const middle = Array.from({ length: 24 }, (_, i) => math(`m${i}`, i === 23 ? 'out' : `m${i + 1}`));
    await rejectsWith(
      server.iotanalytics().send(new CreatePipelineCommand({ pipelineName: 'big', pipelineActivities: [channel('m0'), ...middle, datastore] })),
      'InvalidRequestException',
      { status: 400, message: /at 'pipelineActivities' failed to satisfy constraint: Member must have length less than or equal to 25/ },
    );
  });

  it('requires the channel and data store to exist', async () => {
    const client = server.iotanalytics();
    await rejectsWith(
      client.send(new CreatePipelineCommand({ pipelineName: 'orphan', pipelineActivities: [{ channel: { name: 'in', channelName: 'nochan', next: 'out' } }, datastore] })),
      'ResourceNotFoundException',
      { status: 404, message: "The channel nochan named by activity 'in' cannot be found." },
    );
    await rejectsWith(
      client.send(new CreatePipelineCommand({ pipelineName: 'orphan', pipelineActivities: [channel('out'), { datastore: { name: 'out', datastoreName: 'nods' } }] })),
      'ResourceNotFoundException',
      { status: 404, message: "The data store nods named by activity 'out' cannot be found." },
    );
  });

  it('replaces the activities on update and keeps the creation time', async () => {
    const client = server.iotanalytics();
    await client.send(new CreatePipelineCommand({ pipelineName: 'p2', pipelineActivities: [channel('out'), datastore] }));
    const before = await client.send(new DescribePipelineCommand({ pipelineName: 'p2' }));
    const activities = [channel('f'), { filter: { name: 'f', filter: 'temp > 0', next: 'out' } }, datastore];
    const updated = await client.send(new UpdatePipelineCommand({ pipelineName: 'p2', pipelineActivities: activities }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    const after = await client.send(new DescribePipelineCommand({ pipelineName: 'p2' }));
    assert.deepEqual(after.pipeline?.activities, activities);
    assert.equal(after.pipeline?.creationTime?.getTime(), before.pipeline?.creationTime?.getTime());
    await rejectsWith(client.send(new UpdatePipelineCommand({ pipelineName: 'p2', pipelineActivities: [channel('out')] })), 'InvalidRequestException', { status: 400 });
    await rejectsWith(client.send(new UpdatePipelineCommand({ pipelineName: 'nope', pipelineActivities: activities })), 'ResourceNotFoundException', {
      status: 404,
      message: 'A resource with the name nope cannot be found.',
    });
  });

  it('lets a channel be deleted while a pipeline reads it, as AWS did', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'temp' }));
    await client.send(new CreatePipelineCommand({ pipelineName: 'p3', pipelineActivities: [{ channel: { name: 'in', channelName: 'temp', next: 'out' } }, datastore] }));
    await client.send(new DeleteChannelCommand({ channelName: 'temp' }));
    const { pipeline } = await client.send(new DescribePipelineCommand({ pipelineName: 'p3' }));
    assert.equal(pipeline?.activities?.[0].channel?.channelName, 'temp');
  });

  it('lists summaries, answers duplicates, deletes', async () => {
    const client = server.iotanalytics();
    const { pipelineSummaries } = await client.send(new ListPipelinesCommand({}));
    const summary = pipelineSummaries?.find((s) => s.pipelineName === 'p1');
    assert.deepEqual(Object.keys(summary!).sort(), ['creationTime', 'lastUpdateTime', 'pipelineName', 'reprocessingSummaries']);
    const error = await rejectsWith(client.send(new CreatePipelineCommand({ pipelineName: 'p1', pipelineActivities: [channel('out'), datastore] })), 'ResourceAlreadyExistsException', {
      status: 409,
      message: 'A pipeline named p1 already exists.',
    });
    assert.equal(error.resourceId, 'p1');
    assert.equal((await client.send(new DeletePipelineCommand({ pipelineName: 'p1' }))).$metadata.httpStatusCode, 204);
    await rejectsWith(client.send(new DeletePipelineCommand({ pipelineName: 'p1' })), 'ResourceNotFoundException', { status: 404 });
  });
});
