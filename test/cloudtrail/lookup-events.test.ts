// LookupEvents through @aws-sdk/client-cloudtrail: every lookup attribute,
// time bounds, pagination, and the errors of bad requests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudTrailClient,
  InvalidEventCategoryException,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
  LookupEventsCommand,
  paginateLookupEvents,
  ThrottlingException,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { CreateChannelCommand, DescribeChannelCommand } from '@aws-sdk/client-iotanalytics';
import { sampleRecord } from '../../src/audit/event-store/conformance.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { lookup, recordOf } from '../support/cloudtrail.ts';
import { assertAllStoredRecordsValid } from '../support/record-schema.ts';
import { startServer, type TestServer } from '../support/server.ts';

describe('LookupEvents', () => {
  let server: TestServer;
  let ct: CloudTrailClient;
  /** Event ids of the calls made in before(), newest first. */
  let describeId: string;
  let createIds: string[];

  before(async () => {
    server = await startServer();
    ct = server.cloudtrail();
    const iota = server.iotanalytics();
    const first = await iota.send(new CreateChannelCommand({ channelName: 'lookup_a' }));
    const second = await iota.send(new CreateChannelCommand({ channelName: 'lookup_b' }));
    const described = await iota.send(new DescribeChannelCommand({ channelName: 'lookup_a' }));
    createIds = [
      (await recordOf(ct, 'CreateChannel', second.$metadata.requestId!)).record.eventID,
      (await recordOf(ct, 'CreateChannel', first.$metadata.requestId!)).record.eventID,
    ];
    describeId = (await recordOf(ct, 'DescribeChannel', described.$metadata.requestId!)).record.eventID;
  });
  after(async () => {
    await assertAllStoredRecordsValid(server.app.database.reader);
    await server.stop();
  });

  const ids = async (input: LookupEventsCommandInput) => ((await ct.send(new LookupEventsCommand(input))).Events ?? []).map((e) => e.EventId);
  const by = (AttributeKey: string, AttributeValue: string, extra: LookupEventsCommandInput = {}) =>
    ids({ LookupAttributes: [{ AttributeKey: AttributeKey as never, AttributeValue }], ...extra });

  it('finds events by each of the eight lookup attributes', async () => {
    assert.deepEqual(await by('EventId', describeId), [describeId]);
    assert.deepEqual(await by('EventName', 'CreateChannel'), createIds);
    assert.deepEqual(await by('ResourceName', 'lookup_a'), [describeId, createIds[1]]);
    assert.deepEqual(await by('ResourceName', `arn:aws:iotanalytics:us-east-1:${server.app.account.accountId}:channel/lookup_b`), [createIds[0]]);
    assert.deepEqual(await by('ResourceType', 'AWS::IoTAnalytics::Channel'), [describeId, ...createIds]);
    assert.deepEqual(await by('ReadOnly', 'false'), createIds);
    assert.deepEqual(await by('EventSource', 'iotanalytics.amazonaws.com'), [describeId, ...createIds]);
    // Username and AccessKeyId: every call here was the root user's, LookupEvents polls included.
    const everything = await ids({});
    assert.ok(everything.length > 3);
    assert.deepEqual(await by('Username', 'root', { EndTime: new Date() }).then((l) => l.length > 3), true);
    const byKey = await by('AccessKeyId', server.credentials.accessKeyId);
    for (const id of [describeId, ...createIds]) assert.ok(byKey.includes(id));
    const readOnly = await lookup(ct, 'ReadOnly', 'true');
    assert.ok(readOnly.every((e) => e.ReadOnly === 'true') && readOnly.some((e) => e.EventId === describeId));
    assert.deepEqual(await by('EventName', 'createchannel'), [], 'values match case-sensitively');
  });

  it('includes both ends of the time range', async () => {
    const [newest] = (await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: createIds[0] }] }))).Events!;
    const time = newest.EventTime!;
    assert.deepEqual(await by('EventId', createIds[0], { StartTime: time, EndTime: time }), [createIds[0]]);
    assert.deepEqual(await by('EventId', createIds[0], { StartTime: new Date(time.getTime() + 1000) }), []);
    assert.deepEqual(await by('EventId', createIds[0], { EndTime: new Date(time.getTime() - 1000) }), []);
  });

  it('pages newest first with an opaque NextToken, through the SDK paginator', async () => {
    const pages: string[][] = [];
    for await (const page of paginateLookupEvents({ client: ct, pageSize: 1 }, { LookupAttributes: [{ AttributeKey: 'ResourceType', AttributeValue: 'AWS::IoTAnalytics::Channel' }] })) {
      pages.push((page.Events ?? []).map((e) => e.EventId!));
    }
    assert.deepEqual(pages, [[describeId], [createIds[0]], [createIds[1]]]);
  });

  it('answers InvalidNextTokenException for a garbled token or one issued for other parameters', async () => {
    const first = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateChannel' }], MaxResults: 1 }));
    assert.ok(first.NextToken);
    const same = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateChannel' }], MaxResults: 5, NextToken: first.NextToken }));
    assert.deepEqual(same.Events!.map((e) => e.EventId), [createIds[1]]);
    for (const input of [
      { LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: 'DescribeChannel' }], NextToken: first.NextToken },
      { NextToken: first.NextToken },
      { LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: 'CreateChannel' }], NextToken: first.NextToken!.slice(0, -2) + 'xx' },
    ]) {
      const error = await ct.send(new LookupEventsCommand(input)).catch((e) => e);
      assert.ok(error instanceof InvalidNextTokenException, String(error));
      assert.equal(error.$metadata.httpStatusCode, 400);
    }
  });

  it('rejects bad parameters with the modelled exceptions', async () => {
    const cases: [LookupEventsCommandInput, new (...args: never[]) => Error, RegExp][] = [
      [{ MaxResults: 0 }, InvalidMaxResultsException, /at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1/],
      [{ MaxResults: 51 }, InvalidMaxResultsException, /less than or equal to 50/],
      [{ EventCategory: 'management' as never }, InvalidEventCategoryException, /enum value set: \[insight\]/],
      [{ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'a' }, { AttributeKey: 'ReadOnly', AttributeValue: 'true' }] }, InvalidLookupAttributesException, /at most one/],
      [{ LookupAttributes: [{ AttributeKey: 'SourceIPAddress' as never, AttributeValue: '1.2.3.4' }] }, InvalidLookupAttributesException, /at 'lookupAttributes.1.member.attributeKey' failed to satisfy constraint: Member must satisfy enum value set/],
      [{ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: '' }] }, InvalidLookupAttributesException, /length greater than or equal to 1/],
      [{ StartTime: new Date('2024-05-02T00:00:00Z'), EndTime: new Date('2024-05-01T00:00:00Z') }, InvalidTimeRangeException, /start time/],
    ];
    for (const [input, type, message] of cases) {
      const error = await ct.send(new LookupEventsCommand(input)).catch((e) => e as InvalidMaxResultsException);
      assert.ok(error instanceof type, `${JSON.stringify(input)}: ${error}`);
      assert.match(error.message, message);
      assert.equal(error.$metadata.httpStatusCode, 400);
    }
  });

  it('returns no events for EventCategory insight', async () => {
    assert.deepEqual(await ids({ EventCategory: 'insight' }), []);
  });

  it('answers only for the region the call was signed for', async () => {
    assert.deepEqual(await ids({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: describeId }] }), [describeId]);
    const elsewhere = server.cloudtrail({ region: 'eu-central-1' });
    assert.deepEqual(((await elsewhere.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: describeId }] }))).Events ?? []), []);
  });
});

