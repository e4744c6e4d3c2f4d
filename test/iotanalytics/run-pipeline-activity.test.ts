// RunPipelineActivity through the JS SDK, and the expression language
// through it: the user guide's examples and more, each checked both by
// RunPipelineActivity and by a pipeline writing to a data store, so the
// stateless test and the real run agree.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  BatchPutMessageCommand,
  CreateChannelCommand,
  CreateDatastoreCommand,
  CreatePipelineCommand,
  RunPipelineActivityCommand,
  type PipelineActivity,
} from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { fastConfig, json, readJsonLines } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { startServer, type TestServer } from '../support/server.ts';

const text = (payloads: Uint8Array[] | undefined) => (payloads ?? []).map((p) => Buffer.from(p).toString());

// [expression, message, result of math (undefined: attribute not set)]
const MATH: [string, Record<string, unknown>, unknown][] = [
  ['((temp - 32) * 5.0) / 9.0', { temp: 68 }, 20],
  ['(tempF - 32) / 2', { tempF: 50 }, 9],
  ['0.1 + 0.2', {}, 0.3],
  ['7 / 2', {}, 3],
  ['-7 / 2', {}, -3],
  ['7.0 / 2', {}, 3.5],
  ['7 % 3', {}, 1],
  ['mod(-7, 3)', {}, -1],
  ['round(-1.5)', {}, -2],
  ['round(2.5)', {}, 3],
  ['trunc(2.3948173, 2)', {}, 2.39],
  ['ceil(1.2)', {}, 2],
  ['floor(-1.2)', {}, -2],
  ['abs(-5)', {}, 5],
  ['sign(-3.2)', {}, -1],
  ['sqrt(16)', {}, 4],
  ['power(2, 10)', {}, 1024],
  ['log(1000)', {}, 3],
  ['ln(1)', {}, 0],
  ['atan2(1, 0)', {}, 1.5707963267948966],
  ["'5' * 2", {}, 10],
  ["'a' + 1", {}, 'a1'],
  ['device.coord[1] * 2', { device: { coord: [1, 2.5] } }, 5],
  ['missing + 1', {}, undefined],
  ['1 / 0', {}, undefined],
  ['sqrt(-1)', {}, undefined],
];

// [filter, message, kept]
const FILTER: [string, Record<string, unknown>, boolean][] = [
  ['temp > 40 AND hum < 20', { temp: 41, hum: 10 }, true],
  ['temp > 40 AND hum < 20', { temp: 41, hum: 30 }, false],
  ["status IN ['ok', 'warn']", { status: 'warn' }, true],
  ['3 IN readings', { readings: [1, 2, 3] }, true],
  ["'5' = 5", {}, false],
  ['1 = 1.0', {}, true],
  ['NOT isNull(x)', { x: 1 }, true],
  ['isUndefined(x)', {}, true],
  ['flag', { flag: 'true' }, true],
  ['temp > 40', {}, false],
];

describe('RunPipelineActivity and the expression language', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ config: fastConfig() });
    mkdirSync(join(server.dataDir, 'lambdas'), { recursive: true });
    writeFileSync(join(server.dataDir, 'lambdas', 'shout.mjs'), 'export const handler = async (events) => events.map((e) => ({ ...e, said: String(e.say).toUpperCase() }));\n');
  });
  after(() => server.stop());

  const run = (pipelineActivity: PipelineActivity, payloads: unknown[]) =>
    server.iotanalytics().send(new RunPipelineActivityCommand({ pipelineActivity, payloads: payloads.map((p) => json(p)) }));

  it("runs the user guide's math example, byte for byte", async () => {
    const answer = await run({ math: { name: 'tempC', attribute: 'tempC', math: '((temp - 32) * 5.0) / 9.0' } }, [{ humidity: 52, temp: 68 }]);
    assert.deepEqual(text(answer.payloads), ['{"humidity":52,"temp":68,"tempC":20}']);
    assert.equal(answer.logResult, '');
  });

  it('runs a lambda from the lambda folder, and reports a failing one in logResult', async () => {
    const answer = await run({ lambda: { name: 'l', lambdaName: 'shout', batchSize: 1 } }, [{ say: 'hi' }, { say: 'ho' }]);
    assert.deepEqual(text(answer.payloads), ['{"say":"hi","said":"HI"}', '{"say":"ho","said":"HO"}']);
    const failed = await run({ lambda: { name: 'l', lambdaName: 'nowhere', batchSize: 1 } }, [{}]);
    assert.deepEqual(failed.payloads ?? [], []);
    assert.equal(failed.logResult, 'Lambda function nowhere failed: Function not found: nowhere');
  });

  it('refuses channel and datastore activities and more than 10 payloads', async () => {
    await rejectsWith(run({ channel: { name: 'c', channelName: 'x' } }, [{}]), 'InvalidRequestException', {
      status: 400,
      message: 'The pipeline activity to run must not be a channel activity',
    });
    await rejectsWith(run({ filter: { name: 'f', filter: 'true' } }, Array.from({ length: 11 }, () => ({}))), 'InvalidRequestException', { status: 400 });
    await rejectsWith(run({ filter: { name: 'f', filter: 'a >' } }, [{}]), 'InvalidRequestException', {
      status: 400,
      message: 'Invalid filter expression in activity f: Expected an operand but found the end of the expression at position 4',
    });
  });

  it('computes the same math in RunPipelineActivity and in a running pipeline', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateDatastoreCommand({ datastoreName: 'math_out' }));
    for (const [expression, message, expected] of MATH) {
      // A message with no attribute left is dropped: `case` keeps each one.
      const answer = await run({ math: { name: 'm', attribute: 'result', math: expression } }, [{ ...message, case: -1 }]);
      const [out] = text(answer.payloads).map((p) => JSON.parse(p));
      assert.deepEqual(out.result, expected, `${expression} with ${JSON.stringify(message)} in RunPipelineActivity`);
    }
    // In pipelines: one per expression, all writing to one data store, the case numbered.
    for (const [i, [expression]] of MATH.entries()) {
      await client.send(new CreateChannelCommand({ channelName: `m${i}_in` }));
      await client.send(
        new CreatePipelineCommand({
          pipelineName: `m${i}`,
          pipelineActivities: [
            { channel: { name: 'in', channelName: `m${i}_in`, next: 'compute' } },
            { math: { name: 'compute', attribute: 'result', math: expression, next: 'out' } },
            { datastore: { name: 'out', datastoreName: 'math_out' } },
          ],
        }),
      );
    }
    for (const [i, [, message]] of MATH.entries()) {
      await client.send(new BatchPutMessageCommand({ channelName: `m${i}_in`, messages: [{ messageId: '1', payload: json({ ...message, case: i }) }] }));
    }
    const rows = await eventually(async () => {
      const all = await readJsonLines(server, 'math_out');
      return all.length === MATH.length && all;
    }, 'every case stored');
    for (const [i, [expression, , expected]] of MATH.entries()) {
      const row = rows.find((r) => r.case === i)!;
      assert.deepEqual(row.result, expected, `${expression} in a pipeline`);
    }
  });

  it('keeps exactly the messages a filter keeps', async () => {
    for (const [expression, message, kept] of FILTER) {
      const answer = await run({ filter: { name: 'f', filter: expression } }, [{ ...message, case: 1 }]);
      assert.equal(text(answer.payloads).length, kept ? 1 : 0, `${expression} with ${JSON.stringify(message)}`);
    }
  });
});
