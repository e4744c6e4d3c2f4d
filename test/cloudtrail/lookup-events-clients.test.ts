// LookupEvents through Debian's AWS CLI v2 (2.9) and boto3 (1.26): the
// X-Amz-Target prefix botocore sends, its pagination, and records of calls
// made with botocore.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../support/eventually.ts';
import { exec } from '../support/exec.ts';
import { assertAllStoredRecordsValid, assertValidRecord } from '../support/record-schema.ts';
import { startServer, type TestServer } from '../support/server.ts';

describe('LookupEvents through botocore clients', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await assertAllStoredRecordsValid(server.app.database.reader);
    await server.stop();
  });

  const run = (...args: string[]) => exec('/usr/bin/aws', ['--endpoint-url', server.url, '--output', 'json', ...args], server.cliEnv());
  const aws = async (...args: string[]) => {
    const { code, stdout, stderr } = await run(...args);
    assert.equal(code, 0, stderr);
    return JSON.parse(stdout || '{}');
  };

  it('aws cloudtrail lookup-events finds CLI calls by resource name and pages through them', async () => {
    await aws('iotanalytics', 'create-channel', '--channel-name', 'cli_a');
    await aws('iotanalytics', 'describe-channel', '--channel-name', 'cli_a');
    const filter = ['--lookup-attributes', 'AttributeKey=ResourceName,AttributeValue=cli_a'];
    type CliEvent = { EventName: string; ReadOnly: string; Username: string; CloudTrailEvent: string; EventTime: string };
    // Read-only records are written a few milliseconds after the response: poll.
    const events = await eventually(async () => {
      const found: CliEvent[] = (await aws('cloudtrail', 'lookup-events', ...filter)).Events;
      return found.length === 2 ? found : undefined;
    }, 'both calls in lookup-events', { timeoutMs: 5_000, intervalMs: 20 });
    assert.deepEqual(events.map((e) => [e.EventName, e.ReadOnly, e.Username]), [['DescribeChannel', 'true', 'root'], ['CreateChannel', 'false', 'root']]);
    const record = JSON.parse(events[1].CloudTrailEvent);
    assertValidRecord(record);
    assert.match(record.userAgent, /^aws-cli\/2\.9\.19 .*command\/iotanalytics\.create-channel/);
    assert.deepEqual(record.requestParameters, { channelName: 'cli_a' });
    assert.equal(Date.parse(events[1].EventTime), Date.parse(record.eventTime));

    const first = await aws('cloudtrail', 'lookup-events', ...filter, '--page-size', '1', '--max-items', '1');
    assert.deepEqual(first.Events.map((e: { EventName: string }) => e.EventName), ['DescribeChannel']);
    assert.ok(first.NextToken);
    const rest = await aws('cloudtrail', 'lookup-events', ...filter, '--page-size', '1', '--starting-token', first.NextToken);
    assert.deepEqual(rest.Events.map((e: { EventName: string }) => e.EventName), ['CreateChannel']);
  });

  it('aws cloudtrail lookup-events reports InvalidLookupAttributesException', async () => {
    const { code, stderr } = await run('cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=a', 'AttributeKey=ReadOnly,AttributeValue=true');
    assert.equal(code, 254);
    assert.match(stderr, /An error occurred \(InvalidLookupAttributesException\) when calling the LookupEvents operation: You can specify at most one lookup attribute\./);
  });

  it('boto3: the record of a call carries the RequestId boto3 saw; the paginator walks every page', async () => {
    const script = `
import boto3, json, time
session = boto3.session.Session()
iota = session.client('iotanalytics', endpoint_url='${server.url}')
ct = session.client('cloudtrail', endpoint_url='${server.url}')
request_ids = [iota.create_channel(channelName=f'boto_{i}')['ResponseMetadata']['RequestId'] for i in range(3)]
pages = ct.get_paginator('lookup_events').paginate(
    LookupAttributes=[{'AttributeKey': 'EventName', 'AttributeValue': 'CreateChannel'}],
    PaginationConfig={'PageSize': 1})
events = [e for page in pages for e in page['Events']]
print(json.dumps({'requestIds': request_ids, 'pages': len(events), 'events': [
  {'name': e['Resources'][0]['ResourceName'], 'record': json.loads(e['CloudTrailEvent']), 'time': e['EventTime'].isoformat()} for e in events]}))
`;
    const { code, stdout, stderr } = await exec('/usr/bin/python3', ['-c', script], server.cliEnv());
    assert.equal(code, 0, stderr);
    const out = JSON.parse(stdout);
    // One event per page; the CLI test's channel comes last.
    assert.equal(out.pages, 4);
    assert.deepEqual(out.events.map((e: { name: string }) => e.name), ['boto_2', 'boto_1', 'boto_0', 'cli_a']);
    const botoEvents = out.events.slice(0, 3);
    assert.deepEqual(botoEvents.map((e: { record: { requestID: string } }) => e.record.requestID), [...out.requestIds].reverse());
    for (const { record } of botoEvents) {
      assertValidRecord(record);
      assert.match(record.userAgent, /^Boto3\/1\.26/);
    }
  });
});
