import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileTimestampFormat, epochSeconds, TimestampFormatError } from './timestamp-format.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('timestamp partition formats (Java DateTimeFormatter patterns)', () => {
  it('reads the common patterns', () => {
    const cases: [string, string, string | undefined][] = [
      ['yyyy-MM-dd HH:mm:ss', '2024-04-30 23:59:58', '2024-04-30T23:59:58.000Z'],
      ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2024-04-30T23:59:58.123+02:00', '2024-04-30T21:59:58.123Z'],
      ["yyyy-MM-dd'T'HH:mm:ssX", '2024-04-30T23:59:58Z', '2024-04-30T23:59:58.000Z'],
      ['dd/MM/yyyy', '01/05/2024', '2024-05-01T00:00:00.000Z'],
      ['d MMM yyyy h:mm a', '1 May 2024 3:07 PM', '2024-05-01T15:07:00.000Z'],
      ['EEE, dd MMMM yy', 'Wed, 01 May 24', '2024-05-01T00:00:00.000Z'],
      ['yyyyMMddHH', '2024050113', '2024-05-01T13:00:00.000Z'],
      ["yyyy-MM-dd['T'HH[:mm]]", '2024-05-01T13', '2024-05-01T13:00:00.000Z'],
      ["yyyy-MM-dd['T'HH[:mm]]", '2024-05-01', '2024-05-01T00:00:00.000Z'],
      ["yyyy-MM-dd 'at' HH''", "2024-05-01 at 13'", '2024-05-01T13:00:00.000Z'],
      ['yyyy-MM-dd', '2024-13-01', undefined],
      ['yyyy-MM-dd', 'yesterday', undefined],
    ];
    for (const [pattern, text, expected] of cases) assert.equal(iso(compileTimestampFormat(pattern).parse(text)), expected, `${pattern} on ${text}`);
  });

  it('refuses letters it does not know, and reads seconds since the epoch by default', () => {
    assert.throws(() => compileTimestampFormat('yyyy-QQ'), TimestampFormatError);
    assert.equal(iso(epochSeconds.parse('1714521600')), '2024-05-01T00:00:00.000Z');
    assert.equal(iso(epochSeconds.parse('1714521600.5')), '2024-05-01T00:00:00.500Z');
    assert.equal(epochSeconds.parse('soon'), undefined);
  });
});
