import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateChannelCommand,
  CreateDatastoreCommand,
  DeleteDatastoreCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-iotanalytics';
import { DEFAULTS } from '../../src/config/schema.ts';
import { rejectsWith } from '../support/api-error.ts';
import { startServer, type TestServer } from '../support/server.ts';

describe('tags through @aws-sdk/client-iotanalytics', () => {
  let server: TestServer;
  let arn: string;
  before(async () => {
    server = await startServer({ config: { quotas: { ...DEFAULTS.quotas, tagsPerResource: 3 } } });
    const created = await server.iotanalytics().send(new CreateChannelCommand({ channelName: 'tagged', tags: [{ key: 'team', value: 'a' }] }));
    arn = created.channelArn!;
  });
  after(() => server.stop());

  const tagsOf = async (resourceArn: string) => (await server.iotanalytics().send(new ListTagsForResourceCommand({ resourceArn }))).tags;

  it('lists the tags given at creation', async () => {
    assert.deepEqual(await tagsOf(arn), [{ key: 'team', value: 'a' }]);
  });

  it('adds, overwrites and removes tags (204 each)', async () => {
    const client = server.iotanalytics();
    const tagged = await client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'env', value: 'dev' }, { key: 'team', value: 'b' }] }));
    assert.equal(tagged.$metadata.httpStatusCode, 204);
    assert.deepEqual(await tagsOf(arn), [{ key: 'env', value: 'dev' }, { key: 'team', value: 'b' }]);
    const untagged = await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team', 'absent'] }));
    assert.equal(untagged.$metadata.httpStatusCode, 204);
    assert.deepEqual(await tagsOf(arn), [{ key: 'env', value: 'dev' }]);
  });

  it('gives an untagged resource an empty list', async () => {
    const { datastoreArn } = await server.iotanalytics().send(new CreateDatastoreCommand({ datastoreName: 'plain' }));
    assert.deepEqual(await tagsOf(datastoreArn!), []);
  });

  it('enforces tags per resource (LimitExceededException, 410), counting keys already there', async () => {
    const client = server.iotanalytics();
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'k1', value: 'v' }, { key: 'k2', value: 'v' }] }));
    await rejectsWith(client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'k3', value: 'v' }] })), 'LimitExceededException', {
      status: 410,
      message: 'A resource can have at most 3 tags.',
    });
    // Overwriting an existing key stays within the limit.
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'k1', value: 'w' }] }));
    await rejectsWith(
      client.send(new CreateChannelCommand({ channelName: 'many', tags: ['a', 'b', 'c', 'd'].map((key) => ({ key, value: 'v' })) })),
      'LimitExceededException',
      { status: 410 },
    );
  });

  it('refuses the aws: prefix', async () => {
    await rejectsWith(server.iotanalytics().send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'aws:owner', value: 'x' }] })), 'InvalidRequestException', {
      status: 400,
      message: "Tag keys starting with 'aws:' are reserved for AWS use: aws:owner",
    });
  });

  it('answers ResourceNotFoundException for unknown, deleted or foreign resources and InvalidRequestException for non-ARNs', async () => {
    const client = server.iotanalytics();
    const account = server.app.account.accountId;
    const { datastoreArn } = await client.send(new CreateDatastoreCommand({ datastoreName: 'temp' }));
    await client.send(new DeleteDatastoreCommand({ datastoreName: 'temp' }));
    for (const missing of [
      `arn:aws:iotanalytics:us-east-1:${account}:channel/nothing`,
      datastoreArn!,
      `arn:aws:iotanalytics:eu-west-1:${account}:channel/tagged`,
      'arn:aws:iotanalytics:us-east-1:999999999999:channel/tagged',
    ]) {
      const message = `A resource with the ARN ${missing} cannot be found.`;
      await rejectsWith(client.send(new ListTagsForResourceCommand({ resourceArn: missing })), 'ResourceNotFoundException', { status: 404, message });
      await rejectsWith(client.send(new TagResourceCommand({ resourceArn: missing, tags: [{ key: 'a', value: 'b' }] })), 'ResourceNotFoundException', { status: 404, message });
      await rejectsWith(client.send(new UntagResourceCommand({ resourceArn: missing, tagKeys: ['a'] })), 'ResourceNotFoundException', { status: 404, message });
    }
    await rejectsWith(client.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:s3:::some-bucket-name' })), 'InvalidRequestException', {
      status: 400,
      message: 'Invalid resource ARN: arn:aws:s3:::some-bucket-name',
    });
  });
});
