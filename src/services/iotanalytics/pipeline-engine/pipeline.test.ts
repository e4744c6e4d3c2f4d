// Whole pipelines: the chain from channel to datastore, the definition
// checks, and what a failing activity does to the batch.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { PipelineActivity } from '@aws-sdk/client-iotanalytics';
import { PipelineActivityError, PipelineDefinitionError } from './errors.ts';
import { createFileThingDirectory } from './thing-directory.ts';
import { compilePipeline, runPipeline } from './pipeline.ts';
import { encode, SCOPE, testDeps } from './test-support.ts';

const deps = testDeps({ things: { sensor1: { thingTypeName: 'thermometer', attributes: { site: 'berlin' } } } });
after(() => deps.cleanup());

const channel = (next: string): PipelineActivity => ({ channel: { name: 'in', channelName: 'mychannel', next } });
const datastore: PipelineActivity = { datastore: { name: 'out', datastoreName: 'mydatastore' } };

describe('compilePipeline', () => {
  it('follows next from the channel, whatever the list order (the AWS CLI create-pipeline example)', () => {
    const pipeline = compilePipeline([
      { channel: { name: 'myChannelActivity', channelName: 'mychannel', next: 'myMathActivity' } },
      { datastore: { name: 'myDatastoreActivity', datastoreName: 'mydatastore' } },
      { math: { name: 'myMathActivity', math: '((temp - 32) * 5.0) / 9.0', attribute: 'tempC', next: 'myDatastoreActivity' } },
    ]);
    assert.equal(pipeline.channelName, 'mychannel');
    assert.equal(pipeline.datastoreName, 'mydatastore');
    assert.deepEqual(pipeline.activities.map((a) => a.name), ['myChannelActivity', 'myMathActivity', 'myDatastoreActivity']);
  });

  it('rejects activity lists that are not one chain from channel to datastore', () => {
    const math = (name: string, next?: string): PipelineActivity => ({ math: { name, math: '1', attribute: 'one', next } });
    const cases: [PipelineActivity[], string][] = [
      [[channel('out')], 'A pipeline must have exactly one datastore activity; found 0'],
      [[datastore], 'A pipeline must have exactly one channel activity; found 0'],
      [[channel('out'), { channel: { name: 'in2', channelName: 'c2', next: 'out' } }, datastore], 'A pipeline must have exactly one channel activity; found 2'],
      [[channel('m'), math('m', 'out'), math('m', 'out'), datastore], 'Activity names must be unique; m is used twice'],
      [[channel('nowhere'), datastore], 'Activity in names next activity nowhere, which does not exist'],
      [[channel('a'), math('a', 'b'), math('b', 'a'), datastore], 'The activities form a cycle at a'],
      [[channel('a'), math('a'), datastore], 'Activity a has no next activity, so the chain never reaches the datastore activity'],
      [[channel('out'), math('stray', 'out'), datastore], 'Activity stray is not on the chain from the channel activity to the datastore activity'],
      [[channel('f'), { filter: { name: 'f', filter: 'a = ', next: 'out' } }, datastore], 'Invalid filter expression in activity f: Expected an operand but found the end of the expression at position 5'],
    ];
    for (const [activities, message] of cases) {
      assert.throws(() => compilePipeline(activities), (e: unknown) => e instanceof PipelineDefinitionError && e.message === message, message);
    }
  });
});

