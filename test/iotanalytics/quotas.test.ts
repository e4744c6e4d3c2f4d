import { after, before, describe, it } from 'node:test';
import {
  CreateChannelCommand,
  CreateDatasetCommand,
  CreateDatastoreCommand,
  CreatePipelineCommand,
  DeleteChannelCommand,
  UpdatePipelineCommand,
  type PipelineActivity,
} from '@aws-sdk/client-iotanalytics';
import { DEFAULTS } from '../../src/config/schema.ts';
import { rejectsWith } from '../support/api-error.ts';
import { startServer, type TestServer } from '../support/server.ts';

const activities = (extra: number): PipelineActivity[] => [
  { channel: { name: 'in', channelName: 'c0', next: extra > 0 ? 'm0' : 'out' } },
  ...Array.from({ length: extra }, (_, i): PipelineActivity => ({ math: { name: `m${i}`, attribute: 'a', math: '1', next: i + 1 < extra ? `m${i + 1}` : 'out' } })),
  { datastore: { name: 'out', datastoreName: 'd0' } },
];

describe('configured quotas answer LimitExceededException (410)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ config: { quotas: { ...DEFAULTS.quotas, channels: 2, datastores: 1, pipelines: 1, datasets: 1, activitiesPerPipeline: 4 } } });
  });
  after(() => server.stop());

  it('limits channels, and frees a place on delete', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'c0' }));
    await client.send(new CreateChannelCommand({ channelName: 'c1' }));
    await rejectsWith(client.send(new CreateChannelCommand({ channelName: 'c2' })), 'LimitExceededException', {
      status: 410,
      message: 'You have reached the limit of 2 channels.',
    });
    await client.send(new DeleteChannelCommand({ channelName: 'c1' }));
    await client.send(new CreateChannelCommand({ channelName: 'c2' }));
  });

  it('limits data stores, pipelines and datasets', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateDatastoreCommand({ datastoreName: 'd0' }));
    await rejectsWith(client.send(new CreateDatastoreCommand({ datastoreName: 'd1' })), 'LimitExceededException', {
      status: 410,
      message: 'You have reached the limit of 1 data stores.',
    });
    await client.send(new CreatePipelineCommand({ pipelineName: 'p0', pipelineActivities: activities(0) }));
    await rejectsWith(client.send(new CreatePipelineCommand({ pipelineName: 'p1', pipelineActivities: activities(0) })), 'LimitExceededException', {
      status: 410,
      message: 'You have reached the limit of 1 pipelines.',
    });
    const actions = [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT 1' } }];
    await client.send(new CreateDatasetCommand({ datasetName: 's0', actions }));
    await rejectsWith(client.send(new CreateDatasetCommand({ datasetName: 's1', actions })), 'LimitExceededException', {
      status: 410,
      message: 'You have reached the limit of 1 datasets.',
    });
  });

  it('limits activities per pipeline on create and update', async () => {
    const client = server.iotanalytics();
    await client.send(new UpdatePipelineCommand({ pipelineName: 'p0', pipelineActivities: activities(2) }));
    await rejectsWith(client.send(new UpdatePipelineCommand({ pipelineName: 'p0', pipelineActivities: activities(3) })), 'LimitExceededException', {
      status: 410,
      message: 'A pipeline can have at most 4 activities.',
    });
  });
});
