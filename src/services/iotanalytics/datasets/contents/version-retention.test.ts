import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DatasetConfig } from '../../resources/dataset.ts';
import type { ContentState, DatasetContent } from './content-store.ts';
import { deliveryKey } from './delivery.ts';
import { versionsToPurge } from './version-retention.ts';

const DAY = 86_400_000;
const NOW = new Date('2024-06-01T00:00:00Z');
const version = (id: string, state: ContentState, daysAgo: number): DatasetContent => ({
  region: 'us-east-1', dataset: 'd', versionId: id, state, trigger: 'MANUAL', entries: [],
  creationTime: new Date(NOW.getTime() - daysAgo * DAY), scheduleTime: new Date(NOW.getTime() - daysAgo * DAY),
});
const config = (more: Partial<DatasetConfig>): DatasetConfig => ({
  actions: [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT 1' } }], triggers: [], contentDeliveryRules: [],
  retentionPeriod: { unlimited: false, numberOfDays: 90 }, ...more,
});
const purged = (contents: DatasetContent[], c: DatasetConfig) => versionsToPurge(contents, c, NOW).map((v) => v.versionId);

describe('versionsToPurge (the user guide table of versioning × retention)', () => {
  const history = [version('a', 'SUCCEEDED', 100), version('b', 'SUCCEEDED', 50), version('c', 'SUCCEEDED', 3), version('d', 'FAILED', 2), version('e', 'CREATING', 1)];

  it('without versioning keeps the latest and the latest succeeded, within retention', () => {
    assert.deepEqual(purged(history, config({})), ['a', 'b', 'd']);
    assert.deepEqual(purged(history.slice(0, 4), config({})), ['a', 'b']);
  });

  it('with unlimited versions keeps all within retention, or all when retention is unlimited', () => {
    assert.deepEqual(purged(history, config({ versioningConfiguration: { unlimited: true } })), ['a']);
    assert.deepEqual(purged(history, config({ versioningConfiguration: { unlimited: true }, retentionPeriod: { unlimited: true } })), []);
  });

  it('with maxVersions keeps the newest N within retention', () => {
    assert.deepEqual(purged(history, config({ versioningConfiguration: { maxVersions: 3 } })), ['a', 'b']);
    assert.deepEqual(purged(history, config({ versioningConfiguration: { maxVersions: 4 }, retentionPeriod: { unlimited: false, numberOfDays: 1 } })), ['a', 'b', 'c', 'd']);
  });

  it('never purges a version being generated', () => {
    assert.deepEqual(purged([version('x', 'CREATING', 400)], config({})), []);
  });
});

describe('deliveryKey', () => {
  it("substitutes AWS's placeholders", () => {
    const content = { versionId: 'v-1', scheduleTime: new Date('2024-05-01T10:15:00Z'), creationTime: new Date('2024-05-01T10:15:02.5Z') };
    assert.equal(
      deliveryKey('ds/!{iotanalytics:scheduleTime}/!{iotanalytics:versionId}-!{iotanalytics:creationTime}.csv', content),
      'ds/2024-05-01 10:15:00.000/v-1-2024-05-01 10:15:02.500.csv',
    );
  });
});
