// IAM and STS through Debian's AWS CLI v2 (botocore's awsQuery parser).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from '../support/server.ts';
import { awsCli, policyDocument, type Keys } from './support.ts';

describe('IAM and STS through /usr/bin/aws', () => {
  let server: TestServer;
  let account: string;
  let user: Keys;
  before(async () => {
    server = await startServer();
    account = server.app.account.accountId;
  });
  after(() => server.stop());

  it('answers get-caller-identity for root', async () => {
    const { json } = await awsCli(server, ['sts', 'get-caller-identity']);
    assert.deepEqual(json, { UserId: account, Account: account, Arn: `arn:aws:iam::${account}:root` });
  });

  it('creates a user, its policy and a key; botocore decodes the URL-encoded policy', async () => {
    const created = await awsCli(server, ['iam', 'create-user', '--user-name', 'cli-user', '--tags', 'Key=team,Value=ops']);
    assert.equal(created.json.User.Arn, `arn:aws:iam::${account}:user/cli-user`);
    const policy = policyDocument(
      { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:GetFederationToken', 'iam:GetUser'], Resource: '*' },
      { Effect: 'Allow', Action: 'iotanalytics:Describe*', Resource: '*' },
    );
    const put = await awsCli(server, ['iam', 'put-user-policy', '--user-name', 'cli-user', '--policy-name', 'p', '--policy-document', policy]);
    assert.equal(put.status, 0, put.stderr);
    const got = await awsCli(server, ['iam', 'get-user-policy', '--user-name', 'cli-user', '--policy-name', 'p']);
    assert.deepEqual(got.json.PolicyDocument, JSON.parse(policy));
    const listed = await awsCli(server, ['iam', 'list-user-policies', '--user-name', 'cli-user']);
    assert.deepEqual(listed.json.PolicyNames, ['p']);

    const key = await awsCli(server, ['iam', 'create-access-key', '--user-name', 'cli-user']);
    user = { accessKeyId: key.json.AccessKey.AccessKeyId, secretAccessKey: key.json.AccessKey.SecretAccessKey };
    const keys = await awsCli(server, ['iam', 'list-access-keys', '--user-name', 'cli-user']);
    assert.deepEqual(keys.json.AccessKeyMetadata.map((k: { AccessKeyId: string }) => k.AccessKeyId), [user.accessKeyId]);
    const self = await awsCli(server, ['iam', 'get-user'], user);
    assert.equal(self.json.User.UserName, 'cli-user');
  });

  it('pages list-users with the CLI paginator', async () => {
    for (const name of ['p1', 'p2', 'p3']) await awsCli(server, ['iam', 'create-user', '--user-name', name, '--path', '/paged/']);
    const all = await awsCli(server, ['iam', 'list-users', '--path-prefix', '/paged/', '--page-size', '1']);
    assert.deepEqual(all.json.Users.map((u: { UserName: string }) => u.UserName), ['p1', 'p2', 'p3']);
    const first = await awsCli(server, ['iam', 'list-users', '--path-prefix', '/paged/', '--max-items', '2']);
    assert.equal(first.json.Users.length, 2);
    assert.ok(first.json.NextToken);
  });

  it('prints IAM errors with their codes', async () => {
    const missing = await awsCli(server, ['iam', 'get-user', '--user-name', 'nobody']);
    assert.equal(missing.status, 254);
    assert.match(missing.stderr, /An error occurred \(NoSuchEntity\) when calling the GetUser operation: The user with name nobody cannot be found\./);
    const malformed = await awsCli(server, ['iam', 'create-role', '--role-name', 'r', '--assume-role-policy-document', '{"Statement":[]}']);
    assert.match(malformed.stderr, /\(MalformedPolicyDocument\) when calling the CreateRole operation: Syntax errors in policy\./);
  });

  it('assumes a role with assume-role, and the session is who get-caller-identity says', async () => {
    const trust = policyDocument({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:user/cli-user` }, Action: 'sts:AssumeRole' });
    const role = await awsCli(server, ['iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', trust]);
    assert.deepEqual(role.json.Role.AssumeRolePolicyDocument, JSON.parse(trust));
    const assumed = await awsCli(server, ['sts', 'assume-role', '--role-arn', role.json.Role.Arn, '--role-session-name', 'cli-session'], user);
    assert.equal(assumed.status, 0, assumed.stderr);
    assert.equal(assumed.json.AssumedRoleUser.Arn, `arn:aws:sts::${account}:assumed-role/cli-role/cli-session`);
    const session = { accessKeyId: assumed.json.Credentials.AccessKeyId, secretAccessKey: assumed.json.Credentials.SecretAccessKey, sessionToken: assumed.json.Credentials.SessionToken };
    const identity = await awsCli(server, ['sts', 'get-caller-identity'], session);
    assert.equal(identity.json.Arn, assumed.json.AssumedRoleUser.Arn);
    const denied = await awsCli(server, ['sts', 'assume-role', '--role-arn', role.json.Role.Arn, '--role-session-name', 'x1']);
    assert.match(denied.stderr, /\(AccessDenied\) when calling the AssumeRole operation: Roles may not be assumed by root accounts\./);
  });

  it('issues get-session-token and get-federation-token credentials', async () => {
    const token = await awsCli(server, ['sts', 'get-session-token', '--duration-seconds', '900'], user);
    assert.match(token.json.Credentials.AccessKeyId, /^ASIA/);
    const tokenKeys = { accessKeyId: token.json.Credentials.AccessKeyId, secretAccessKey: token.json.Credentials.SecretAccessKey, sessionToken: token.json.Credentials.SessionToken };
    const asUser = await awsCli(server, ['sts', 'get-caller-identity'], tokenKeys);
    assert.equal(asUser.json.Arn, `arn:aws:iam::${account}:user/cli-user`);
    const iam = await awsCli(server, ['iam', 'get-user'], tokenKeys);
    assert.match(iam.stderr, /\(InvalidClientTokenId\) when calling the GetUser operation: The security token included in the request is invalid/);

    await awsCli(server, ['iotanalytics', 'create-channel', '--channel-name', 'ch1']);
    const policy = policyDocument({ Effect: 'Allow', Action: 'iotanalytics:DescribeChannel', Resource: '*' });
    const fed = await awsCli(server, ['sts', 'get-federation-token', '--name', 'partner', '--policy', policy], user);
    assert.equal(fed.status, 0, fed.stderr);
    assert.deepEqual(fed.json.FederatedUser, { FederatedUserId: `${account}:partner`, Arn: `arn:aws:sts::${account}:federated-user/partner` });
    assert.equal(typeof fed.json.PackedPolicySize, 'number');
    const fedKeys = { accessKeyId: fed.json.Credentials.AccessKeyId, secretAccessKey: fed.json.Credentials.SecretAccessKey, sessionToken: fed.json.Credentials.SessionToken };
    const channel = await awsCli(server, ['iotanalytics', 'describe-channel', '--channel-name', 'ch1'], fedKeys);
    assert.equal(channel.json.channel.name, 'ch1');
    const create = await awsCli(server, ['iotanalytics', 'create-channel', '--channel-name', 'nope'], fedKeys);
    assert.match(create.stderr, /\(AccessDeniedException\) when calling the CreateChannel operation: User: arn:aws:sts::\d+:federated-user\/partner is not authorized/);
  });

  it('rejects a deleted key', async () => {
    const deleted = await awsCli(server, ['iam', 'delete-access-key', '--user-name', 'cli-user', '--access-key-id', user.accessKeyId]);
    assert.equal(deleted.status, 0, deleted.stderr);
    const rejected = await awsCli(server, ['sts', 'get-caller-identity'], user);
    assert.match(rejected.stderr, /\(InvalidClientTokenId\) when calling the GetCallerIdentity operation: The security token included in the request is invalid\./);
  });
});
