// Format strings. Presto's date_format/date_parse take MySQL specifiers and
// format_datetime/parse_datetime take Joda-Time patterns; DuckDB's
// strftime/strptime take C-style specifiers. Formats are converted when the
// query is translated, so they must be string literals (they always are in
// practice); anything without a DuckDB equivalent is refused by name rather
// than formatted wrongly.

/**
 * Presto 0.217 "Date and Time Functions", MySQL Date Functions table.
 * Presto itself rejects %D %U %u %V %w %X ("not currently supported"), so
 * those stay unsupported here too.
 */
const MYSQL_SPECIFIERS: Record<string, string> = {
  a: '%a', b: '%b', c: '%-m', d: '%d', e: '%-d', f: '%f', H: '%H', h: '%I', I: '%I', i: '%M', j: '%j',
  k: '%-H', l: '%-I', M: '%B', m: '%m', p: '%p', r: '%I:%M:%S %p', S: '%S', s: '%S', T: '%H:%M:%S',
  v: '%V', W: '%A', x: '%G', Y: '%Y', y: '%y', '%': '%%',
};

export class UnsupportedPattern extends Error {}

export function mysqlToStrftime(format: string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec = format[++i];
    if (spec === undefined) throw new UnsupportedPattern('a format may not end with a lone %');
    const mapped = MYSQL_SPECIFIERS[spec];
    if (mapped !== undefined) out += mapped;
    else if ('DUuVwX'.includes(spec)) throw new UnsupportedPattern(`the %${spec} specifier is not supported`);
    else out += spec === '%' ? '%%' : spec; // "%x, for any x not listed above" is x itself
  }
  return out;
}

/** Joda-Time pattern letters by repeat count (the largest count not above the one written applies). */
const JODA_LETTERS: Record<string, [number, string][]> = {
  y: [[1, '%Y'], [2, '%y'], [3, '%Y']],
  Y: [[1, '%Y'], [2, '%y'], [3, '%Y']],
  x: [[1, '%G']],
  M: [[1, '%-m'], [2, '%m'], [3, '%b'], [4, '%B']],
  d: [[1, '%-d'], [2, '%d']],
  D: [[1, '%-j'], [3, '%j']],
  H: [[1, '%-H'], [2, '%H']],
  h: [[1, '%-I'], [2, '%I']],
  m: [[1, '%-M'], [2, '%M']],
  s: [[1, '%-S'], [2, '%S']],
  S: [[3, '%g'], [6, '%f']],
  a: [[1, '%p']],
  E: [[1, '%a'], [4, '%A']],
  e: [[1, '%u']],
  w: [[1, '%V']],
  Z: [[1, '%z']],
  z: [[1, '%Z']],
};

export function jodaToStrftime(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new UnsupportedPattern('unterminated quoted text in the pattern');
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end).replaceAll('%', '%%');
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c === '%' ? '%%' : c;
      i++;
      continue;
    }
    let count = 1;
    while (pattern[i + count] === c) count++;
    const forms = JODA_LETTERS[c];
    const form = forms?.filter(([min]) => min <= count).pop();
    if (!form || (c === 'S' && count !== 3 && count !== 6)) {
      throw new UnsupportedPattern(`the pattern letter ${c.repeat(count)} is not supported`);
    }
    out += form[1];
    i += count;
  }
  return out;
}