describe('LookupEvents rate limit and retention', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date());
  before(async () => {
    server = await startServer({ clock, config: { audit: { enabled: true, retentionDays: 90, lookupEventsRateLimit: true } } });
  });
  after(() => server.stop());

  it('allows two calls per second per region when the limit is on, then answers ThrottlingException', async () => {
    const ct = server.cloudtrail();
    await ct.send(new LookupEventsCommand({}));
    await ct.send(new LookupEventsCommand({}));
    const error = await ct.send(new LookupEventsCommand({})).catch((e) => e);
    assert.ok(error instanceof ThrottlingException);
    assert.equal(error.message, 'Rate exceeded');
    assert.equal(error.$metadata.httpStatusCode, 400);
    await server.cloudtrail({ region: 'eu-west-1' }).send(new LookupEventsCommand({}));
    clock.advance(1000);
    await ct.send(new LookupEventsCommand({}));
  });

  it('covers only the retention period', async () => {
    const day = 24 * 60 * 60 * 1000;
    const aged = (days: number) => sampleRecord(0, { eventTime: new Date(clock.now().getTime() - days * day).toISOString().replace(/\.\d{3}Z$/, 'Z') });
    const [kept, expired] = [aged(89), aged(91)];
    await server.app.database.transaction(async (tx) => {
      await server.app.events.append(tx, [kept, expired]);
      await server.app.events.index(tx);
    });
    clock.advance(1000);
    const find = async (eventId: string) =>
      (await server.cloudtrail().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: eventId }] }))).Events!.length;
    assert.equal(await find(kept.eventID), 1, 'within 90 days');
    assert.equal(await find(expired.eventID), 0, 'older than 90 days');
  });
});
