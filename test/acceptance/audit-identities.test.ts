// Issue #3's "done when", end to end with Debian's AWS CLI v2: an IAM user with
// a read-only policy, a role it assumes, a federation token; allowed and
// denied IoT Analytics calls; each found again with `aws cloudtrail
// lookup-events` by user name, event name, resource name and access key, with
// the right identity and error fields; `oia events download` gives the same
// records as CSV and JSON.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CloudTrailRecord } from '../../src/audit/record.ts';
import { awsCli, policyDocument, type Keys } from '../identity/support.ts';
import { eventually } from '../support/eventually.ts';
import { exec } from '../support/exec.ts';
import { assertValidRecord } from '../support/record-schema.ts';
import { startServer, type TestServer } from '../support/server.ts';

const OIA = fileURLToPath(new URL('../../bin/oia.js', import.meta.url));

interface LookedUp {
  EventId: string;
  EventName: string;
  Username?: string;
  AccessKeyId?: string;
  Resources?: { ResourceType?: string; ResourceName?: string }[];
  CloudTrailEvent: string;
}

describe('audit of every identity type, through Debian aws cloudtrail lookup-events', () => {
  let server: TestServer;
  let account: string;
  let reader: Keys;
  let role: Keys;
  let federated: Keys;

  const lookupEvents = async (key: string, value: string): Promise<LookedUp[]> => {
    const result = await awsCli(server, ['cloudtrail', 'lookup-events', '--lookup-attributes', `AttributeKey=${key},AttributeValue=${value}`]);
    assert.equal(result.status, 0, result.stderr);
    return result.json.Events;
  };
  const recordsOf = (events: LookedUp[]) => events.map((e) => JSON.parse(e.CloudTrailEvent) as CloudTrailRecord);

  before(async () => {
    server = await startServer();
    account = server.app.account.accountId;
    // What the root user sets up.
    assert.equal((await awsCli(server, ['iotanalytics', 'create-channel', '--channel-name', 'telemetry'])).status, 0);
    await awsCli(server, ['iam', 'create-user', '--user-name', 'reader']);
    const readOnly = policyDocument(
      { Effect: 'Allow', Action: ['iotanalytics:Describe*', 'iotanalytics:List*'], Resource: '*' },
      { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:GetFederationToken'], Resource: '*' },
    );
    await awsCli(server, ['iam', 'put-user-policy', '--user-name', 'reader', '--policy-name', 'read-only', '--policy-document', readOnly]);
    const key = await awsCli(server, ['iam', 'create-access-key', '--user-name', 'reader']);
    reader = { accessKeyId: key.json.AccessKey.AccessKeyId, secretAccessKey: key.json.AccessKey.SecretAccessKey };
    const trust = policyDocument({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:user/reader` }, Action: 'sts:AssumeRole' });
    await awsCli(server, ['iam', 'create-role', '--role-name', 'operator', '--assume-role-policy-document', trust]);
    const operate = policyDocument({ Effect: 'Allow', Action: 'iotanalytics:*', Resource: '*' });
    await awsCli(server, ['iam', 'put-role-policy', '--role-name', 'operator', '--policy-name', 'operate', '--policy-document', operate]);
  });
  after(() => server.stop());

  it('lets the reader read and denies it a write', async () => {
    const allowed = await awsCli(server, ['iotanalytics', 'describe-channel', '--channel-name', 'telemetry'], reader);
    assert.equal(allowed.status, 0, allowed.stderr);
    const denied = await awsCli(server, ['iotanalytics', 'create-channel', '--channel-name', 'sneaky'], reader);
    assert.equal(denied.status, 254);
    assert.equal(
      denied.stderr.trim(),
      `An error occurred (AccessDeniedException) when calling the CreateChannel operation: User: arn:aws:iam::${account}:user/reader is not authorized to perform: iotanalytics:CreateChannel on resource: arn:aws:iotanalytics:us-east-1:${account}:channel/sneaky because no identity-based policy allows the iotanalytics:CreateChannel action`,
    );
  });

  it('lets the reader assume the operator role and write with it', async () => {
    const assumed = await awsCli(server, ['sts', 'assume-role', '--role-arn', `arn:aws:iam::${account}:role/operator`, '--role-session-name', 'night-shift'], reader);
    assert.equal(assumed.status, 0, assumed.stderr);
    const c = assumed.json.Credentials;
    role = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    assert.match(role.accessKeyId, /^ASIA/);
    const created = await awsCli(server, ['iotanalytics', 'create-channel', '--channel-name', 'by_role'], role);
    assert.equal(created.status, 0, created.stderr);
  });

  it('lets the reader get a federation token and read with it', async () => {
    const token = await awsCli(server, ['sts', 'get-federation-token', '--name', 'dashboard', '--policy', policyDocument({ Effect: 'Allow', Action: 'iotanalytics:Describe*', Resource: '*' })], reader);
    assert.equal(token.status, 0, token.stderr);
    const c = token.json.Credentials;
    federated = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    const described = await awsCli(server, ['iotanalytics', 'describe-channel', '--channel-name', 'telemetry'], federated);
    assert.equal(described.status, 0, described.stderr);
  });

  it("finds the reader's calls by user name and by access key, as an IAMUser", async () => {
    const byUser = await eventually(async () => {
      const events = await lookupEvents('Username', 'reader');
      return events.some((e) => e.EventName === 'CreateChannel') && events.some((e) => e.EventName === 'GetFederationToken') ? events : undefined;
    }, "the reader's calls by user name", { timeoutMs: 5_000, intervalMs: 20 });
    const byKey = await lookupEvents('AccessKeyId', reader.accessKeyId);
    assert.deepEqual(byKey.map((e) => e.EventId).sort(), byUser.filter((e) => e.AccessKeyId === reader.accessKeyId).map((e) => e.EventId).sort());
    for (const record of recordsOf(byUser)) {
      assertValidRecord(record);
      assert.deepEqual(record.userIdentity, {
        type: 'IAMUser',
        principalId: (record.userIdentity as { principalId: string }).principalId,
        arn: `arn:aws:iam::${account}:user/reader`,
        accountId: account,
        accessKeyId: reader.accessKeyId,
        userName: 'reader',
      });
      assert.match((record.userIdentity as { principalId: string }).principalId, /^AIDA[A-Z2-7]{17}$/);
    }
  });

  it('finds the denied call by event name and resource name, with its error fields', async () => {
    const byResource = await eventually(async () => {
      const events = await lookupEvents('ResourceName', 'sneaky');
      return events.length > 0 ? events : undefined;
    }, 'the denied call by resource name', { timeoutMs: 5_000, intervalMs: 20 });
    assert.equal(byResource.length, 1);
    assert.deepEqual(byResource[0].Resources, [{ ResourceType: 'AWS::IoTAnalytics::Channel', ResourceName: 'sneaky' }]);
    const [record] = recordsOf(byResource);
    assertValidRecord(record);
    assert.equal(record.eventName, 'CreateChannel');
    assert.equal(record.errorCode, 'AccessDeniedException');
    assert.match(String(record.errorMessage), /^User: arn:aws:iam::\d{12}:user\/reader is not authorized to perform: iotanalytics:CreateChannel/);
    assert.equal(record.responseElements, null);
    assert.deepEqual(record.requestParameters, { channelName: 'sneaky' });
    const byName = await lookupEvents('EventName', 'CreateChannel');
    assert.ok(byName.some((e) => e.EventId === byResource[0].EventId));
  });

  it('records the role session as an AssumedRole with its session issuer, found by session name', async () => {
    const events = await eventually(async () => {
      const found = (await lookupEvents('ResourceName', 'by_role')).filter((e) => e.EventName === 'CreateChannel');
      return found.length > 0 ? found : undefined;
    }, "the role session's CreateChannel", { timeoutMs: 5_000, intervalMs: 20 });
    const [record] = recordsOf(events);
    assertValidRecord(record);
    const identity = record.userIdentity as Record<string, any>;
    assert.equal(identity.type, 'AssumedRole');
    assert.equal(identity.arn, `arn:aws:sts::${account}:assumed-role/operator/night-shift`);
    assert.match(identity.principalId, /^AROA[A-Z2-7]{17}:night-shift$/);
    assert.equal(identity.accessKeyId, role.accessKeyId);
    assert.equal(identity.userName, undefined);
    assert.deepEqual(identity.sessionContext.sessionIssuer, {
      type: 'Role',
      principalId: identity.principalId.split(':')[0],
      arn: `arn:aws:iam::${account}:role/operator`,
      accountId: account,
      userName: 'operator',
    });
    assert.equal(identity.sessionContext.attributes.mfaAuthenticated, 'false');
    assert.equal(events[0].Username, 'night-shift');
    assert.equal(record.errorCode, undefined);
    assert.equal((record.responseElements as { channelName: string }).channelName, 'by_role');
  });

  it('records the federated user with the user that asked for its token', async () => {
    const events = await eventually(async () => {
      const found = await lookupEvents('AccessKeyId', federated.accessKeyId);
      return found.length > 0 ? found : undefined;
    }, "the federated user's calls", { timeoutMs: 5_000, intervalMs: 20 });
    const [record] = recordsOf(events);
    assertValidRecord(record);
    const identity = record.userIdentity as Record<string, any>;
    assert.equal(identity.type, 'FederatedUser');
    assert.equal(identity.arn, `arn:aws:sts::${account}:federated-user/dashboard`);
    assert.equal(identity.principalId, `${account}:dashboard`);
    assert.equal(identity.sessionContext.sessionIssuer.type, 'IAMUser');
    assert.equal(identity.sessionContext.sessionIssuer.userName, 'reader');
  });

  it('gives the same records as JSON and CSV with oia events download', async () => {
    const env = { ...server.cliEnv(), OIA_LOG_LEVEL: 'silent' };
    const common = ['events', 'download', '--endpoint-url', server.url, '--lookup-attribute', 'Key=Username,Value=reader'];
    const looked = await lookupEvents('Username', 'reader');
    const json = await exec(process.execPath, [OIA, ...common, '--format', 'json'], env);
    assert.equal(json.code, 0, json.stderr);
    const records = (JSON.parse(json.stdout) as { Records: CloudTrailRecord[] }).Records;
    assert.deepEqual(records.map((r) => r.eventID).sort(), looked.map((e) => e.EventId).sort());
    for (const record of records) assertValidRecord(record);

    const csv = await exec(process.execPath, [OIA, ...common, '--format', 'csv'], env);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    assert.match(header, /^Event ID,Event time,User name,Event name/);
    assert.deepEqual(rows.map((r) => r.split(',')[0]).sort(), looked.map((e) => e.EventId).sort());
    assert.ok(rows.some((r) => r.includes('AccessDeniedException')), 'the denied call is in the CSV with its error code');
  });
});
