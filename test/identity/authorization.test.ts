import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateUserCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { CreateChannelCommand, DescribeChannelCommand } from '@aws-sdk/client-iotanalytics';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startServer, type TestServer } from '../support/server.ts';
import { iamClient, policyDocument, stsClient, userWithKey, type Keys } from './support.ts';

describe('IAM policies authorizing IoT Analytics and IAM calls', () => {
  let server: TestServer;
  let account: string;
  let reader: Keys;
  before(async () => {
    server = await startServer();
    account = server.app.account.accountId;
    await server.iotanalytics().send(new CreateChannelCommand({ channelName: 'telemetry' }));
    reader = await userWithKey(
      server,
      'reader',
      policyDocument({ Effect: 'Allow', Action: ['iotanalytics:Describe*', 'iotanalytics:List*'], Resource: '*' }),
    );
  });
  after(() => server.stop());

  it('allows what a read-only policy allows', async () => {
    const { channel } = await server.iotanalytics({ credentials: reader }).send(new DescribeChannelCommand({ channelName: 'telemetry' }));
    assert.equal(channel?.name, 'telemetry');
  });

  it('denies the rest with AccessDeniedException (403) and AWS wording', async () => {
    const error = await server.iotanalytics({ credentials: reader }).send(new CreateChannelCommand({ channelName: 'blocked' })).catch((e) => e);
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(error.$metadata.httpStatusCode, 403);
    assert.equal(
      error.message,
      `User: arn:aws:iam::${account}:user/reader is not authorized to perform: iotanalytics:CreateChannel on resource: ` +
        `arn:aws:iotanalytics:us-east-1:${account}:channel/blocked because no identity-based policy allows the iotanalytics:CreateChannel action`,
    );
  });

  it('lets an explicit deny win over an allow', async () => {
    const keys = await userWithKey(
      server,
      'limited',
      policyDocument(
        { Effect: 'Allow', Action: 'iotanalytics:*', Resource: '*' },
        { Effect: 'Deny', Action: 'iotanalytics:DescribeChannel', Resource: `arn:aws:iotanalytics:*:${account}:channel/telemetry` },
      ),
    );
    const error = await server.iotanalytics({ credentials: keys }).send(new DescribeChannelCommand({ channelName: 'telemetry' })).catch((e) => e);
    assert.equal(
      error.message,
      `User: arn:aws:iam::${account}:user/limited is not authorized to perform: iotanalytics:DescribeChannel on resource: ` +
        `arn:aws:iotanalytics:us-east-1:${account}:channel/telemetry with an explicit deny in an identity-based policy`,
    );
    // A channel the deny does not name is still allowed (NotFound, not AccessDenied).
    const other = await server.iotanalytics({ credentials: keys }).send(new DescribeChannelCommand({ channelName: 'other' })).catch((e) => e);
    assert.equal(other.name, 'ResourceNotFoundException');
  });

  it('authorizes IAM calls on the user ARN with its path, and ListUsers on the user/ prefix', async () => {
    const iam = iamClient(server);
    await iam.send(new CreateUserCommand({ UserName: 'eve', Path: '/contractors/' }));
    const keys = await userWithKey(
      server,
      'auditor',
      policyDocument({ Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${account}:user/contractors/*` }),
    );
    const { User } = await iamClient(server, keys).send(new GetUserCommand({ UserName: 'eve' }));
    assert.equal(User?.UserName, 'eve');
    const denied = await iamClient(server, keys).send(new GetUserCommand({ UserName: 'reader' })).catch((e) => e);
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(denied.$metadata.httpStatusCode, 403);
    assert.equal(
      denied.message,
      `User: arn:aws:iam::${account}:user/auditor is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${account}:user/reader because no identity-based policy allows the iam:GetUser action`,
    );
    const list = await iamClient(server, keys).send(new ListUsersCommand({})).catch((e) => e);
    assert.equal(list.message, `User: arn:aws:iam::${account}:user/auditor is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${account}:user/ because no identity-based policy allows the iam:ListUsers action`);
  });

  it('never denies GetCallerIdentity', async () => {
    const keys = await userWithKey(server, 'denied-all', policyDocument({ Effect: 'Deny', Action: '*', Resource: '*' }));
    const identity = await stsClient(server, keys).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, `arn:aws:iam::${account}:user/denied-all`);
  });
});
