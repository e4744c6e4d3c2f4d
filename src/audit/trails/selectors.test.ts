import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdvancedFieldSelector } from '@aws-sdk/client-cloudtrail';
import type { JournalEntry } from '../event-store/event-store.ts';
import { checkSelectors, DEFAULT_SELECTORS, selects, type TrailSelectors } from './selectors.ts';

const entry = (fields: Partial<JournalEntry>): JournalEntry => ({
  position: 1,
  region: 'us-east-1',
  category: 'Management',
  time: 0,
  eventSource: 'iotanalytics.amazonaws.com',
  eventName: 'DescribeChannel',
  readOnly: true,
  resources: [],
  record: '{}',
  ...fields,
});
const read = entry({});
const write = entry({ eventName: 'CreateChannel', readOnly: false });
const kms = entry({ eventSource: 'kms.amazonaws.com', readOnly: false });
const put = entry({ category: 'Data', eventName: 'BatchPutMessage', readOnly: false, resources: [{ type: 'AWS::IoTAnalytics::Channel', arn: 'arn:aws:iotanalytics:us-east-1:123456789012:channel/plant' }] });
const getObject = entry({ category: 'Data', eventSource: 's3.amazonaws.com', eventName: 'GetObject', resources: [{ type: 'AWS::S3::Object', arn: 'arn:aws:s3:::logs/a/b' }] });
const otherObject = entry({ category: 'Data', eventSource: 's3.amazonaws.com', eventName: 'GetObject', resources: [{ type: 'AWS::S3::Object', arn: 'arn:aws:s3:::other/x' }] });
const all = { read, write, kms, put, getObject, otherObject };

const chosen = (selectors: TrailSelectors) =>
  Object.entries(all)
    .filter(([, e]) => selects(selectors, e))
    .map(([name]) => name);
const invalid = (message: string) => new Error(message);
const basic = (...EventSelectors: object[]) => checkSelectors({ EventSelectors }, invalid);

describe('event selectors', () => {
  it('log every management event and no data event by default', () => {
    assert.deepEqual(chosen(DEFAULT_SELECTORS), ['read', 'write', 'kms']);
  });

  it('choose management events by read/write type and excluded sources', () => {
    assert.deepEqual(chosen(basic({ ReadWriteType: 'ReadOnly' })), ['read']);
    assert.deepEqual(chosen(basic({ ReadWriteType: 'WriteOnly', ExcludeManagementEventSources: ['kms.amazonaws.com'] })), ['write']);
    assert.deepEqual(chosen(basic({ IncludeManagementEvents: false })), []);
  });

  it('choose data events by resource type and ARN prefix, read/write type included', () => {
    const data = { IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::logs/'] }, { Type: 'AWS::IoTAnalytics::Channel', Values: ['arn:aws:iotanalytics'] }] };
    assert.deepEqual(chosen(basic(data)), ['put', 'getObject']);
    assert.deepEqual(chosen(basic({ ...data, ReadWriteType: 'WriteOnly' })), ['put']);
    assert.deepEqual(chosen(basic({ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] })), ['getObject', 'otherObject']);
  });

  it('match advanced selectors field by field', () => {
    const advanced = (...FieldSelectors: AdvancedFieldSelector[]) => checkSelectors({ AdvancedEventSelectors: [{ FieldSelectors }] }, invalid);
    assert.deepEqual(chosen(advanced({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] })), ['write', 'kms']);
    assert.deepEqual(
      chosen(advanced({ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::other/'] })),
      ['getObject'],
    );
    assert.deepEqual(chosen(advanced({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventName', StartsWith: ['Create', 'Describe'], NotEndsWith: ['Channel'] })), []);
    assert.deepEqual(chosen(advanced({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] })), ['read', 'write']);
  });

  it('fill in AWS defaults for basic selectors', () => {
    assert.deepEqual(basic({}), DEFAULT_SELECTORS);
  });
});
