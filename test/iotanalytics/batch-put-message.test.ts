// BatchPutMessage through the JS SDK: what a channel accepts, what it
// refuses for one message (error entries) and for the whole call, and what
// DescribeChannel then reports. Refusals are never a 500.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BatchPutMessageCommand, CreateChannelCommand, DescribeChannelCommand, ListChannelsCommand } from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { fastConfig, json } from '../support/data-plane.ts';
import { rawRequest } from '../support/raw-request.ts';
import { startServer, type TestServer } from '../support/server.ts';

const INVALID_NAME = (name: string) =>
  `The attribute name '${name}' is not valid: attribute names contain only letters, digits and underscores, and begin with a letter or a single underscore.`;

describe('BatchPutMessage through @aws-sdk/client-iotanalytics', () => {
  let server: TestServer;
  before(async () => {
    // No archiving while this suite runs: the channel's size stays the bytes of its messages.
    server = await startServer({ config: fastConfig({ dataPlane: { archiveIntervalMs: 3_600_000 } }) });
    await server.iotanalytics().send(new CreateChannelCommand({ channelName: 'telemetry' }));
  });
  after(() => server.stop());

  const put = (messages: { messageId: string; payload: Uint8Array }[], channelName = 'telemetry') =>
    server.iotanalytics().send(new BatchPutMessageCommand({ channelName, messages }));

  it('accepts JSON messages and answers an empty list of errors', async () => {
    const answer = await put([
      { messageId: '1', payload: json({ temp_01: 29 }) },
      { messageId: '2', payload: json({ _temp_01: 29, device: { 'not-checked': 1 } }) },
    ]);
    assert.equal(answer.$metadata.httpStatusCode, 200);
    assert.deepEqual(answer.batchPutMessageErrorEntries, []);
  });

  it("refuses the user guide's invalid attribute names, message by message, and stores the rest", async () => {
    const answer = await put([
      { messageId: 'hyphen', payload: json({ 'temp-01': 29 }) },
      { messageId: 'digit', payload: json({ '01_temp': 29 }) },
      { messageId: 'double', payload: json({ __temp_01: 29 }) },
      { messageId: 'fine', payload: json({ temp_01: 29 }) },
      { messageId: 'empty', payload: json({ '': 1 }) },
    ]);
    assert.deepEqual(answer.batchPutMessageErrorEntries, [
      { messageId: 'hyphen', errorCode: 'InvalidRequestException', errorMessage: INVALID_NAME('temp-01') },
      { messageId: 'digit', errorCode: 'InvalidRequestException', errorMessage: INVALID_NAME('01_temp') },
      { messageId: 'double', errorCode: 'InvalidRequestException', errorMessage: INVALID_NAME('__temp_01') },
      { messageId: 'empty', errorCode: 'InvalidRequestException', errorMessage: INVALID_NAME('') },
    ]);
  });

  it('treats attribute names that differ only in case as duplicates, escaped or not', async () => {
    const answer = await put([
      { messageId: 'case', payload: json({ foo: 1, FOO: 2 }) },
      { messageId: 'same', payload: new TextEncoder().encode('{"foo":1,"foo":2}') },
      { messageId: 'escaped', payload: new TextEncoder().encode('{"\\u0061":1,"A":2}') },
    ]);
    assert.deepEqual(
      answer.batchPutMessageErrorEntries?.map((e) => [e.messageId, e.errorMessage]),
      [
        ['case', "The attribute names 'foo' and 'FOO' are duplicates: attribute names are case-insensitive."],
        ['same', "The attribute names 'foo' and 'foo' are duplicates: attribute names are case-insensitive."],
        ['escaped', "The attribute names 'a' and 'A' are duplicates: attribute names are case-insensitive."],
      ],
    );
  });

  it('refuses a payload over 128 KB, and keeps payloads that are not JSON objects as they are', async () => {
    const big = json({ data: 'x'.repeat(128 * 1024) });
    const answer = await put([
      { messageId: 'big', payload: big },
      { messageId: 'exactly', payload: new Uint8Array(128 * 1024).fill(0x61) },
      { messageId: 'binary', payload: new Uint8Array([0, 1, 2, 255]) },
      { messageId: 'broken', payload: new TextEncoder().encode('{"a-b": 1,') },
      { messageId: 'array', payload: json([1, 2, 3]) },
    ]);
    assert.deepEqual(answer.batchPutMessageErrorEntries, [
      { messageId: 'big', errorCode: 'InvalidRequestException', errorMessage: `The message payload is ${big.length} bytes; the maximum is 131072 bytes (128 KB).` },
    ]);
  });

  it('fails the whole call for more than 100 messages or a repeated messageId', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ messageId: `m${i}`, payload: json({ i }) }));
    await rejectsWith(put(many), 'InvalidRequestException', { status: 400, message: 'A batch can contain at most 100 messages; this one has 101.' });
    await rejectsWith(put([{ messageId: 'x', payload: json({}) }, { messageId: 'x', payload: json({}) }]), 'InvalidRequestException', {
      status: 400,
      message: 'Message IDs must be unique within a batch; x is used more than once.',
    });
    assert.deepEqual((await put(many.slice(0, 100))).batchPutMessageErrorEntries, []);
  });

  it('answers ResourceNotFoundException for a channel that does not exist, and checks ids with the model', async () => {
    await rejectsWith(put([{ messageId: '1', payload: json({}) }], 'nowhere'), 'ResourceNotFoundException', {
      status: 404,
      message: 'A resource with the name nowhere cannot be found.',
    });
    await rejectsWith(put([{ messageId: 'x'.repeat(129), payload: json({}) }]), 'InvalidRequestException', {
      status: 400,
      message: /^1 validation error detected: Value '.*' at 'messages.1.member.messageId' failed to satisfy constraint: Member must have length less than or equal to 128$/,
    });
    await rejectsWith(put([{ messageId: 'é', payload: json({}) }]), 'InvalidRequestException', { status: 400, message: /must satisfy regular expression pattern: \\p\{ASCII\}\*$/ });
  });

  it('answers malformed requests with 400, never a 500', async () => {
    const sign = server.credentials;
    const bad = async (body: string) => rawRequest(server.url, { method: 'POST', path: '/messages/batch', body, sign });
    const base64 = await bad(JSON.stringify({ channelName: 'telemetry', messages: [{ messageId: '1', payload: 'not base64!' }] }));
    assert.equal(base64.status, 400);
    assert.equal(base64.json.__type, 'SerializationException');
    const number = await bad(JSON.stringify({ channelName: 'telemetry', messages: [{ messageId: '1', payload: 5 }] }));
    assert.equal(number.status, 400);
    const missing = await bad(JSON.stringify({ channelName: 'telemetry', messages: [{ messageId: '1' }] }));
    assert.equal(missing.status, 400);
    assert.equal(missing.json.message, "1 validation error detected: Value null at 'messages.1.member.payload' failed to satisfy constraint: Member must not be null");
    const broken = await bad('{"channelName": "telemetry", "messages": [');
    assert.equal(broken.status, 400);
  });

  it('reports when the last message arrived and how many bytes the channel holds', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateChannelCommand({ channelName: 'fresh' }));
    const before = await client.send(new DescribeChannelCommand({ channelName: 'fresh', includeStatistics: true }));
    assert.equal(before.channel?.lastMessageArrivalTime, undefined);
    assert.equal(before.statistics?.size?.estimatedSizeInBytes, 0);
    const sent = Date.now();
    await put([{ messageId: '1', payload: json({ a: 1 }) }, { messageId: '2', payload: json({ b: 22 }) }], 'fresh');
    const after = await client.send(new DescribeChannelCommand({ channelName: 'fresh', includeStatistics: true }));
    const arrival = after.channel?.lastMessageArrivalTime?.getTime() ?? 0;
    assert.ok(Math.abs(arrival - sent) < 60_000, `lastMessageArrivalTime ${arrival} is not the time of the call`);
    // The messages as stored: the payload bytes ({"a":1} and {"b":22}).
    assert.equal(after.statistics?.size?.estimatedSizeInBytes, 15);
    const listed = await client.send(new ListChannelsCommand({}));
    assert.equal(listed.channelSummaries?.find((c) => c.channelName === 'fresh')?.lastMessageArrivalTime?.getTime(), arrival);
  });
});
