import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, GetUserCommand, ListUsersCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateChannelCommand, DescribeChannelCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  MalformedPolicyDocumentException,
  PackedPolicyTooLargeException,
} from '@aws-sdk/client-sts';
import { ManualClock } from '../../src/lib/clock.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { iamClient, keysOf, policyDocument, stsClient, userWithKey, type Keys } from './support.ts';

const HOUR = 3600 * 1000;

describe('STS through @aws-sdk/client-sts', () => {
  let server: TestServer;
  let clock: ManualClock;
  let account: string;
  let alice: Keys;
  let roleArn: string;

  before(async () => {
    clock = new ManualClock();
    server = await startServer({ clock });
    account = server.app.account.accountId;
    alice = await userWithKey(
      server,
      'alice',
      policyDocument(
        { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'], Resource: `arn:aws:iam::${account}:role/*` },
        { Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' },
        { Effect: 'Allow', Action: 'iotanalytics:*', Resource: '*' },
      ),
    );
    const iam = iamClient(server);
    const trust = policyDocument({ Effect: 'Allow', Principal: { AWS: account }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] });
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'operator', Path: '/ops/', AssumeRolePolicyDocument: trust }));
    roleArn = Role!.Arn!;
    await iam.send(new PutRolePolicyCommand({
      RoleName: 'operator',
      PolicyName: 'iota',
      PolicyDocument: policyDocument({ Effect: 'Allow', Action: ['iotanalytics:*', 'sts:AssumeRole', 'sts:SetSourceIdentity'], Resource: '*' }),
    }));
    await iamClient(server).send(new CreateRoleCommand({
      RoleName: 'guarded',
      AssumeRolePolicyDocument: policyDocument({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:user/alice` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'ticket-42' } },
      }),
      MaxSessionDuration: 7200,
    }));
    await iotanalyticsAsRoot().send(new CreateChannelCommand({ channelName: 'ch1' }));
  });
  after(() => server.stop());

  const offset = () => clock.now().getTime() - Date.now();
  const sts = (keys?: Keys) => stsClient(server, keys, { clockOffset: offset() });
  const iotanalyticsAsRoot = () => server.iotanalytics();
  const iotanalytics = (keys: Keys) => server.iotanalytics({ credentials: keys });

  it('tells each kind of caller who it is', async () => {
    const root = await sts().send(new GetCallerIdentityCommand({}));
    assert.deepEqual([root.UserId, root.Account, root.Arn], [account, account, `arn:aws:iam::${account}:root`]);
    const user = await sts(alice).send(new GetCallerIdentityCommand({}));
    assert.equal(user.Arn, `arn:aws:iam::${account}:user/alice`);
  });

  it('assumes a role whose trust policy names the account, when an identity policy allows it', async () => {
    const result = await sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'night-shift', DurationSeconds: 900 }));
    const keys = keysOf(result.Credentials);
    assert.match(keys.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.ok(keys.sessionToken!.length > 100);
    assert.equal(result.Credentials!.Expiration!.getTime(), clock.now().getTime() + 900_000);
    assert.equal(result.AssumedRoleUser?.Arn, `arn:aws:sts::${account}:assumed-role/operator/night-shift`);
    assert.match(result.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z2-7]{17}:night-shift$/);

    const identity = await sts(keys).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, result.AssumedRoleUser?.Arn);
    assert.equal(identity.UserId, result.AssumedRoleUser?.AssumedRoleId);
    const channel = await iotanalytics(keys).send(new DescribeChannelCommand({ channelName: 'ch1' }));
    assert.equal(channel.channel?.name, 'ch1');
  });

  it('refuses a role whose trust policy does not name the caller, with AWS text', async () => {
    const bob = await userWithKey(server, 'bob', policyDocument({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }));
    const error = await sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/guarded`, RoleSessionName: 'sess' })).catch((e) => e);
    assert.equal(error.name, 'AccessDenied');
    assert.equal(error.$metadata.httpStatusCode, 403);
    assert.equal(error.message, `User: arn:aws:iam::${account}:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${account}:role/guarded`);
  });

  it('refuses an account-wide trust without an identity-based allow', async () => {
    const carol = await userWithKey(server, 'carol');
    const error = await sts(carol).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'sess' })).catch((e) => e);
    assert.equal(error.message, `User: arn:aws:iam::${account}:user/carol is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    const ghost = await sts(alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/ghost`, RoleSessionName: 'sess' })).catch((e) => e);
    assert.equal(ghost.name, 'AccessDenied');
  });

  it('honours sts:ExternalId in a trust policy that names the user', async () => {
    const guarded = `arn:aws:iam::${account}:role/guarded`;
    const without = await sts(alice).send(new AssumeRoleCommand({ RoleArn: guarded, RoleSessionName: 'sess' })).catch((e) => e);
    assert.equal(without.name, 'AccessDenied');
    const wrong = await sts(alice).send(new AssumeRoleCommand({ RoleArn: guarded, RoleSessionName: 'sess', ExternalId: 'ticket-41' })).catch((e) => e);
    assert.equal(wrong.name, 'AccessDenied');
    const ok = await sts(alice).send(new AssumeRoleCommand({ RoleArn: guarded, RoleSessionName: 'sess', ExternalId: 'ticket-42', DurationSeconds: 7200 }));
    assert.ok(ok.Credentials?.AccessKeyId);
  });

  it('enforces DurationSeconds against MaxSessionDuration and role chaining', async () => {
    const tooLong = await sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'sess', DurationSeconds: 7200 })).catch((e) => e);
    assert.equal(tooLong.name, 'ValidationError');
    assert.equal(tooLong.message, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    const outOfRange = await sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'sess', DurationSeconds: 60 })).catch((e) => e);
    assert.equal(outOfRange.message, "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
    const badName = await sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'a:b' })).catch((e) => e);
    assert.equal(badName.message, "1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");

    const trust = policyDocument({ Effect: 'Allow', Principal: { AWS: roleArn }, Action: 'sts:AssumeRole' });
    const { Role } = await iamClient(server).send(new CreateRoleCommand({ RoleName: 'long', AssumeRolePolicyDocument: trust, MaxSessionDuration: 7200 }));
    const first = keysOf((await sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'hop1' }))).Credentials);
    const chained = await sts(first).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'hop2', DurationSeconds: 7200 })).catch((e) => e);
    const oneHour = await sts(first).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'hop2' }));
    assert.equal(oneHour.AssumedRoleUser?.Arn, `arn:aws:sts::${account}:assumed-role/long/hop2`);
    assert.equal(chained.message, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  });

  it('carries a source identity through a chain of role sessions', async () => {
    const first = await sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'hop1', SourceIdentity: 'alice@corp' }));
    assert.equal(first.SourceIdentity, 'alice@corp');
    const second = await sts(keysOf(first.Credentials)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'hop2' }));
    assert.equal(second.SourceIdentity, 'alice@corp');
    const changed = await sts(keysOf(first.Credentials)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'hop2', SourceIdentity: 'mallory' })).catch((e) => e);
    assert.equal(changed.name, 'AccessDenied');
  });

  it('narrows a role session with a session policy', async () => {
    const result = await sts(alice).send(new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName: 'narrow',
      Policy: policyDocument({ Effect: 'Allow', Action: 'iotanalytics:Describe*', Resource: '*' }),
    }));
    assert.ok(result.PackedPolicySize! > 0 && result.PackedPolicySize! <= 100);
    const keys = keysOf(result.Credentials);
    await iotanalytics(keys).send(new DescribeChannelCommand({ channelName: 'ch1' }));
    const error = await iotanalytics(keys).send(new CreateChannelCommand({ channelName: 'ch2' })).catch((e) => e);
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(error.$metadata.httpStatusCode, 403);
    assert.equal(
      error.message,
      `User: arn:aws:sts::${account}:assumed-role/operator/narrow is not authorized to perform: iotanalytics:CreateChannel on resource: arn:aws:iotanalytics:us-east-1:${account}:channel/ch2 because no session policy allows the iotanalytics:CreateChannel action`,
    );
  });

  it('checks session policies (MalformedPolicyDocument, PackedPolicyTooLarge)', async () => {
    const malformed = await sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'sess', Policy: '{"Statement":' })).catch((e) => e);
    assert.ok(malformed instanceof MalformedPolicyDocumentException);
    const huge = policyDocument({ Effect: 'Allow', Action: Array.from({ length: 150 }, (_, i) => `iotanalytics:Action${i}`), Resource: '*' });
    const tooLarge = await sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'sess', Policy: huge })).catch((e) => e);
    assert.ok(tooLarge instanceof PackedPolicyTooLargeException);
    assert.match(tooLarge.message, /^Packed policy consumes \d+% of allotted space, please use smaller policy for this request\.$/);
  });

  it('refuses root', async () => {
    const error = await sts().send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'sess' })).catch((e) => e);
    assert.deepEqual([error.name, error.message], ['AccessDenied', 'Roles may not be assumed by root accounts.']);
  });

  it('issues session tokens to users, which keep their identity but cannot call IAM', async () => {
    const result = await sts(alice).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const keys = keysOf(result.Credentials);
    const identity = await sts(keys).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, `arn:aws:iam::${account}:user/alice`);
    await iotanalytics(keys).send(new DescribeChannelCommand({ channelName: 'ch1' }));

    const iam = await iamClient(server, keys).send(new ListUsersCommand({})).catch((e) => e);
    assert.deepEqual([iam.name, iam.message, iam.$metadata.httpStatusCode], ['InvalidClientTokenId', 'The security token included in the request is invalid', 403]);
    const again = await sts(keys).send(new GetSessionTokenCommand({})).catch((e) => e);
    assert.deepEqual([again.name, again.message], ['AccessDenied', 'Cannot call GetSessionToken with session credentials']);
    const role = await sts(keys).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'from-token' }));
    assert.ok(role.Credentials);
  });

  it('issues federation tokens whose permissions are the session policy within the user', async () => {
    const result = await sts(alice).send(new GetFederationTokenCommand({
      Name: 'contractor',
      Policy: policyDocument({ Effect: 'Allow', Action: 'iotanalytics:Describe*', Resource: '*' }),
    }));
    assert.deepEqual(result.FederatedUser, { FederatedUserId: `${account}:contractor`, Arn: `arn:aws:sts::${account}:federated-user/contractor` });
    const keys = keysOf(result.Credentials);
    const identity = await sts(keys).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([identity.UserId, identity.Arn], [`${account}:contractor`, `arn:aws:sts::${account}:federated-user/contractor`]);
    await iotanalytics(keys).send(new DescribeChannelCommand({ channelName: 'ch1' }));
    const denied = await iotanalytics(keys).send(new CreateChannelCommand({ channelName: 'ch3' })).catch((e) => e);
    assert.match(denied.message, /federated-user\/contractor is not authorized to perform: iotanalytics:CreateChannel on resource: .* because no session policy allows/);
    const iam = await iamClient(server, keys).send(new GetUserCommand({ UserName: 'alice' })).catch((e) => e);
    assert.equal(iam.name, 'InvalidClientTokenId');

    const bare = keysOf((await sts(alice).send(new GetFederationTokenCommand({ Name: 'nobody' }))).Credentials);
    const nothing = await iotanalytics(bare).send(new DescribeChannelCommand({ channelName: 'ch1' })).catch((e) => e);
    assert.equal(nothing.name, 'AccessDeniedException');
    const fromSession = keysOf((await sts(alice).send(new GetSessionTokenCommand({}))).Credentials);
    const again = await sts(fromSession).send(new GetFederationTokenCommand({ Name: 'nested' })).catch((e) => e);
    assert.deepEqual([again.name, again.message], ['AccessDenied', 'Cannot call GetFederationToken with session credentials']);
    const assume = await sts(keys).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'fed' })).catch((e) => e);
    assert.equal(assume.message, `User: arn:aws:sts::${account}:federated-user/contractor is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  });

  it('answers ExpiredToken once temporary credentials expire', async () => {
    const result = await sts(alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'short', DurationSeconds: 900 }));
    const keys = keysOf(result.Credentials);
    await sts(keys).send(new GetCallerIdentityCommand({}));
    clock.advance(HOUR);
    const sts403 = await sts(keys).send(new GetCallerIdentityCommand({})).catch((e) => e);
    assert.deepEqual([sts403.name, sts403.message, sts403.$metadata.httpStatusCode], ['ExpiredToken', 'The security token included in the request is expired', 403]);
    const iota = new IoTAnalyticsClient({ ...server.clientConfig({ credentials: keys }), systemClockOffset: offset() });
    const inStep = await iota.send(new DescribeChannelCommand({ channelName: 'ch1' })).catch((e) => e);
    assert.deepEqual([inStep.name, inStep.$metadata.httpStatusCode], ['ExpiredTokenException', 403]);
  });
});
