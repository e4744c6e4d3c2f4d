import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateChannelCommand,
  CreateDatasetCommand,
  CreateDatastoreCommand,
  CreatePipelineCommand,
  ListChannelsCommand,
  ListDatasetsCommand,
  ListDatastoresCommand,
  ListPipelinesCommand,
  paginateListChannels,
  paginateListDatasets,
  paginateListDatastores,
  paginateListPipelines,
} from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { startServer, type TestServer } from '../support/server.ts';

const NAMES = Array.from({ length: 7 }, (_, i) => `r${i}`);

describe('pagination of List* through @aws-sdk/client-iotanalytics', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'src' }));
    await client.send(new CreateDatastoreCommand({ datastoreName: 'dst' }));
    for (const name of NAMES) {
      await client.send(new CreateChannelCommand({ channelName: name }));
      await client.send(new CreateDatastoreCommand({ datastoreName: name }));
      await client.send(new CreatePipelineCommand({
        pipelineName: name,
        pipelineActivities: [{ channel: { name: 'in', channelName: 'src', next: 'out' } }, { datastore: { name: 'out', datastoreName: 'dst' } }],
      }));
      await client.send(new CreateDatasetCommand({ datasetName: name, actions: [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT 1' } }] }));
    }
  });
  after(() => server.stop());

  it('pages through every kind with the SDK paginators, in name order', async () => {
    const client = server.iotanalytics();
    const collect = async <P>(pages: AsyncIterable<P>, pick: (page: P) => (string | undefined)[]) => {
      const names: (string | undefined)[] = [];
      let count = 0;
      for await (const page of pages) {
        names.push(...pick(page));
        count++;
      }
      return { names, count };
    };
    const config = { client, pageSize: 3 };
    const channels = await collect(paginateListChannels(config, {}), (p) => p.channelSummaries!.map((s) => s.channelName));
    assert.deepEqual(channels.names, [...NAMES, 'src']);
    assert.equal(channels.count, 3);
    const datastores = await collect(paginateListDatastores(config, {}), (p) => p.datastoreSummaries!.map((s) => s.datastoreName));
    assert.deepEqual(datastores.names, ['dst', ...NAMES]);
    const pipelines = await collect(paginateListPipelines(config, {}), (p) => p.pipelineSummaries!.map((s) => s.pipelineName));
    assert.deepEqual(pipelines.names, NAMES);
    const datasets = await collect(paginateListDatasets(config, {}), (p) => p.datasetSummaries!.map((s) => s.datasetName));
    assert.deepEqual(datasets.names, NAMES);
  });

  it('returns no nextToken on the last page, and up to 100 by default', async () => {
    const client = server.iotanalytics();
    const exact = await client.send(new ListPipelinesCommand({ maxResults: 7 }));
    assert.equal(exact.pipelineSummaries?.length, 7);
    assert.equal(exact.nextToken, undefined);
    const all = await client.send(new ListDatasetsCommand({}));
    assert.equal(all.datasetSummaries?.length, 7);
    assert.equal(all.nextToken, undefined);
  });

  it('rejects tampered tokens and tokens of another listing', async () => {
    const client = server.iotanalytics();
    const first = await client.send(new ListChannelsCommand({ maxResults: 2 }));
    const token = first.nextToken!;
    assert.ok(token);
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ after: 'r5' })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${body}.${mac.slice(0, -2)}AA`, 'garbage', '']) {
      await rejectsWith(client.send(new ListChannelsCommand({ nextToken: bad })), 'InvalidRequestException', { status: 400, message: 'The nextToken is not valid.' });
    }
    await rejectsWith(client.send(new ListDatastoresCommand({ nextToken: token })), 'InvalidRequestException', { status: 400, message: 'The nextToken is not valid.' });
    const second = await client.send(new ListChannelsCommand({ maxResults: 2, nextToken: token }));
    assert.deepEqual(second.channelSummaries?.map((s) => s.channelName), ['r2', 'r3']);
  });

  it('validates maxResults between 1 and 250', async () => {
    const client = server.iotanalytics();
    await rejectsWith(client.send(new ListChannelsCommand({ maxResults: 0 })), 'InvalidRequestException', {
      status: 400,
      message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    await rejectsWith(client.send(new ListDatasetsCommand({ maxResults: 251 })), 'InvalidRequestException', {
      status: 400,
      message: "1 validation error detected: Value '251' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 250",
    });
    const page = await client.send(new ListChannelsCommand({ maxResults: 250 }));
    assert.equal(page.channelSummaries?.length, 8);
  });
});
