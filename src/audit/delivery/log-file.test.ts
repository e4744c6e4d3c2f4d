import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logFileBody, logFileKey, splitFiles, uniqueSuffix } from './log-file.ts';

describe('log files', () => {
  it('are named in CloudTrail\'s key layout, with or without a prefix', () => {
    const at = new Date('2015-08-01T02:10:59.999Z');
    const where = { accountId: '111122223333', region: 'us-east-2' };
    assert.equal(
      logFileKey(where, at, 'Mu0KsOhtH1ar15ZZ'),
      'AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz',
    );
    assert.match(logFileKey({ ...where, prefix: 'a/b' }, at, 'x'.repeat(16)), /^a\/b\/AWSLogs\/111122223333\//);
  });

  it('get a suffix of 16 alphanumerics that depends only on trail, region, range and part', () => {
    const suffix = uniqueSuffix('arn:t', 'us-east-1', 10, 20, 0);
    assert.match(suffix, /^[A-Za-z0-9]{16}$/);
    assert.equal(uniqueSuffix('arn:t', 'us-east-1', 10, 20, 0), suffix);
    const others = [uniqueSuffix('arn:u', 'us-east-1', 10, 20, 0), uniqueSuffix('arn:t', 'eu-west-1', 10, 20, 0), uniqueSuffix('arn:t', 'us-east-1', 10, 21, 0), uniqueSuffix('arn:t', 'us-east-1', 10, 20, 1)];
    assert.equal(new Set([suffix, ...others]).size, 5);
  });

  it('hold the records as stored, in order', () => {
    assert.equal(logFileBody(['{"a":1}', '{"b":"ü"}']), '{"Records":[{"a":1},{"b":"ü"}]}');
    assert.deepEqual(JSON.parse(logFileBody([])), { Records: [] });
  });

  it('are cut per region at a size in UTF-8 bytes, a larger record alone', () => {
    const record = (text: string) => JSON.stringify({ t: text });
    const entries = [
      { region: 'us-east-1', record: record('ü'.repeat(40)) }, // 48 characters, 88 bytes
      { region: 'eu-west-1', record: record('a') },
      { region: 'us-east-1', record: record('ü'.repeat(40)) },
      { region: 'us-east-1', record: record('x'.repeat(300)) },
    ];
    const files = splitFiles(entries, 100).map((f) => [f.region, f.part, f.entries.map((e) => entries.indexOf(e))]);
    assert.deepEqual(files, [
      ['us-east-1', 0, [0]],
      ['us-east-1', 1, [2]],
      ['us-east-1', 2, [3]],
      ['eu-west-1', 0, [1]],
    ]);
  });
});
