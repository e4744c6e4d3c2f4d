// Every activity, through RunPipelineActivity, on the examples of the IoT
// Analytics user guide ("Pipeline activities" and its per-activity pages),
// then the edge cases the guide leaves open.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { PipelineActivity } from '@aws-sdk/client-iotanalytics';
import { PipelineDefinitionError } from './errors.ts';
import { runPipelineActivity } from './run-pipeline-activity.ts';
import { decode, encode, testDeps } from './test-support.ts';

const deps = testDeps({
  things: { 'my-thing': { thingTypeName: 'my-thing', thingId: 'aaabbbccc-dddeeef-gghh-jjkk-llmmnnoopp' } },
  shadows: {
    'my-thing': {
      state: { desired: { attributeX: 1 }, reported: { attributeX: 2 }, delta: { attributeX: 1 } },
      metadata: { desired: { attributeX: { timestamp: 1700000000 } }, reported: { attributeX: { timestamp: 1700000001 } } },
      timestamp: 1700000002,
      clientToken: 'token',
      version: 7,
    },
  },
});
after(() => deps.cleanup());

async function run(activity: PipelineActivity, messages: unknown[]) {
  const result = await runPipelineActivity(activity, messages.map(encode), deps);
  return { messages: decode(result.payloads), logResult: result.logResult };
}

