import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBatch, encodeBatch } from './batch-codec.ts';
import { payloadProblem } from './message-rules.ts';
import { topLevelKeyRanges } from './top-level-keys.ts';

const problem = (text: string) => payloadProblem(Buffer.from(text));

describe('message payload rules', () => {
  it('accepts the documented valid names and refuses the invalid ones', () => {
    for (const ok of ['{"temp_01": 29}', '{"_temp_01": 29}', '{"a_b_c": 1}', '{"_": 1}', '{"T": 1}', '{"a1_": 1}']) assert.equal(problem(ok), undefined, ok);
    for (const bad of ['{"temp-01": 29}', '{"01_temp": 29}', '{"__temp_01": 29}', '{"": 1}', '{"a b": 1}', '{"é": 1}']) assert.notEqual(problem(bad), undefined, bad);
    assert.match(problem(`{"${'a'.repeat(256)}": 1}`)!, /is longer than 255 characters/);
    assert.equal(problem(`{"${'a'.repeat(255)}": 1}`), undefined);
  });

  it('checks only the top level of JSON objects, and stores everything else as it is', () => {
    for (const raw of ['{"a": {"b-c": 1}}', '[{"b-c": 1}]', 'plain text', '{"a-b": 1,', '', '  ', '"{\\"a-b\\":1}"']) assert.equal(problem(raw), undefined, raw);
    assert.notEqual(problem(' \n {"a-b": 1}'), undefined);
  });

  it('finds names after nested values and strings holding braces, commas and quotes', () => {
    const text = '{"a":{"x":[1,{"y":"}"}]},"b":"q\\",\\"r","c":[[{}]],"d":null}';
    const ranges = topLevelKeyRanges(Buffer.from(text))!;
    const names: string[] = [];
    for (let i = 0; i < ranges.length; i += 2) names.push(text.slice(ranges[i], ranges[i + 1]));
    assert.deepEqual(names, ['a', 'b', 'c', 'd']);
    assert.equal(topLevelKeyRanges(Buffer.from('{"never ends')), undefined);
  });

  it('keeps a batch of messages byte for byte through its stored encoding', () => {
    const messages = [
      { messageId: 'a', payload: Buffer.from('{"x":1}') },
      { messageId: 'x'.repeat(128), payload: Buffer.from([0, 255, 10]) },
      { messageId: 'empty', payload: Buffer.alloc(0) },
    ];
    assert.deepEqual(decodeBatch(encodeBatch(messages)), messages);
  });
});
