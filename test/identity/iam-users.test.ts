import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteConflictException,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  EntityAlreadyExistsException,
  GetUserCommand,
  InvalidInputException,
  ListUsersCommand,
  NoSuchEntityException,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { startServer, type TestServer } from '../support/server.ts';
import { iamClient, policyDocument, userWithKey } from './support.ts';

describe('IAM users through @aws-sdk/client-iam', () => {
  let server: TestServer;
  let account: string;
  before(async () => {
    server = await startServer();
    account = server.app.account.accountId;
  });
  after(() => server.stop());

  it('creates a user with a path and tags, and gets it back', async () => {
    const iam = iamClient(server);
    const { User } = await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/division/', Tags: [{ Key: 'team', Value: 'data' }] }));
    assert.equal(User?.Arn, `arn:aws:iam::${account}:user/division/alice`);
    assert.match(User!.UserId!, /^AIDA[A-Z2-7]{17}$/);
    assert.equal(User?.CreateDate?.getMilliseconds(), 0);

    const got = await iam.send(new GetUserCommand({ UserName: 'alice' }));
    assert.deepEqual(got.User, { ...User, Tags: [{ Key: 'team', Value: 'data' }] });
  });

  it('treats names without regard to case, as IAM does', async () => {
    const iam = iamClient(server);
    const error = await iam.send(new CreateUserCommand({ UserName: 'ALICE' })).catch((e) => e);
    assert.ok(error instanceof EntityAlreadyExistsException);
    assert.equal(error.$metadata.httpStatusCode, 409);
    assert.equal(error.message, 'User with name ALICE already exists.');
    assert.equal((await iam.send(new GetUserCommand({ UserName: 'Alice' }))).User?.UserName, 'alice');
  });

  it('answers NoSuchEntity (404) for an unknown user', async () => {
    const error = await iamClient(server).send(new GetUserCommand({ UserName: 'nobody' })).catch((e) => e);
    assert.ok(error instanceof NoSuchEntityException);
    assert.equal(error.$metadata.httpStatusCode, 404);
    assert.equal(error.message, 'The user with name nobody cannot be found.');
  });

  it('rejects invalid input with the awsQuery ValidationError text', async () => {
    const error = await iamClient(server).send(new CreateUserCommand({ UserName: 'bad name' })).catch((e) => e);
    assert.equal(error.name, 'ValidationError');
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(
      error.message,
      "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
  });

  it('rejects duplicate tag keys', async () => {
    const tags = [{ Key: 'env', Value: 'a' }, { Key: 'ENV', Value: 'b' }];
    const error = await iamClient(server).send(new CreateUserCommand({ UserName: 'tagged', Tags: tags })).catch((e) => e);
    assert.ok(error instanceof InvalidInputException);
    assert.equal(error.message, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  });

  it('returns the calling user when GetUser names none', async () => {
    const keys = await userWithKey(server, 'self', policyDocument({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }));
    const { User } = await iamClient(server, keys).send(new GetUserCommand({}));
    assert.equal(User?.UserName, 'self');
    const root = await iamClient(server).send(new GetUserCommand({}));
    assert.deepEqual([root.User?.UserId, root.User?.Arn, root.User?.UserName], [account, `arn:aws:iam::${account}:root`, undefined]);
  });

  it('pages through ListUsers with MaxItems and Marker, and filters by PathPrefix', async () => {
    const iam = iamClient(server);
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5']) await iam.send(new CreateUserCommand({ UserName: name, Path: '/paged/' }));
    const first = await iam.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2 }));
    assert.deepEqual(first.Users?.map((u) => u.UserName), ['u1', 'u2']);
    assert.equal(first.IsTruncated, true);
    assert.equal(first.Users?.[0].Tags, undefined);
    const second = await iam.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(second.Users?.map((u) => u.UserName), ['u3', 'u4']);

    const names: string[] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 2 }, { PathPrefix: '/paged/' })) {
      names.push(...page.Users!.map((u) => u.UserName!));
    }
    assert.deepEqual(names, ['u1', 'u2', 'u3', 'u4', 'u5']);

    const all = await iam.send(new ListUsersCommand({}));
    assert.equal(all.IsTruncated, false);
    assert.equal(all.Marker, undefined);
    assert.ok(all.Users!.some((u) => u.UserName === 'alice'));
  });

  it('refuses a marker from another listing', async () => {
    const iam = iamClient(server);
    const { Marker } = await iam.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 1 }));
    const error = await iam.send(new ListUsersCommand({ MaxItems: 1, Marker })).catch((e) => e);
    assert.equal(error.name, 'ValidationError');
  });

  it('deletes a user only once its keys and policies are gone (DeleteConflict, 409)', async () => {
    const iam = iamClient(server);
    const keys = await userWithKey(server, 'leaving', policyDocument({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }));
    const first = await iam.send(new DeleteUserCommand({ UserName: 'leaving' })).catch((e) => e);
    assert.ok(first instanceof DeleteConflictException);
    assert.equal(first.$metadata.httpStatusCode, 409);
    assert.equal(first.message, 'Cannot delete entity, must delete access keys first.');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'leaving', AccessKeyId: keys.accessKeyId }));
    const second = await iam.send(new DeleteUserCommand({ UserName: 'leaving' })).catch((e) => e);
    assert.equal(second.message, 'Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'leaving', PolicyName: 'inline' }));
    await iam.send(new DeleteUserCommand({ UserName: 'leaving' }));
    assert.ok((await iam.send(new GetUserCommand({ UserName: 'leaving' })).catch((e) => e)) instanceof NoSuchEntityException);
  });

  it('gives a re-created user a new id', async () => {
    const iam = iamClient(server);
    const first = await iam.send(new CreateUserCommand({ UserName: 'phoenix' }));
    await iam.send(new DeleteUserCommand({ UserName: 'phoenix' }));
    const second = await iam.send(new CreateUserCommand({ UserName: 'phoenix' }));
    assert.notEqual(second.User?.UserId, first.User?.UserId);
  });
});