describe('RunPipelineActivity: the user guide examples', () => {
  it('math: the RunPipelineActivity example, byte for byte', async () => {
    // "RunPipelineActivity example": maths.json, payloads.json and the output.
    const result = await runPipelineActivity(
      { math: { name: 'MyMathActivity', math: '((temp - 32) * 5.0) / 9.0', attribute: 'tempC' } },
      ['{"humidity": 52, "temp": 68 }', '{"humidity": 52, "temp": 32 }'].map(encode),
      deps,
    );
    assert.deepEqual(
      result.payloads.map((p) => Buffer.from(p).toString('base64')),
      ['eyJodW1pZGl0eSI6NTIsInRlbXAiOjY4LCJ0ZW1wQyI6MjB9', 'eyJodW1pZGl0eSI6NTIsInRlbXAiOjMyLCJ0ZW1wQyI6MH0='],
    );
    assert.equal(Buffer.from(result.payloads[0]).toString(), '{"humidity":52,"temp":68,"tempC":20}');
    assert.equal(result.logResult, '');
  });

  it('math: "(tempF - 32) / 2" turns {"tempF": 50} into tempC 9', async () => {
    const { messages } = await run({ math: { name: 'MyMathActivity', math: '(tempF - 32) / 2', attribute: 'tempC' } }, [{ tempF: 50 }]);
    assert.deepEqual(messages, [{ tempF: 50, tempC: 9 }]);
  });

  it('addAttributes: promotes device.id and the coord items to the root and keeps device', async () => {
    const { messages } = await run(
      {
        addAttributes: {
          name: 'MyAddAttributesActivity',
          attributes: { 'device.id': 'id', 'device.coord[0]': 'lat', 'device.coord[1]': 'lon' },
        },
      },
      [{ device: { id: 'device-123', coord: [47.6152543, -122.3354883] } }],
    );
    // The guide prints the coordinates shortened to 47.6 and -122.3.
    assert.deepEqual(messages, [
      { device: { id: 'device-123', coord: [47.6152543, -122.3354883] }, id: 'device-123', lat: 47.6152543, lon: -122.3354883 },
    ]);
  });

  it('removeAttributes: removes device from the addAttributes result', async () => {
    const { messages } = await run({ removeAttributes: { name: 'MyRemoveAttributesActivity', attributes: ['device'] } }, [
      { device: { id: 'device-123', coord: [47.6, -122.3] }, id: 'device-123', lat: 47.6, lon: -122.3 },
    ]);
    assert.deepEqual(messages, [{ id: 'device-123', lat: 47.6, lon: -122.3 }]);
  });

  it('selectAttributes: device.temp, device.hum and light become root attributes', async () => {
    const { messages } = await run(
      { selectAttributes: { name: 'MySelectAttributesActivity', attributes: ['device.temp', 'device.hum', 'light'] } },
      [{ device: { id: 'device-123', coord: [47.6152543, -122.3354883], temp: 50, hum: 40 }, light: 90 }],
    );
    assert.deepEqual(messages, [{ temp: 50, hum: 40, light: 90 }]);
  });

  it('filter: "temp > 40 AND hum < 20" keeps only the matching messages', async () => {
    const { messages, logResult } = await run({ filter: { name: 'MyFilterActivity', filter: 'temp > 40 AND hum < 20' } }, [
      { temp: 50, hum: 10 },
      { temp: 50, hum: 40 },
      { temp: 30, hum: 10 },
    ]);
    assert.deepEqual(messages, [{ temp: 50, hum: 10 }]);
    assert.equal(logResult, '');
  });

  it('deviceRegistryEnrich: adds the DescribeThing document under metadata', async () => {
    // The guide's input is written `"device" {` (sic); this is the JSON it means.
    const { messages } = await run(
      {
        deviceRegistryEnrich: {
          name: 'MyDeviceRegistryEnrichActivity',
          attribute: 'metadata',
          thingName: 'device.thingName',
          roleArn: 'arn:aws:iam::123456789012:role/MyEnrichRole',
        },
      },
      [{ temp: 50, hum: 40, device: { thingName: 'my-thing' } }],
    );
    assert.deepEqual(messages, [
      {
        temp: 50,
        hum: 40,
        device: { thingName: 'my-thing' },
        metadata: {
          defaultClientId: 'my-thing',
          thingTypeName: 'my-thing',
          thingArn: 'arn:aws:iot:us-east-1:123456789012:thing/my-thing',
          version: 1,
          thingName: 'my-thing',
          attributes: {},
          thingId: 'aaabbbccc-dddeeef-gghh-jjkk-llmmnnoopp',
        },
      },
    ]);
  });

  it('deviceShadowEnrich: adds the shadow document under shadow', async () => {
    const { messages } = await run(
      {
        deviceShadowEnrich: {
          name: 'MyDeviceShadowEnrichActivity',
          attribute: 'shadow',
          thingName: 'device.thingName',
          roleArn: 'arn:aws:iam::123456789012:role/MyEnrichRole',
        },
      },
      [{ temp: 50, hum: 40, device: { thingName: 'my-thing' } }],
    );
    const [message] = messages as { shadow: { state: unknown; version: number; clientToken: string } }[];
    assert.deepEqual(message.shadow.state, { desired: { attributeX: 1 }, reported: { attributeX: 2 }, delta: { attributeX: 1 } });
    assert.equal(message.shadow.version, 7);
    assert.equal(message.shadow.clientToken, 'token');
  });

  it('lambda: "Lambda function example 1" adds maps_url and temperature_f', async () => {
    // The guide's Python function (MyAnalyticsLambdaFunction), ported to a module.
    deps.writeLambda(
      'MyAnalyticsLambdaFunction',
      `const cToF = (c) => 9.0 / 5.0 * c + 32;
       export default async (event) => {
         let mapsUrl = 'N/A';
         for (const e of event) {
           if ('location' in e) mapsUrl = 'http://maps.google.com/maps?q=' + e.location.lat + ',' + e.location.lon;
           if ('temperature' in e) e.temperature_f = cToF(e.temperature);
           e.maps_url = mapsUrl;
         }
         return event;
       };`,
    );
    const input = {
      thingid: '00001234abcd',
      temperature: 26,
      humidity: 29,
      location: { lat: 52.4332935, lon: 13.231694 },
      ip: '192.168.178.54',
      datetime: '2018-02-15T07:06:01',
    };
    const { messages } = await run({ lambda: { name: 'lambda_foobar_activity', lambdaName: 'MyAnalyticsLambdaFunction', batchSize: 5 } }, [input]);
    assert.deepEqual(messages, [{ ...input, temperature_f: (9.0 / 5.0) * 26 + 32, maps_url: 'http://maps.google.com/maps?q=52.4332935,13.231694' }]);
  });

  it('lambda: "Lambda function example 2" decodes gzip payloads it receives as base64', async () => {
    deps.writeLambda(
      'decompress',
      `import { gunzipSync } from 'node:zlib';
       export default async (event) => event.map((e) => JSON.parse(gunzipSync(Buffer.from(e, 'base64')).toString('utf8')));`,
    );
    const original = { temp: 21.5, device: 'd1' };
    const result = await runPipelineActivity(
      { lambda: { name: 'unzip', lambdaName: 'decompress', batchSize: 10 } },
      [gzipSync(JSON.stringify(original))],
      deps,
    );
    assert.deepEqual(decode(result.payloads), [original]);
    assert.equal(result.logResult, '');
  });
});

