// The conformance suite every EventStore implementation must pass (SQLite
// today, PostgreSQL later): run it from the implementation's own test file
// with a factory for a fresh, migrated database.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../storage/db/database.ts';
import { assertValidRecord } from '../../../test/support/record-schema.ts';
import type { CloudTrailRecord } from '../record.ts';
import type { EventStore, LookupQuery } from './event-store.ts';

export interface StoreUnderTest {
  store: EventStore;
  db: Database;
  /** A new store on the same database, as after a restart. */
  reopen(): Promise<EventStore>;
  close(): Promise<void>;
}

const ACCOUNT = '123456789012';
const T0 = Date.parse('2024-05-01T12:00:00Z');

/** A valid record at `T0 + second` seconds, with fields overridden. */
export function sampleRecord(second: number, fields: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  const record: CloudTrailRecord = {
    eventVersion: '1.09',
    userIdentity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: 'AKIAROOT' },
    eventTime: new Date(T0 + second * 1000).toISOString().replace('.000Z', 'Z'),
    eventSource: 'iotanalytics.amazonaws.com',
    eventName: 'DescribeChannel',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    requestParameters: null,
    responseElements: null,
    requestID: randomUUID(),
    eventID: randomUUID(),
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...fields,
  };
  assertValidRecord(record);
  return record;
}

const at = (second: number) => new Date(T0 + second * 1000);
const channel = (name: string) => ({ ARN: `arn:aws:iotanalytics:us-east-1:${ACCOUNT}:channel/${name}`, accountId: ACCOUNT, type: 'AWS::IoTAnalytics::Channel' });

