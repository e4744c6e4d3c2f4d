import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceModel } from '../model/service-model.ts';
import { RestRouter } from './rest-router.ts';

function model(operations: Record<string, { method: string; uri: string }>): ServiceModel {
  const shapes: Record<string, unknown> = {
    'test#Svc': {
      type: 'service',
      version: '1',
      operations: Object.keys(operations).map((name) => ({ target: `test#${name}` })),
      traits: { 'aws.protocols#restJson1': {}, 'aws.api#service': { sdkId: 'Svc' }, 'aws.auth#sigv4': { name: 'svc' } },
    },
  };
  for (const [name, http] of Object.entries(operations)) {
    shapes[`test#${name}`] = { type: 'operation', traits: { 'smithy.api#http': { ...http, code: 200 } } };
  }
  return new ServiceModel({ smithy: '2.0', shapes } as never);
}

const route = (router: RestRouter, method: string, path: string, query: [string, string][] = []) => {
  const m = router.match({ method, path, query });
  return m && { op: m.operation.name, labels: m.labels };
};

describe('RestRouter', () => {
  const router = new RestRouter(
    model({
      ListObjects: { method: 'GET', uri: '/{Bucket}' },
      GetBucketLocation: { method: 'GET', uri: '/{Bucket}?location' },
      ListObjectsV2: { method: 'GET', uri: '/{Bucket}?list-type=2' },
      GetObject: { method: 'GET', uri: '/{Bucket}/{Key+}' },
      ListBuckets: { method: 'GET', uri: '/' },
      DescribeChannel: { method: 'GET', uri: '/channels/{channelName}' },
      Sample: { method: 'GET', uri: '/channels/{channelName}/sample' },
    }).operations.values(),
  );

  it('prefers literal segments over labels', () => {
    assert.deepEqual(route(router, 'GET', '/channels/ch1'), { op: 'DescribeChannel', labels: { channelName: 'ch1' } });
    assert.deepEqual(route(router, 'GET', '/channels/ch1/sample'), { op: 'Sample', labels: { channelName: 'ch1' } });
  });

  it('decodes labels, which are never greedy unless marked', () => {
    assert.deepEqual(route(router, 'GET', '/channels/a%2Fb'), { op: 'DescribeChannel', labels: { channelName: 'a/b' } });
  });

  it('matches query literals, with and without a value', () => {
    assert.equal(route(router, 'GET', '/b1', [['location', '']])?.op, 'GetBucketLocation');
    assert.equal(route(router, 'GET', '/b1', [['list-type', '2']])?.op, 'ListObjectsV2');
    assert.equal(route(router, 'GET', '/b1', [['list-type', '1']])?.op, 'ListObjects');
    assert.equal(route(router, 'GET', '/b1')?.op, 'ListObjects');
  });

  it('captures greedy labels across slashes', () => {
    assert.deepEqual(route(router, 'GET', '/b1/AWSLogs/1/x%20y.json.gz'), {
      op: 'GetObject',
      labels: { Bucket: 'b1', Key: 'AWSLogs/1/x y.json.gz' },
    });
  });

  it('matches the root path and rejects unknown methods', () => {
    assert.equal(route(router, 'GET', '/')?.op, 'ListBuckets');
    assert.equal(route(router, 'PATCH', '/channels/ch1'), undefined);
  });
});
