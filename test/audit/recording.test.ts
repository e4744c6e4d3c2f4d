// Every API call gets its CloudTrail record: through the official SDKs,
// against a real server, read back with LookupEvents.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateChannelCommand, DescribeChannelCommand } from '@aws-sdk/client-iotanalytics';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { lookup, recordOf } from '../support/cloudtrail.ts';
import { assertAllStoredRecordsValid } from '../support/record-schema.ts';
import { IAMClient, ListGroupsCommand } from '@aws-sdk/client-iam';
import { startServer, type TestServer } from '../support/server.ts';

describe('audit records through the SDKs', () => {
  let server: TestServer;
  let account: string;
  before(async () => {
    server = await startServer();
    account = server.app.account.accountId;
  });
  after(async () => {
    assert.ok((await assertAllStoredRecordsValid(server.app.database.reader)) > 0);
    await server.stop();
  });

  it('records a root call with the request id the response carried', async () => {
    const created = await server.iotanalytics().send(new CreateChannelCommand({ channelName: 'audited', retentionPeriod: { numberOfDays: 3 } }));
    const requestId = created.$metadata.requestId!;
    const { event, record } = await recordOf(server.cloudtrail(), 'CreateChannel', requestId);
    const arn = `arn:aws:iotanalytics:us-east-1:${account}:channel/audited`;
    assert.deepEqual(record.userIdentity, {
      type: 'Root',
      principalId: account,
      arn: `arn:aws:iam::${account}:root`,
      accountId: account,
      accessKeyId: server.credentials.accessKeyId,
    });
    assert.equal(record.eventSource, 'iotanalytics.amazonaws.com');
    assert.equal(record.awsRegion, 'us-east-1');
    assert.equal(record.sourceIPAddress, '127.0.0.1');
    assert.match(record.userAgent!, /aws-sdk-js/);
    assert.deepEqual(record.requestParameters, { channelName: 'audited', retentionPeriod: { numberOfDays: 3 } });
    assert.deepEqual(record.responseElements, { channelName: 'audited', channelArn: arn, retentionPeriod: { unlimited: false, numberOfDays: 3 } });
    assert.equal(record.readOnly, false);
    assert.deepEqual(record.resources, [{ ARN: arn, accountId: account, type: 'AWS::IoTAnalytics::Channel' }]);
    assert.equal('errorCode' in record, false);
    assert.deepEqual(
      { ...event, CloudTrailEvent: undefined, EventTime: undefined },
      {
        EventId: record.eventID,
        EventName: 'CreateChannel',
        ReadOnly: 'false',
        AccessKeyId: server.credentials.accessKeyId,
        EventTime: undefined,
        EventSource: 'iotanalytics.amazonaws.com',
        Username: 'root',
        Resources: [{ ResourceType: 'AWS::IoTAnalytics::Channel', ResourceName: 'audited' }],
        CloudTrailEvent: undefined,
      },
    );
    assert.equal(event.EventTime!.toISOString().replace('.000Z', 'Z'), record.eventTime);
  });

  it('records a failed call with its error, its parameters and no response elements', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'twice' }));
    const error = await client.send(new CreateChannelCommand({ channelName: 'twice' })).catch((e) => e);
    const { record } = await recordOf(server.cloudtrail(), 'CreateChannel', error.$metadata.requestId);
    assert.equal(record.errorCode, 'ResourceAlreadyExistsException');
    assert.equal(record.errorMessage, 'A channel named twice already exists.');
    assert.deepEqual(record.requestParameters, { channelName: 'twice' });
    assert.equal(record.responseElements, null);
  });

  it('records read-only calls as read-only, visible to LookupEvents shortly after the response', async () => {
    const described = await server.iotanalytics().send(new DescribeChannelCommand({ channelName: 'audited' }));
    // recordOf polls: a buffered read-only record appears within milliseconds; the poll allows seconds.
    const { event, record } = await recordOf(server.cloudtrail(), 'DescribeChannel', described.$metadata.requestId!);
    assert.equal(event.ReadOnly, 'true');
    assert.equal(record.readOnly, true);
    assert.equal(record.responseElements, null);
    assert.deepEqual(record.requestParameters, { channelName: 'audited' });
  });

  it('records calls that fail validation and operations not built yet', async () => {
    const invalid = await server.iotanalytics().send(new CreateChannelCommand({ channelName: 'no-dashes' })).catch((e) => e);
    const { record } = await recordOf(server.cloudtrail(), 'CreateChannel', invalid.$metadata.requestId);
    assert.equal(record.errorCode, 'InvalidRequestException');
    assert.deepEqual(record.requestParameters, { channelName: 'no-dashes' });

    // IAM groups are not built (docs/COVERAGE.md); their calls are recorded all the same.
    const unbuilt = await new IAMClient(server.clientConfig()).send(new ListGroupsCommand({})).catch((e) => e);
    const listed = await recordOf(server.cloudtrail({ region: 'us-east-1' }), 'ListGroups', unbuilt.$metadata.requestId);
    assert.equal(listed.record.errorCode, 'NotImplementedException');
    assert.equal(listed.record.eventSource, 'iam.amazonaws.com');
  });

  it('records requests with a bad signature or an unknown key as Unknown, with the claimed key', async () => {
    const wrongSecret = { accessKeyId: server.credentials.accessKeyId, secretAccessKey: 'not-the-secret' };
    const badSignature = await server.iotanalytics({ credentials: wrongSecret }).send(new CreateChannelCommand({ channelName: 'forged' })).catch((e) => e);
    assert.equal(badSignature.name, 'InvalidSignatureException');
    const signed = await recordOf(server.cloudtrail(), 'CreateChannel', badSignature.$metadata.requestId);
    assert.deepEqual(signed.record.userIdentity, { type: 'Unknown', accountId: account, accessKeyId: server.credentials.accessKeyId });
    assert.equal(signed.record.errorCode, 'InvalidSignatureException');
    assert.equal(signed.record.requestParameters, null);
    assert.equal(signed.event.Username, undefined);
    assert.equal(signed.event.AccessKeyId, server.credentials.accessKeyId);

    const stranger = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'whatever' };
    const unknownKey = await server.iotanalytics({ credentials: stranger, region: 'eu-west-1' }).send(new DescribeChannelCommand({ channelName: 'x' })).catch((e) => e);
    assert.equal(unknownKey.name, 'UnrecognizedClientException');
    // Recorded in the region the request was signed for.
    const euClient = server.cloudtrail({ region: 'eu-west-1' });
    const unknown = await recordOf(euClient, 'DescribeChannel', unknownKey.$metadata.requestId);
    assert.deepEqual(unknown.record.userIdentity, { type: 'Unknown', accountId: account, accessKeyId: 'AKIAUNKNOWNKEY000000' });
    assert.equal(unknown.record.awsRegion, 'eu-west-1');
    assert.deepEqual((await lookup(euClient, 'AccessKeyId', 'AKIAUNKNOWNKEY000000')).map((e) => e.EventId), [unknown.event.EventId]);
  });

  it('does not record requests that address no known operation', async () => {
    // LookupEvents calls (which recordOf makes while polling) are recorded too; leave them out of the count.
    const count = async () =>
      (await server.app.database.reader.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_events WHERE json_extract(record, '$.eventName') != 'LookupEvents'"))!.n;
    const before = await count();
    // Unsigned: no service claims it, and it is asked to authenticate.
    assert.equal((await fetch(`${server.url}/no/such/route`, { method: 'POST' })).status, 403);
    const unknownTarget = await fetch(server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'CloudTrail_20131101.NoSuchOperation', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    // Coral names an unknown target before it asks for authentication.
    assert.equal(unknownTarget.status, 400);
    assert.equal(unknownTarget.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    // Records are written in order: once this probe's is visible, theirs would be.
    const probe = await server.iotanalytics().send(new DescribeChannelCommand({ channelName: 'audited' }));
    await recordOf(server.cloudtrail(), 'DescribeChannel', probe.$metadata.requestId!);
    assert.equal(await count(), before + 1, 'only the probe was recorded');
  });

  it("records CloudTrail's own LookupEvents calls as read-only management events", async () => {
    const response = await server.cloudtrail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateChannel' }] }));
    const { record } = await recordOf(server.cloudtrail(), 'LookupEvents', response.$metadata.requestId!);
    assert.equal(record.eventSource, 'cloudtrail.amazonaws.com');
    assert.equal(record.readOnly, true);
    assert.equal(record.eventCategory, 'Management');
    assert.deepEqual(record.requestParameters, { lookupAttributes: [{ attributeKey: 'EventName', attributeValue: 'CreateChannel' }] });
  });
});