describe('runPipeline', () => {
  it('runs the guide\'s addAttributes → removeAttributes chain and reports each activity', async () => {
    const result = await runPipeline(
      [
        channel('MyAddAttributesActivity'),
        {
          addAttributes: {
            name: 'MyAddAttributesActivity',
            attributes: { 'device.id': 'id', 'device.coord[0]': 'lat', 'device.coord[1]': 'lon' },
            next: 'MyRemoveAttributesActivity',
          },
        },
        { removeAttributes: { name: 'MyRemoveAttributesActivity', attributes: ['device'], next: 'MyFilter' } },
        { filter: { name: 'MyFilter', filter: 'lat > 0', next: 'out' } },
        datastore,
      ],
      [
        encode({ device: { id: 'device-123', coord: [47.6, -122.3] } }),
        encode({ device: { id: 'device-456', coord: [-33.9, 151.2] } }),
        encode('garbage'),
      ],
      deps,
    );
    assert.deepEqual(result.messages, [{ id: 'device-123', lat: 47.6, lon: -122.3 }]);
    assert.deepEqual(
      result.activities.map((a) => [a.name, a.type, a.messagesIn, a.messagesOut, a.notes.length]),
      [
        ['in', 'channel', 3, 2, 1],
        ['MyAddAttributesActivity', 'addAttributes', 2, 2, 0],
        ['MyRemoveAttributesActivity', 'removeAttributes', 2, 2, 0],
        ['MyFilter', 'filter', 2, 1, 0],
        ['out', 'datastore', 1, 1, 0],
      ],
    );
    assert.deepEqual(result.activities[0].notes, [{ message: 'Payload is not a JSON object; the message was dropped', count: 1 }]);
  });

  it('keeps copies apart: removing from the original leaves an added copy whole', async () => {
    const result = await runPipeline(
      [
        channel('add'),
        { addAttributes: { name: 'add', attributes: { device: 'snapshot' }, next: 'remove' } },
        { removeAttributes: { name: 'remove', attributes: ['device.id'], next: 'out' } },
        datastore,
      ],
      [encode({ device: { id: 'd1', t: 5 } })],
      deps,
    );
    assert.deepEqual(result.messages, [{ device: { t: 5 }, snapshot: { id: 'd1', t: 5 } }]);
  });

  it('hands payloads that are not JSON objects to a first lambda as base64 strings', async () => {
    deps.writeLambda('wrap', `export default async (events) => events.map((e) => typeof e === 'string' ? { raw: e } : e);`);
    const result = await runPipeline(
      [channel('l'), { lambda: { name: 'l', lambdaName: 'wrap', batchSize: 10, next: 'out' } }, datastore],
      [new Uint8Array([0, 1, 2, 255]), encode({ ok: 1 }), encode('[1]')],
      deps,
    );
    assert.deepEqual(result.messages, [{ raw: 'AAEC/w==' }, { ok: 1 }, { raw: Buffer.from('[1]').toString('base64') }]);
    assert.deepEqual(result.activities[0].notes, []);
  });

  it('drops non-object payloads when the lambda is not the first activity', async () => {
    const result = await runPipeline(
      [channel('m'), { math: { name: 'm', math: '1', attribute: 'one', next: 'l' } }, { lambda: { name: 'l', lambdaName: 'wrap', batchSize: 10, next: 'out' } }, datastore],
      [new Uint8Array([0, 1, 2]), encode({ ok: 1 })],
      deps,
    );
    assert.deepEqual(result.messages, [{ ok: 1, one: 1 }]);
  });

  it('enriches from the thing directory inside a pipeline', async () => {
    const result = await runPipeline(
      [channel('e'), { deviceRegistryEnrich: { name: 'e', attribute: 'thing', thingName: 'id', roleArn: 'arn:aws:iam::123456789012:role/r', next: 'out' } }, datastore],
      [encode({ id: 'sensor1', t: 1 })],
      deps,
    );
    const [message] = result.messages as { thing: { thingTypeName: string; attributes: unknown; thingArn: string } }[];
    assert.equal(message.thing.thingTypeName, 'thermometer');
    assert.deepEqual(message.thing.attributes, { site: 'berlin' });
    assert.equal(message.thing.thingArn, 'arn:aws:iot:us-east-1:123456789012:thing/sensor1');
  });

  it('fails the whole batch with LAMBDA_FAILURE when a Lambda fails', async () => {
    deps.writeLambda('failsOnSecondBatch', `let calls = 0; export default async (events) => { if (++calls === 2) throw new Error('second batch'); return events; };`);
    const pipeline = compilePipeline([
      channel('m'),
      { math: { name: 'm', math: '1', attribute: 'one', next: 'l' } },
      { lambda: { name: 'l', lambdaName: 'failsOnSecondBatch', batchSize: 1, next: 'out' } },
      datastore,
    ]);
    await assert.rejects(pipeline.run([encode({ a: 1 }), encode({ a: 2 })], deps), (e: unknown) => {
      assert.ok(e instanceof PipelineActivityError);
      assert.equal(e.code, 'LAMBDA_FAILURE');
      assert.equal(e.activityName, 'l');
      assert.equal(e.message, 'Lambda function failsOnSecondBatch failed: second batch');
      return true;
    });
  });

  it('fails the whole batch with ENRICHMENT_FAILURE when the thing directory cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oia-things-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'things.json'), '{ "things": ');
    const broken = { ...deps, things: createFileThingDirectory(join(dir, 'things.json'), SCOPE) };
    await assert.rejects(
      runPipeline(
        [channel('e'), { deviceShadowEnrich: { name: 'e', attribute: 's', thingName: 'id', roleArn: 'arn:aws:iam::123456789012:role/r', next: 'out' } }, datastore],
        [encode({ id: 'sensor1' })],
        broken,
      ),
      (e: unknown) => e instanceof PipelineActivityError && e.code === 'ENRICHMENT_FAILURE' && e.message.startsWith('Could not look up thing sensor1: '),
    );
  });
});
