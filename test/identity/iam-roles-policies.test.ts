import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  LimitExceededException,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUserPoliciesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
  CreateUserCommand,
} from '@aws-sdk/client-iam';
import { startServer, type TestServer } from '../support/server.ts';
import { iamClient, policyDocument } from './support.ts';

describe('IAM roles and inline policies through @aws-sdk/client-iam', () => {
  let server: TestServer;
  let account: string;
  let trust: string;
  before(async () => {
    server = await startServer();
    account = server.app.account.accountId;
    trust = policyDocument({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' });
  });
  after(() => server.stop());

  it('creates a role and returns its trust policy URL-encoded, as IAM does', async () => {
    const iam = iamClient(server);
    const pretty = JSON.stringify(JSON.parse(trust), null, 2);
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'reader', Path: '/app/', AssumeRolePolicyDocument: pretty, Description: 'reads', MaxSessionDuration: 7200 }));
    assert.equal(Role?.Arn, `arn:aws:iam::${account}:role/app/reader`);
    assert.match(Role!.RoleId!, /^AROA[A-Z2-7]{17}$/);
    assert.equal(Role?.MaxSessionDuration, 7200);
    // RFC 3986: even spaces, newlines and '*' are percent-encoded; the text is kept as sent.
    assert.match(Role!.AssumeRolePolicyDocument!, /^%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22/);
    assert.equal(decodeURIComponent(Role!.AssumeRolePolicyDocument!), pretty);

    const got = await iam.send(new GetRoleCommand({ RoleName: 'reader' }));
    assert.equal(got.Role?.Description, 'reads');
    assert.deepEqual(got.Role?.RoleLastUsed, {});
    const listed = await iam.send(new ListRolesCommand({ PathPrefix: '/app/' }));
    assert.deepEqual(listed.Roles?.map((r) => r.RoleName), ['reader']);
  });

  it('requires a valid trust policy (MalformedPolicyDocument)', async () => {
    const iam = iamClient(server);
    const cases: [string, string][] = [
      ['{"Version":', 'Syntax errors in policy.'],
      [policyDocument({ Effect: 'Allow', Principal: { AWS: account }, Action: 'sts:AssumeRole', Resource: '*' }), 'Has prohibited field Resource.'],
      [policyDocument({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:user/ghost` }, Action: 'sts:AssumeRole' }), `Invalid principal in policy: "AWS":"arn:aws:iam::${account}:user/ghost"`],
    ];
    for (const [document, message] of cases) {
      const error = await iam.send(new CreateRoleCommand({ RoleName: 'broken', AssumeRolePolicyDocument: document })).catch((e) => e);
      assert.ok(error instanceof MalformedPolicyDocumentException, message);
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.equal(error.message, message);
    }
    const missing = await iam.send(new CreateRoleCommand({ RoleName: 'broken' } as never)).catch((e) => e);
    assert.equal(missing.message, "1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
  });

  it('answers EntityAlreadyExists and NoSuchEntity for roles', async () => {
    const iam = iamClient(server);
    const exists = await iam.send(new CreateRoleCommand({ RoleName: 'READER', AssumeRolePolicyDocument: trust })).catch((e) => e);
    assert.ok(exists instanceof EntityAlreadyExistsException);
    assert.equal(exists.message, 'Role with name READER already exists.');
    const missing = await iam.send(new GetRoleCommand({ RoleName: 'nope' })).catch((e) => e);
    assert.ok(missing instanceof NoSuchEntityException);
    assert.equal(missing.message, 'The role with name nope cannot be found.');
  });

  it('replaces a trust policy with UpdateAssumeRolePolicy', async () => {
    const iam = iamClient(server);
    await iam.send(new CreateUserCommand({ UserName: 'trusted' }));
    const named = policyDocument({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:user/trusted` }, Action: 'sts:AssumeRole' });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'reader', PolicyDocument: named }));
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'reader' }));
    assert.equal(decodeURIComponent(Role!.AssumeRolePolicyDocument!), named);
  });

  it('puts, gets, lists and deletes role policies, and deletes the role after them', async () => {
    const iam = iamClient(server);
    const doc = policyDocument({ Effect: 'Allow', Action: 'iotanalytics:Describe*', Resource: '*' });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'reader', PolicyName: 'describe', PolicyDocument: doc }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'reader', PolicyName: 'also', PolicyDocument: doc }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'reader', PolicyName: 'describe' }));
    assert.deepEqual([got.RoleName, got.PolicyName, decodeURIComponent(got.PolicyDocument!)], ['reader', 'describe', doc]);
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName: 'reader', MaxItems: 1 }));
    assert.deepEqual([page.PolicyNames, page.IsTruncated], [['also'], true]);
    const rest = await iam.send(new ListRolePoliciesCommand({ RoleName: 'reader', Marker: page.Marker }));
    assert.deepEqual([rest.PolicyNames, rest.IsTruncated], [['describe'], false]);

    const conflict = await iam.send(new DeleteRoleCommand({ RoleName: 'reader' })).catch((e) => e);
    assert.ok(conflict instanceof DeleteConflictException);
    assert.equal(conflict.message, 'Cannot delete entity, must delete policies first.');
    for (const name of ['describe', 'also']) await iam.send(new DeleteRolePolicyCommand({ RoleName: 'reader', PolicyName: name }));
    const gone = await iam.send(new GetRolePolicyCommand({ RoleName: 'reader', PolicyName: 'describe' })).catch((e) => e);
    assert.equal(gone.message, 'The role policy with name describe cannot be found.');
    await iam.send(new DeleteRoleCommand({ RoleName: 'reader' }));
  });

  it('puts, replaces, lists and deletes user policies', async () => {
    const iam = iamClient(server);
    await iam.send(new CreateUserCommand({ UserName: 'dana' }));
    const v1 = policyDocument({ Effect: 'Allow', Action: 'iotanalytics:List*', Resource: '*' });
    const v2 = policyDocument({ Effect: 'Deny', Action: 'iotanalytics:*', Resource: '*' });
    await iam.send(new PutUserPolicyCommand({ UserName: 'dana', PolicyName: 'p', PolicyDocument: v1 }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'dana', PolicyName: 'p', PolicyDocument: v2 }));
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'dana', PolicyName: 'p' }));
    assert.equal(decodeURIComponent(got.PolicyDocument!), v2);
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'dana' }))).PolicyNames, ['p']);
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'dana', PolicyName: 'p' }));
    const missing = await iam.send(new DeleteUserPolicyCommand({ UserName: 'dana', PolicyName: 'p' })).catch((e) => e);
    assert.ok(missing instanceof NoSuchEntityException);
    assert.equal(missing.message, 'The user policy with name p cannot be found.');
  });

  it('checks identity policies: no Principal, resources required, size quota', async () => {
    const iam = iamClient(server);
    const withPrincipal = policyDocument({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' });
    const e1 = await iam.send(new PutUserPolicyCommand({ UserName: 'dana', PolicyName: 'x', PolicyDocument: withPrincipal })).catch((e) => e);
    assert.equal(e1.message, 'Policy document should not specify a principal.');
    const noResource = policyDocument({ Effect: 'Allow', Action: 's3:*' });
    const e2 = await iam.send(new PutUserPolicyCommand({ UserName: 'dana', PolicyName: 'x', PolicyDocument: noResource })).catch((e) => e);
    assert.equal(e2.message, 'Policy statement must contain resources.');

    const big = policyDocument({ Effect: 'Allow', Action: Array.from({ length: 120 }, (_, i) => `iotanalytics:Action${i}`), Resource: '*' });
    const e3 = await iam.send(new PutUserPolicyCommand({ UserName: 'dana', PolicyName: 'big', PolicyDocument: big })).catch((e) => e);
    assert.ok(e3 instanceof LimitExceededException);
    assert.equal(e3.message, 'Maximum policy size of 2048 bytes exceeded for user dana');
    const e4 = await iam.send(new PutUserPolicyCommand({ UserName: 'ghost', PolicyName: 'x', PolicyDocument: noResource })).catch((e) => e);
    assert.equal(e4.message, 'The user with name ghost cannot be found.');
  });
});
