import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  LimitExceededException,
  ListAccessKeysCommand,
  NoSuchEntityException,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startServer, type TestServer } from '../support/server.ts';
import { iamClient, policyDocument, stsClient, userWithKey, type Keys } from './support.ts';

describe('IAM access keys through @aws-sdk/client-iam', () => {
  let server: TestServer;
  let keys: Keys;
  before(async () => {
    server = await startServer();
    // bob may manage his own keys, and only his.
    const own = `arn:aws:iam::${server.app.account.accountId}:user/bob`;
    keys = await userWithKey(server, 'bob', policyDocument({ Effect: 'Allow', Action: ['iam:*AccessKey*'], Resource: own }));
  });
  after(() => server.stop());

  it('authenticates requests signed with a new key as the IAM user', async () => {
    const identity = await stsClient(server, keys).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, `arn:aws:iam::${server.app.account.accountId}:user/bob`);
    assert.match(identity.UserId!, /^AIDA/);
    assert.match(keys.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(keys.secretAccessKey.length, 40);
  });

  it('lets a user manage its own keys without naming itself', async () => {
    const iam = iamClient(server, keys);
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({}));
    assert.equal(AccessKey?.UserName, 'bob');
    assert.equal(AccessKey?.Status, 'Active');
    const listed = await iam.send(new ListAccessKeysCommand({}));
    assert.deepEqual(
      listed.AccessKeyMetadata?.map((k) => k.AccessKeyId).sort(),
      [keys.accessKeyId, AccessKey!.AccessKeyId].sort(),
    );
    assert.equal(listed.AccessKeyMetadata?.[0].UserName, 'bob');
    assert.ok(listed.AccessKeyMetadata?.[0].CreateDate instanceof Date);

    const third = await iam.send(new CreateAccessKeyCommand({})).catch((e) => e);
    assert.ok(third instanceof LimitExceededException);
    assert.equal(third.message, 'Cannot exceed quota for AccessKeysPerUser: 2');
    assert.equal(third.$metadata.httpStatusCode, 409);

    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId }));
  });

  it('rejects a deactivated key with InvalidClientTokenId until it is reactivated', async () => {
    const iam = iamClient(server);
    const spare = (await iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }))).AccessKey!;
    const spareKeys = { accessKeyId: spare.AccessKeyId!, secretAccessKey: spare.SecretAccessKey! };
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: spare.AccessKeyId, Status: 'Inactive' }));
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: 'bob' }));
    assert.equal(listed.AccessKeyMetadata?.find((k) => k.AccessKeyId === spare.AccessKeyId)?.Status, 'Inactive');

    const error = await stsClient(server, spareKeys).send(new GetCallerIdentityCommand({})).catch((e) => e);
    assert.equal(error.name, 'InvalidClientTokenId');
    assert.equal(error.$metadata.httpStatusCode, 403);
    assert.equal(error.message, 'The security token included in the request is invalid.');

    await iam.send(new UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: spare.AccessKeyId, Status: 'Active' }));
    await stsClient(server, spareKeys).send(new GetCallerIdentityCommand({}));
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: spare.AccessKeyId }));

    const deleted = await stsClient(server, spareKeys).send(new GetCallerIdentityCommand({})).catch((e) => e);
    assert.equal(deleted.name, 'InvalidClientTokenId');
  });

  it("answers NoSuchEntity for another user's key", async () => {
    const carol = await userWithKey(server, 'carol');
    const error = await iamClient(server).send(new DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: carol.accessKeyId })).catch((e) => e);
    assert.ok(error instanceof NoSuchEntityException);
    assert.equal(error.message, `The Access Key with id ${carol.accessKeyId} cannot be found.`);
  });

  it("denies a user another user's keys", async () => {
    const error = await iamClient(server, keys).send(new ListAccessKeysCommand({ UserName: 'carol' })).catch((e) => e);
    const account = server.app.account.accountId;
    assert.equal(error.name, 'AccessDenied');
    assert.equal(error.$metadata.httpStatusCode, 403);
    assert.equal(
      error.message,
      `User: arn:aws:iam::${account}:user/bob is not authorized to perform: iam:ListAccessKeys on resource: arn:aws:iam::${account}:user/carol because no identity-based policy allows the iam:ListAccessKeys action`,
    );
  });

  it("lists root's own key for root, but leaves its management to the account file", async () => {
    const iam = iamClient(server);
    const listed = await iam.send(new ListAccessKeysCommand({}));
    assert.deepEqual(listed.AccessKeyMetadata?.map((k) => k.AccessKeyId), [server.credentials.accessKeyId]);
    const error = await iam.send(new CreateAccessKeyCommand({})).catch((e) => e);
    assert.equal(error.name, 'ValidationError');
  });
});
