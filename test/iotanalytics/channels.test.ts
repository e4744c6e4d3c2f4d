import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateChannelCommand,
  DescribeChannelCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  InvalidRequestException,
} from '@aws-sdk/client-iotanalytics';
import { startServer, type TestServer } from '../support/server.ts';

describe('channels through @aws-sdk/client-iotanalytics', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('creates a channel and describes it', async () => {
    const client = server.iotanalytics();
    const created = await client.send(new CreateChannelCommand({ channelName: 'ch1', retentionPeriod: { numberOfDays: 90 } }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.channelArn, `arn:aws:iotanalytics:us-east-1:${server.app.account.accountId}:channel/ch1`);
    assert.deepEqual(created.retentionPeriod, { numberOfDays: 90, unlimited: false });

    const described = await client.send(new DescribeChannelCommand({ channelName: 'ch1' }));
    assert.equal(described.channel?.name, 'ch1');
    assert.equal(described.channel?.status, 'ACTIVE');
    assert.deepEqual(described.channel?.storage, { serviceManagedS3: {} });
    assert.ok(described.channel?.creationTime instanceof Date);
  });

  it('answers ResourceAlreadyExistsException with the id and ARN', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'dup' }));
    const error = await client.send(new CreateChannelCommand({ channelName: 'dup' })).catch((e) => e);
    assert.ok(error instanceof ResourceAlreadyExistsException);
    assert.equal(error.$metadata.httpStatusCode, 409);
    assert.equal(error.resourceId, 'dup');
    assert.match(error.resourceArn!, /:channel\/dup$/);
  });

  it('answers ResourceNotFoundException for a missing channel', async () => {
    const error = await server.iotanalytics().send(new DescribeChannelCommand({ channelName: 'nope' })).catch((e) => e);
    assert.ok(error instanceof ResourceNotFoundException);
    assert.equal(error.$metadata.httpStatusCode, 404);
  });

  it('rejects an invalid name with AWS validation text', async () => {
    const error = await server.iotanalytics().send(new CreateChannelCommand({ channelName: 'bad-name' })).catch((e) => e);
    assert.ok(error instanceof InvalidRequestException);
    assert.equal(
      error.message,
      "1 validation error detected: Value 'bad-name' at 'channelName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(^(?!_{2}))(^[a-zA-Z0-9_]+$)$",
    );
  });
});
