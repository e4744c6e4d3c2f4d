import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from './load.ts';
import { DEFAULTS } from './schema.ts';

describe('configuration of the data plane', () => {
  it('merges dataPlane and lambdas member by member, and takes MQTT routes from the file or the flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oia-config-'));
    try {
      const file = join(dir, 'config.json');
      writeFileSync(file, JSON.stringify({ dataPlane: { flushIntervalMs: 10 }, lambdas: { functions: { f: 'http://x/' } }, mqtt: { url: 'mqtt://broker:1883', routes: [{ topicFilter: 'a/#', channelName: 'c' }] } }));
      const config = loadConfig({ config: file }, {});
      assert.equal(config.dataPlane.flushIntervalMs, 10);
      assert.equal(config.dataPlane.chunkMessages, DEFAULTS.dataPlane.chunkMessages);
      assert.deepEqual(config.lambdas, { functions: { f: 'http://x/' }, timeoutMs: 30_000 });
      assert.deepEqual(config.mqtt?.routes, [{ topicFilter: 'a/#', channelName: 'c' }]);
      const flagged = loadConfig({ config: file, 'mqtt-url': 'mqtts://other:8883', 'mqtt-route': ['s/+/t=telemetry', 'x=y=z'], 'lambda-dir': '/fns' }, {});
      assert.equal(flagged.mqtt?.url, 'mqtts://other:8883');
      assert.deepEqual(flagged.mqtt?.routes, [{ topicFilter: 's/+/t', channelName: 'telemetry' }, { topicFilter: 'x=y', channelName: 'z' }]);
      assert.equal(flagged.lambdas.directory, '/fns');
      assert.equal(flagged.lambdas.timeoutMs, 30_000);
      assert.throws(() => loadConfig({ 'mqtt-url': 'http://x' }, {}), /mqtt:\/\/ or mqtts:\/\//);
      assert.throws(() => loadConfig({ 'mqtt-url': 'mqtt://x', 'mqtt-route': ['no-channel'] }, {}), /TOPIC_FILTER=CHANNEL/);
      assert.equal(DEFAULTS.dataPlane.flushIntervalMs, 1000, 'defaults are not changed by loading');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration of trails', () => {
  it('takes the delivery interval from the file or --delivery-interval, at least 1 second', () => {
    assert.equal(loadConfig({}, {}).trails.deliveryIntervalSeconds, 300);
    assert.equal(loadConfig({ 'delivery-interval': '1' }, {}).trails.deliveryIntervalSeconds, 1);
    assert.equal(loadConfig({ 'delivery-interval': '7' }, {}).trails.maxFileRecords, DEFAULTS.trails.maxFileRecords);
    for (const bad of ['0', '1.5', 'soon']) assert.throws(() => loadConfig({ 'delivery-interval': bad }, {}), /at least 1/);
  });

  it('takes the digest interval from the file or --digest-interval, at least 1 second', () => {
    assert.equal(loadConfig({}, {}).trails.digestIntervalSeconds, 3600);
    const both = loadConfig({ 'digest-interval': '5', 'delivery-interval': '2' }, {}).trails;
    assert.deepEqual([both.digestIntervalSeconds, both.deliveryIntervalSeconds], [5, 2]);
    for (const bad of ['0', '2.5', 'hourly']) assert.throws(() => loadConfig({ 'digest-interval': bad }, {}), /digest interval \(--digest-interval, trails.digestIntervalSeconds\) must be a whole number of seconds, at least 1/);
  });
});
