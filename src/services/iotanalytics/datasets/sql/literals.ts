// Literals whose meaning differs: zoned timestamp literals, and the current
// time, which is taken from the run (injected) instead of DuckDB's clock.
import { piece, quoteString, type Out } from './output.ts';
import type { Token } from './tokenizer.ts';

/** "+02:00", "-0800", "Z" or a zone name after the time part. */
const ZONE_SUFFIX = /\d(?:\s*[+-]\d{2}(?::?\d{2})?|\s*Z|\s+[A-Za-z][\w/+-]*)$/;

/**
 * Typed literals that differ. `TIMESTAMP '… +02:00'` is a timestamp with
 * time zone in Presto; DuckDB's TIMESTAMP literal would silently drop the
 * zone. `DECIMAL '1.20'` is a decimal(3,2) in Presto, DuckDB's default
 * decimal(18,3) would print "1.200". `JSON '…'` is parsed, so it prints
 * compactly. Others (DATE, TIME, INTERVAL '1' DAY, REAL, BIGINT …) mean the
 * same in both and are left alone.
 */
export function typedLiteral(word: Token, next: Token | undefined): Out | undefined {
  if (next?.kind !== 'string') return undefined;
  switch (word.value.toUpperCase()) {
    case 'TIMESTAMP':
      return piece(`${ZONE_SUFFIX.test(next.value.trim()) ? 'TIMESTAMPTZ' : 'TIMESTAMP'} ${next.text}`, word.start);
    case 'DECIMAL': {
      const [whole, fraction = ''] = next.value.trim().replace(/^[+-]/, '').split('.');
      const scale = fraction.length;
      return piece(`CAST(${next.text} AS DECIMAL(${Math.max(whole.length + scale, 1)}, ${scale}))`, word.start);
    }
    case 'JSON':
      return piece(`json(${next.text})`, word.start);
    default:
      return undefined;
  }
}

/** current_timestamp & co. as literals of the run's time, in UTC (the session zone). */
export function timeConstant(word: Token, queryTime: Date): Out | undefined {
  const iso = queryTime.toISOString(); // 2020-01-01T10:00:00.123Z
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 23);
  switch (word.value.toUpperCase()) {
    case 'CURRENT_TIMESTAMP':
      return piece(currentTimestamp(queryTime), word.start);
    case 'LOCALTIMESTAMP':
      return piece(`TIMESTAMP ${quoteString(`${date} ${time}`)}`, word.start);
    case 'CURRENT_DATE':
      return piece(`DATE ${quoteString(date)}`, word.start);
    case 'CURRENT_TIME':
      return piece(`TIMETZ ${quoteString(`${time}+00`)}`, word.start);
    case 'LOCALTIME':
      return piece(`TIME ${quoteString(time)}`, word.start);
    default:
      return undefined;
  }
}

export function currentTimestamp(queryTime: Date): string {
  const iso = queryTime.toISOString();
  return `TIMESTAMPTZ ${quoteString(`${iso.slice(0, 10)} ${iso.slice(11, 23)}+00`)}`;
}
