import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateChannelCommand,
  DeleteChannelCommand,
  DescribeChannelCommand,
  ListChannelsCommand,
  UpdateChannelCommand,
} from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { startServer, type TestServer } from '../support/server.ts';

const ROLE = 'arn:aws:iam::123456789012:role/iota-channel';

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
    assert.equal(described.channel?.arn, created.channelArn);
    assert.equal(described.channel?.status, 'ACTIVE');
    assert.deepEqual(described.channel?.storage, { serviceManagedS3: {} });
    assert.deepEqual(described.channel?.retentionPeriod, { numberOfDays: 90, unlimited: false });
    assert.ok(described.channel?.creationTime instanceof Date);
    assert.equal(described.statistics, undefined);
  });

  it('defaults retention to unlimited', async () => {
    const created = await server.iotanalytics().send(new CreateChannelCommand({ channelName: 'forever' }));
    assert.deepEqual(created.retentionPeriod, { unlimited: true });
  });

  it('uses the region of the signature in the ARN, and the aws-cn partition in China', async () => {
    const client = server.iotanalytics({ region: 'cn-north-1' });
    const created = await client.send(new CreateChannelCommand({ channelName: 'china' }));
    assert.equal(created.channelArn, `arn:aws-cn:iotanalytics:cn-north-1:${server.app.account.accountId}:channel/china`);
    // Regions are separate: the channel does not exist in us-east-1.
    await rejectsWith(server.iotanalytics().send(new DescribeChannelCommand({ channelName: 'china' })), 'ResourceNotFoundException', { status: 404 });
  });

  it('reports statistics: 0 bytes until the data plane stores messages', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'stats' }));
    const described = await client.send(new DescribeChannelCommand({ channelName: 'stats', includeStatistics: true }));
    assert.equal(described.statistics?.size?.estimatedSizeInBytes, 0);
    assert.ok(described.statistics?.size?.estimatedOn instanceof Date);
  });

  it('keeps customer-managed storage, and refuses statistics for it', async () => {
    const client = server.iotanalytics();
    const storage = { customerManagedS3: { bucket: 'my-bucket', keyPrefix: 'raw/', roleArn: ROLE } };
    await client.send(new CreateChannelCommand({ channelName: 'cm', channelStorage: storage }));
    const described = await client.send(new DescribeChannelCommand({ channelName: 'cm' }));
    assert.deepEqual(described.channel?.storage, storage);
    await rejectsWith(client.send(new DescribeChannelCommand({ channelName: 'cm', includeStatistics: true })), 'InvalidRequestException', {
      status: 400,
      message: "includeStatistics can't be used with a channel whose S3 storage is customer-managed.",
    });
  });

  it('rejects two storage kinds and a retention that is both unlimited and limited', async () => {
    const client = server.iotanalytics();
    await rejectsWith(
      client.send(new CreateChannelCommand({
        channelName: 'two',
        channelStorage: { serviceManagedS3: {}, customerManagedS3: { bucket: 'b12', roleArn: ROLE } },
      })),
      'InvalidRequestException',
      { status: 400, message: 'Only one of serviceManagedS3 or customerManagedS3 may be specified.' },
    );
    await rejectsWith(
      client.send(new CreateChannelCommand({ channelName: 'both', retentionPeriod: { unlimited: true, numberOfDays: 3 } })),
      'InvalidRequestException',
      { status: 400, message: 'Only one of unlimited or numberOfDays may be specified in retentionPeriod.' },
    );
  });

  it('answers ResourceAlreadyExistsException with the id and ARN, also for a name differing only in case', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'dup' }));
    const error = await rejectsWith(client.send(new CreateChannelCommand({ channelName: 'dup' })), 'ResourceAlreadyExistsException', {
      status: 409,
      message: 'A channel named dup already exists.',
    });
    assert.equal(error.resourceId, 'dup');
    assert.match(error.resourceArn!, /:channel\/dup$/);
    const folded = await rejectsWith(client.send(new CreateChannelCommand({ channelName: 'DUP' })), 'ResourceAlreadyExistsException', { status: 409 });
    assert.equal(folded.resourceId, 'dup');
  });

  it('keeps the case of names and resolves them exactly', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'MixedCase' }));
    const described = await client.send(new DescribeChannelCommand({ channelName: 'MixedCase' }));
    assert.equal(described.channel?.name, 'MixedCase');
    await rejectsWith(client.send(new DescribeChannelCommand({ channelName: 'mixedcase' })), 'ResourceNotFoundException', { status: 404 });
  });

  it('answers ResourceNotFoundException for a missing channel', async () => {
    const client = server.iotanalytics();
    for (const command of [
      new DescribeChannelCommand({ channelName: 'nope' }),
      new UpdateChannelCommand({ channelName: 'nope' }),
      new DeleteChannelCommand({ channelName: 'nope' }),
    ]) {
      await rejectsWith(client.send(command as any), 'ResourceNotFoundException', { status: 404, message: 'A resource with the name nope cannot be found.' });
    }
  });

  it('rejects an invalid name with AWS validation text', async () => {
    await rejectsWith(server.iotanalytics().send(new CreateChannelCommand({ channelName: 'bad-name' })), 'InvalidRequestException', {
      status: 400,
      message: "1 validation error detected: Value 'bad-name' at 'channelName' failed to satisfy constraint: Member must satisfy regular expression pattern: (^(?!_{2}))(^[a-zA-Z0-9_]+$)",
    });
  });

  it('updates with PUT semantics: an omitted retention goes back to the default', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'upd', retentionPeriod: { numberOfDays: 5 } }));
    const before = await client.send(new DescribeChannelCommand({ channelName: 'upd' }));
    const updated = await client.send(new UpdateChannelCommand({ channelName: 'upd', retentionPeriod: { numberOfDays: 30 } }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    const after = await client.send(new DescribeChannelCommand({ channelName: 'upd' }));
    assert.deepEqual(after.channel?.retentionPeriod, { numberOfDays: 30, unlimited: false });
    assert.ok(after.channel!.lastUpdateTime!.getTime() >= before.channel!.lastUpdateTime!.getTime());
    assert.equal(after.channel?.creationTime?.getTime(), before.channel?.creationTime?.getTime());

    await client.send(new UpdateChannelCommand({ channelName: 'upd' }));
    const reset = await client.send(new DescribeChannelCommand({ channelName: 'upd' }));
    assert.deepEqual(reset.channel?.retentionPeriod, { unlimited: true });
  });

  it('refuses to change the storage kind or the retention of customer-managed storage on update', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'fixed' }));
    await rejectsWith(
      client.send(new UpdateChannelCommand({ channelName: 'fixed', channelStorage: { customerManagedS3: { bucket: 'bucket1', roleArn: ROLE } } })),
      'InvalidRequestException',
      { status: 400, message: "The storage type of a channel can't be changed after it is created." },
    );
    await client.send(new UpdateChannelCommand({ channelName: 'fixed', channelStorage: { serviceManagedS3: {} } }));

    const storage = { customerManagedS3: { bucket: 'bucket1', roleArn: ROLE } };
    await client.send(new CreateChannelCommand({ channelName: 'cm2', channelStorage: storage }));
    await rejectsWith(
      client.send(new UpdateChannelCommand({ channelName: 'cm2', retentionPeriod: { numberOfDays: 3 } })),
      'InvalidRequestException',
      { status: 400, message: "The retention period can't be updated for a channel whose S3 storage is customer-managed." },
    );
    // The settings within the same kind may change (e.g. a new role).
    const rotated = { customerManagedS3: { bucket: 'bucket1', roleArn: `${ROLE}-2` } };
    await client.send(new UpdateChannelCommand({ channelName: 'cm2', channelStorage: rotated }));
    const described = await client.send(new DescribeChannelCommand({ channelName: 'cm2' }));
    assert.deepEqual(described.channel?.storage, rotated);
  });

  it('deletes a channel (204) and its name can be used again', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'gone' }));
    const deleted = await client.send(new DeleteChannelCommand({ channelName: 'gone' }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await rejectsWith(client.send(new DescribeChannelCommand({ channelName: 'gone' })), 'ResourceNotFoundException', { status: 404 });
    await client.send(new CreateChannelCommand({ channelName: 'gone' }));
  });

  it('lists channel summaries without ARNs', async () => {
    const listed = await server.iotanalytics().send(new ListChannelsCommand({}));
    const summary = listed.channelSummaries?.find((s) => s.channelName === 'ch1');
    assert.ok(summary);
    assert.deepEqual(Object.keys(summary).sort(), ['channelName', 'channelStorage', 'creationTime', 'lastUpdateTime', 'status']);
    assert.deepEqual(summary.channelStorage, { serviceManagedS3: {} });
    assert.equal(listed.nextToken, undefined);
  });
});
