import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routes, routesFor, topicMatches } from './topic-routes.ts';

describe('MQTT routes', () => {
  it('matches topics as MQTT does', () => {
    assert.ok(topicMatches('a/+/c', 'a/b/c'));
    assert.ok(!topicMatches('a/+/c', 'a/b/d'));
    assert.ok(topicMatches('a/#', 'a'));
    assert.ok(topicMatches('a/#', 'a/b/c'));
    assert.ok(topicMatches('#', 'x/y'));
    assert.ok(!topicMatches('#', '$SYS/broker'));
    assert.ok(topicMatches('$SYS/#', '$SYS/broker'));
    assert.ok(!topicMatches('a/b', 'a/b/c'));
    assert.ok(topicMatches('+/+', '/x'));
  });

  it('routes by subscription identifier when the broker sends them, else by topic', () => {
    const all = routes([{ topicFilter: 'a/#', channelName: 'one' }, { topicFilter: 'a/b', channelName: 'two', region: 'eu-west-1' }], 'us-east-1');
    assert.deepEqual(all.map((r) => [r.identifier, r.region]), [[1, 'us-east-1'], [2, 'eu-west-1']]);
    assert.deepEqual(routesFor(all, 'a/b', [2]).map((r) => r.channelName), ['two']);
    assert.deepEqual(routesFor(all, 'a/b', []).map((r) => r.channelName), ['one', 'two']);
  });
});