export function eventStoreConformance(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`EventStore conformance: ${name}`, () => {
    let subject: StoreUnderTest;
    const append = (...records: CloudTrailRecord[]) =>
      subject.db.transaction(async (tx) => {
        await subject.store.append(tx, records);
        await subject.store.index(tx);
      });
    const ids = async (query: Partial<LookupQuery>) =>
      (await subject.store.lookup({ region: 'us-east-1', limit: 50, ...query })).records.map((r) => (JSON.parse(r) as CloudTrailRecord).eventID);

    before(async () => {
      subject = await open();
    });
    after(() => subject.close());

    it('returns the records of a region newest first, as stored', async () => {
      const older = sampleRecord(1, { awsRegion: 'eu-west-1' });
      const newer = sampleRecord(2, { awsRegion: 'eu-west-1', userAgent: 'ünïcode ✓' });
      await append(newer, older, sampleRecord(3, { awsRegion: 'eu-north-1' }));
      const page = await subject.store.lookup({ region: 'eu-west-1', limit: 50 });
      assert.deepEqual(page.records, [JSON.stringify(newer), JSON.stringify(older)]);
      assert.equal(page.cursor, undefined);
    });

    it('filters by each lookup attribute, exactly and case-sensitively', async () => {
      const region = 'ap-southeast-2';
      const r = (second: number, fields: Partial<CloudTrailRecord>) => sampleRecord(second, { awsRegion: region, ...fields });
      const alice = { type: 'IAMUser', principalId: 'AIDAALICE', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, accessKeyId: 'AKIAALICE', userName: 'alice' };
      const a = r(10, { eventName: 'CreateChannel', readOnly: false, resources: [channel('ch1')] });
      const b = r(11, { eventName: 'DescribeChannel', userIdentity: alice, resources: [channel('ch2')] });
      const c = r(12, { eventName: 'LookupEvents', eventSource: 'cloudtrail.amazonaws.com' });
      await append(a, b, c);
      const lookup = (key: string, value: string) => ids({ region, attribute: { key: key as never, value } });
      assert.deepEqual(await lookup('EventId', b.eventID), [b.eventID]);
      assert.deepEqual(await lookup('EventName', 'CreateChannel'), [a.eventID]);
      assert.deepEqual(await lookup('EventName', 'createchannel'), []);
      assert.deepEqual(await lookup('ReadOnly', 'false'), [a.eventID]);
      assert.deepEqual(await lookup('ReadOnly', 'true'), [c.eventID, b.eventID]);
      assert.deepEqual(await lookup('ReadOnly', 'TRUE'), []);
      assert.deepEqual(await lookup('Username', 'alice'), [b.eventID]);
      assert.deepEqual(await lookup('Username', 'root'), [c.eventID, a.eventID]);
      assert.deepEqual(await lookup('ResourceType', 'AWS::IoTAnalytics::Channel'), [b.eventID, a.eventID]);
      assert.deepEqual(await lookup('ResourceName', 'ch1'), [a.eventID]);
      assert.deepEqual(await lookup('ResourceName', channel('ch2').ARN), [b.eventID]);
      assert.deepEqual(await lookup('EventSource', 'cloudtrail.amazonaws.com'), [c.eventID]);
      assert.deepEqual(await lookup('AccessKeyId', 'AKIAALICE'), [b.eventID]);
      assert.deepEqual(await lookup('AccessKeyId', 'akiaalice'), []);
    });

    it('treats both ends of a time range as inclusive, to the second', async () => {
      const region = 'ca-central-1';
      const records = [20, 21, 22, 23].map((s) => sampleRecord(s, { awsRegion: region }));
      await append(...records);
      const [, s21, s22] = records.map((r) => r.eventID);
      assert.deepEqual(await ids({ region, startTime: at(21), endTime: at(22) }), [s22, s21]);
      // Fractions of a second: an event at 21 is not at or after 21.5; one at 22 is at or before 22.9.
      assert.deepEqual(await ids({ region, startTime: new Date(at(21).getTime() + 500), endTime: new Date(at(22).getTime() + 900) }), [s22]);
      assert.deepEqual(await ids({ region, startTime: at(23), endTime: at(22) }), []);
    });

    it('pages with a cursor, without gaps or repeats, unaffected by newer events', async () => {
      const region = 'sa-east-1';
      // Several events share a second: the order within it is the append order.
      const records = Array.from({ length: 23 }, (_, i) => sampleRecord(30 + Math.floor(i / 4), { awsRegion: region, eventName: 'ListChannels' }));
      await append(...records);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await subject.store.lookup({ region, attribute: { key: 'EventName', value: 'ListChannels' }, limit: 5, cursor });
        seen.push(...page.records.map((r) => (JSON.parse(r) as CloudTrailRecord).eventID));
        cursor = page.cursor;
        if (pages++ === 0) await append(sampleRecord(60, { awsRegion: region, eventName: 'ListChannels' }));
      } while (cursor);
      assert.equal(pages, 5);
      assert.deepEqual(seen, records.map((r) => r.eventID).reverse());
    });

    it('keeps data events but never returns them', async () => {
      const region = 'us-west-1';
      const data = sampleRecord(-1000, { awsRegion: region, eventName: 'BatchPutMessage', readOnly: false, eventCategory: 'Data', managementEvent: false, resources: [channel('ch9')] });
      const management = sampleRecord(-999, { awsRegion: region });
      await append(data, management);
      assert.deepEqual(await ids({ region }), [management.eventID]);
      assert.deepEqual(await ids({ region, attribute: { key: 'EventName', value: 'BatchPutMessage' } }), []);
      assert.deepEqual(await ids({ region, attribute: { key: 'EventId', value: data.eventID } }), []);
      assert.deepEqual(await ids({ region, attribute: { key: 'ResourceName', value: 'ch9' } }), []);
      // Stored all the same: it is the one event before -999 s that purging deletes.
      assert.equal(await subject.store.purgeBefore(at(-999)), 1);
      assert.deepEqual(await ids({ region }), [management.eventID]);
    });

    it('stores nothing from a transaction that rolls back', async () => {
      const record = sampleRecord(50, { awsRegion: 'me-south-1' });
      await assert.rejects(
        subject.db.transaction(async (tx) => {
          await subject.store.append(tx, [record]);
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      assert.deepEqual(await ids({ region: 'me-south-1' }), []);
      await append(record);
      assert.deepEqual(await ids({ region: 'me-south-1' }), [record.eventID]);
    });

    it('returns records appended in committed transactions, indexed or not, also after a restart', async () => {
      const region = 'eu-south-1';
      const [first, second, third] = [70, 71, 72].map((s) => sampleRecord(s, { awsRegion: region, resources: [channel(`later${s}`)] }));
      await subject.db.transaction((tx) => subject.store.append(tx, [first]));
      assert.deepEqual(await ids({ region }), [first.eventID]);
      await subject.db.transaction((tx) => subject.store.append(tx, [second]));
      await subject.db.transaction((tx) => subject.store.append(tx, [third]));
      const restarted = await subject.reopen();
      assert.deepEqual(await ids({ region }), [third.eventID, second.eventID, first.eventID]);
      await subject.db.transaction((tx) => restarted.index(tx));
      assert.equal(await subject.db.transaction((tx) => restarted.index(tx)), 0, 'nothing left to index');
      assert.deepEqual(await ids({ region }), [third.eventID, second.eventID, first.eventID]);
      assert.deepEqual(await ids({ region, attribute: { key: 'ResourceName', value: 'later71' } }), [second.eventID]);
    });

    it('purges events before a time, and their resources with them', async () => {
      const region = 'af-south-1';
      const old = sampleRecord(-100, { awsRegion: region, resources: [channel('old')] });
      const kept = sampleRecord(-99, { awsRegion: region, resources: [channel('kept')] });
      await append(old, kept);
      const purged = await subject.store.purgeBefore(at(-99));
      assert.ok(purged >= 1);
      assert.deepEqual(await ids({ region }), [kept.eventID]);
      assert.deepEqual(await ids({ region, attribute: { key: 'ResourceName', value: 'old' } }), []);
      assert.deepEqual(await ids({ region, attribute: { key: 'ResourceName', value: 'kept' } }), [kept.eventID]);
      assert.equal(await subject.store.purgeBefore(at(-99)), 0);
    });

    it('reads the journal in commit order after a position, data events included', async () => {
      const start = await subject.store.head();
      const data = sampleRecord(-5, { awsRegion: 'eu-west-3', eventName: 'BatchPutMessage', readOnly: false, eventCategory: 'Data', managementEvent: false, resources: [channel('j1')] });
      const management = sampleRecord(-10, { awsRegion: 'eu-west-3' });
      await append(data);
      await append(management);
      const head = await subject.store.head();
      const entries = await subject.store.readAfter(start, 10);
      assert.deepEqual(entries.map((e) => e.record), [JSON.stringify(data), JSON.stringify(management)]);
      assert.equal(entries[1].position, head);
      assert.ok(entries[0].position > start && entries[0].position < entries[1].position);
      const { region, category, time, eventSource, eventName, readOnly, resources } = entries[0];
      assert.deepEqual({ region, category, time, eventSource, eventName, readOnly, resources }, {
        region: 'eu-west-3',
        category: 'Data',
        time: Date.parse(data.eventTime) / 1000,
        eventSource: 'iotanalytics.amazonaws.com',
        eventName: 'BatchPutMessage',
        readOnly: false,
        resources: [{ type: channel('j1').type, arn: channel('j1').ARN }],
      });
      assert.deepEqual((await subject.store.readAfter(start, 1)).map((e) => e.record), [JSON.stringify(data)]);
      assert.deepEqual(await subject.store.readAfter(head, 10), []);
    });

    it('keeps events after the position trails have delivered up to when purging', async () => {
      const region = 'il-central-1';
      const delivered = sampleRecord(-300, { awsRegion: region });
      await append(delivered);
      const keepAfter = await subject.store.head();
      const undelivered = sampleRecord(-300, { awsRegion: region });
      await append(undelivered, sampleRecord(5, { awsRegion: region }));
      await subject.store.purgeBefore(at(-200), keepAfter);
      assert.deepEqual((await ids({ region })).slice(1), [undelivered.eventID]);
      await subject.store.purgeBefore(at(-200));
      assert.equal((await ids({ region })).length, 1);
    });
  });
}