describe('RunPipelineActivity: what the guide leaves open', () => {
  it('drops payloads that are not JSON objects before any activity but a lambda, and says so', async () => {
    const result = await runPipelineActivity(
      { filter: { name: 'f', filter: 'true' } },
      [encode({ a: 1 }), encode('not json'), encode('[1, 2]'), encode('42'), new Uint8Array([0xff, 0xfe, 0x7b, 0x7d])],
      deps,
    );
    assert.deepEqual(decode(result.payloads), [{ a: 1 }]);
    assert.equal(result.logResult, 'Payload is not a JSON object; the message was dropped (4 messages)');
  });

  it('returns no payloads and an empty logResult when a filter drops everything', async () => {
    const result = await run({ filter: { name: 'f', filter: 'temp > 100' } }, [{ temp: 1 }, { temp: 2 }]);
    assert.deepEqual(result, { messages: [], logResult: '' });
  });

  it('drops messages whose filter result is not a Boolean, naming the type', async () => {
    const result = await run({ filter: { name: 'f', filter: "temp > 1 AND status = 'ok'" } }, [{ temp: 5, status: 'ok' }, { status: 'ok' }, { temp: 'hot', status: 'ok' }]);
    assert.deepEqual(result.messages, [{ temp: 5, status: 'ok' }]);
    assert.equal(result.logResult, 'Filter gave Undefined, not a Boolean; the message was dropped (2 messages)');
  });

  it('accepts the string "true" as a filter result', async () => {
    const result = await run({ filter: { name: 'f', filter: 'flag' } }, [{ flag: 'TRUE' }, { flag: 'false' }, { flag: true }]);
    assert.deepEqual(result.messages, [{ flag: 'TRUE' }, { flag: true }]);
  });

  it('math leaves the attribute unset when the result is Undefined, and keeps what was there', async () => {
    const result = await run({ math: { name: 'm', math: 'temp * 2', attribute: 'double' } }, [{ temp: 4 }, { other: 1 }, { temp: 'x', double: 'kept' }]);
    assert.deepEqual(result.messages, [{ temp: 4, double: 8 }, { other: 1 }, { temp: 'x', double: 'kept' }]);
    assert.equal(result.logResult, 'Math expression gave Undefined; double was not set (2 messages)');
  });

  it('math writes exact decimals and integral results without a fraction', async () => {
    const result = await runPipelineActivity(
      { math: { name: 'm', math: 'a + b', attribute: 'sum' } },
      [encode({ a: 0.1, b: 0.2 }), encode({ a: 1.5, b: 2.5 }), encode({ a: 'x', b: 1 })],
      deps,
    );
    assert.deepEqual(
      result.payloads.map((p) => Buffer.from(p).toString()),
      ['{"a":0.1,"b":0.2,"sum":0.3}', '{"a":1.5,"b":2.5,"sum":4}', '{"a":"x","b":1,"sum":"x1"}'],
    );
  });

  it('writes attributes named like Object.prototype members as plain data', async () => {
    const result = await runPipelineActivity(
      { math: { name: 'm', math: 'a * 2', attribute: '__proto__' } },
      [encode({ a: 1 })],
      deps,
    );
    assert.equal(Buffer.from(result.payloads[0]).toString(), '{"a":1,"__proto__":2}');
    const added = await runPipelineActivity({ addAttributes: { name: 'x', attributes: { a: 'constructor' } } }, [encode({ a: 1 })], deps);
    assert.equal(Buffer.from(added.payloads[0]).toString(), '{"a":1,"constructor":1}');
  });

  it('drops a message once every attribute is removed', async () => {
    const result = await run({ removeAttributes: { name: 'r', attributes: ['a', 'b'] } }, [{ a: 1, b: 2 }, { a: 1, c: 3 }]);
    assert.deepEqual(result.messages, [{ c: 3 }]);
    assert.equal(result.logResult, 'The message has no attributes left; it was dropped');
  });

  it('handles missing paths, indexes and nested objects in attribute activities', async () => {
    const message = { device: { id: 'd', coord: [1, 2, 3] }, n: 1 };
    assert.deepEqual(
      (await run({ removeAttributes: { name: 'r', attributes: ['device.coord[1]', 'device.missing', 'nothing.here', 'n[0]'] } }, [message])).messages,
      [{ device: { id: 'd', coord: [1, 3] }, n: 1 }],
    );
    assert.deepEqual(
      (await run({ selectAttributes: { name: 's', attributes: ['device.coord[2]', 'device.id', 'device.coord[9]', 'absent'] } }, [message])).messages,
      [{ coord: 3, id: 'd' }],
    );
    const added = await run({ addAttributes: { name: 'a', attributes: { 'device.coord[5]': 'x', device: 'copy', n: 'm' } } }, [message]);
    assert.deepEqual(added.messages, [{ ...message, copy: message.device, m: 1 }]);
    assert.equal(added.logResult, 'Attribute device.coord[5] is missing; x was not added');
  });

  it('passes messages on unenriched when the thing, its shadow or its name is missing', async () => {
    const registry = { deviceRegistryEnrich: { name: 'e', attribute: 'meta', thingName: 'thing', roleArn: 'arn:aws:iam::123456789012:role/r' } };
    const result = await run(registry, [{ thing: 'nobody' }, { thing: 42 }, { other: 1 }]);
    assert.deepEqual(result.messages, [{ thing: 'nobody' }, { thing: 42 }, { other: 1 }]);
    assert.equal(result.logResult, 'No thing named nobody; the message was not enriched\nNo thing name at thing; the message was not enriched (2 messages)');
    const shadow = await run({ deviceShadowEnrich: { ...registry.deviceRegistryEnrich } }, [{ thing: 'nobody' }]);
    assert.equal(shadow.logResult, 'No shadow for the thing named nobody; the message was not enriched');
  });

  it('reports a failing Lambda in logResult and returns no payloads', async () => {
    deps.writeLambda('broken', `export default async () => { throw new Error('boom'); };`);
    deps.writeLambda('notAnArray', `export default async () => ({ ok: true });`);
    deps.writeLambda('mixed', `export default async (events) => [...events, 7, 'x', null, { extra: true, skipped: undefined }];`);
    const broken = await run({ lambda: { name: 'l', lambdaName: 'broken', batchSize: 1 } }, [{ a: 1 }]);
    assert.deepEqual(broken, { messages: [], logResult: 'Lambda function broken failed: boom' });
    const missing = await run({ lambda: { name: 'l', lambdaName: 'nowhere', batchSize: 1 } }, [{ a: 1 }]);
    assert.deepEqual(missing, { messages: [], logResult: 'Lambda function nowhere failed: Function not found: nowhere' });
    const notArray = await run({ lambda: { name: 'l', lambdaName: 'notAnArray', batchSize: 1 } }, [{ a: 1 }]);
    assert.deepEqual(notArray, { messages: [], logResult: 'Lambda function notAnArray did not return an array' });
    const mixed = await run({ lambda: { name: 'l', lambdaName: 'mixed', batchSize: 10 } }, [{ a: 1 }]);
    assert.deepEqual(mixed.messages, [{ a: 1 }, { extra: true }]);
    assert.equal(mixed.logResult, 'Lambda function mixed returned an item that is not a JSON object; it was dropped (3 messages)');
  });

  it('invokes the Lambda in batches of batchSize, in order', async () => {
    deps.writeLambda('batches', `export default async (events) => events.map((e) => ({ ...e, batch: events.length }));`);
    const { messages } = await run({ lambda: { name: 'l', lambdaName: 'batches', batchSize: 4 } }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => ({ i })));
    assert.deepEqual(
      messages,
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => ({ i, batch: i <= 8 ? 4 : 2 })),
    );
  });

  it('refuses channel and datastore activities, wrong payload counts and malformed activities', async () => {
    const cases: [PipelineActivity, number, string][] = [
      [{ channel: { name: 'c', channelName: 'ch' } }, 1, 'The pipeline activity to run must not be a channel activity'],
      [{ datastore: { name: 'd', datastoreName: 'ds' } }, 1, 'The pipeline activity to run must not be a datastore activity'],
      [{ filter: { name: 'f', filter: 'true' } }, 0, 'Between 1 and 10 payloads are required; got 0'],
      [{ filter: { name: 'f', filter: 'true' } }, 11, 'Between 1 and 10 payloads are required; got 11'],
      [{ filter: { name: 'f', filter: 'temp >' } }, 1, 'Invalid filter expression in activity f: Expected an operand but found the end of the expression at position 7'],
      [{ math: { name: 'm', math: 'x +', attribute: 'y' } }, 1, 'Invalid math expression in activity m: Expected an operand but found the end of the expression at position 4'],
      [{ selectAttributes: { name: 's', attributes: ['a..b'] } }, 1, "Invalid attribute path 'a..b' in activity s"],
      [{ math: { name: 'm', math: '1' } as never }, 1, 'The math activity m has no attribute'],
      [
        { filter: { name: 'f', filter: 'true' }, math: { name: 'm', math: '1', attribute: 'x' } },
        1,
        'A pipeline activity must contain exactly one of channel, lambda, datastore, addAttributes, removeAttributes, selectAttributes, filter, math, deviceRegistryEnrich, deviceShadowEnrich; found filter, math',
      ],
      [{}, 1, 'A pipeline activity must contain exactly one of channel, lambda, datastore, addAttributes, removeAttributes, selectAttributes, filter, math, deviceRegistryEnrich, deviceShadowEnrich; found none'],
    ];
    for (const [activity, count, message] of cases) {
      await assert.rejects(
        runPipelineActivity(activity, Array.from({ length: count }, () => encode({ a: 1 })), deps),
        (e: unknown) => e instanceof PipelineDefinitionError && e.message === message,
        message,
      );
    }
  });
});
