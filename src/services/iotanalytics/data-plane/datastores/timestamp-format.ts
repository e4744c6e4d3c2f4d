// Reads timestamps the way a timestamp partition's `timestampFormat` says:
// a Java DateTimeFormatter pattern (the model: "The timestamp format of a
// partition defined by a timestamp. The default format is seconds since
// epoch"). Supported letters: y u (year), M L (month, also MMM/MMMM names),
// d (day), H k h K (hours) with a (AM/PM), m, s, S (fraction), E (day names,
// matched and ignored), X x Z (offsets); 'quoted text', '' for a quote, and
// [optional sections]. Anything else that is a letter is refused.

export class TimestampFormatError extends Error {}

interface Fields {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  millis?: number;
  offsetMinutes?: number;
}

type Setter = (fields: Fields, text: string) => boolean;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function number(min: number, max: number, set: (f: Fields, n: number) => void): { source: string; setter: Setter } {
  return {
    source: `(\\d{${min},${max}})`,
    setter: (f, t) => {
      set(f, Number(t));
      return true;
    },
  };
}

function offset(): { source: string; setter: Setter } {
  return {
    source: '(Z|[+-]\\d{2}(?::?\\d{2})?)',
    setter: (f, t) => {
      if (t === 'Z') f.offsetMinutes = 0;
      else {
        const digits = t.slice(1).replace(':', '');
        const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
        f.offsetMinutes = t[0] === '-' ? -minutes : minutes;
      }
      return true;
    },
  };
}

function letterToken(letter: string, count: number): { source: string; setter: Setter } {
  switch (letter) {
    case 'y':
    case 'u':
      if (count === 2) return number(2, 2, (f, n) => (f.year = 2000 + n));
      return number(count === 1 ? 1 : count, count === 1 ? 9 : count, (f, n) => (f.year = n));
    case 'M':
    case 'L':
      if (count >= 3) {
        return {
          source: `([A-Za-z]{3,9})`,
          setter: (f, t) => {
            const index = MONTHS.findIndex((m) => (count === 3 ? m.slice(0, 3) : m) === t.toLowerCase());
            f.month = index + 1;
            return index >= 0;
          },
        };
      }
      return number(count, 2, (f, n) => (f.month = n));
    case 'd':
      return number(count, 2, (f, n) => (f.day = n));
    case 'H':
      return number(count, 2, (f, n) => (f.hour = n));
    case 'k':
      return number(count, 2, (f, n) => (f.hour = n % 24));
    case 'h':
      return number(count, 2, (f, n) => (f.hour12 = n % 12));
    case 'K':
      return number(count, 2, (f, n) => (f.hour12 = n));
    case 'a':
      return { source: '(AM|PM|am|pm)', setter: (f, t) => ((f.pm = t.toUpperCase() === 'PM'), true) };
    case 'm':
      return number(count, 2, (f, n) => (f.minute = n));
    case 's':
      return number(count, 2, (f, n) => (f.second = n));
    case 'S':
      return {
        source: `(\\d{${count}})`,
        setter: (f, t) => {
          f.millis = Math.floor(Number(`0.${t}`) * 1000);
          return true;
        },
      };
    case 'E':
      return { source: `((?:${DAYS}))`, setter: () => true };
    case 'X':
    case 'x':
    case 'Z':
      return offset();
    default:
      throw new TimestampFormatError(`Pattern letter '${letter}' is not supported in a timestamp format`);
  }
}

export interface TimestampParser {
  /** Epoch milliseconds, or undefined when the text does not match. */
  parse(text: string): number | undefined;
}

/** Compiles a DateTimeFormatter pattern. Throws TimestampFormatError for what it cannot read. */
export function compileTimestampFormat(pattern: string): TimestampParser {
  const setters: Setter[] = [];
  let source = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new TimestampFormatError('Unclosed quote in timestamp format');
      source += end === i + 1 ? "'" : escapeRegex(pattern.slice(i + 1, end));
      i = end + 1;
    } else if (c === '[') {
      source += '(?:';
      i++;
    } else if (c === ']') {
      source += ')?';
      i++;
    } else if (/[A-Za-z]/.test(c)) {
      let count = 1;
      while (pattern[i + count] === c) count++;
      const token = letterToken(c, count);
      source += token.source;
      setters.push(token.setter);
      i += count;
    } else {
      source += escapeRegex(c);
      i++;
    }
  }
  const regex = new RegExp(`^${source}$`, 'i');
  return {
    parse(text) {
      const match = regex.exec(text.trim());
      if (!match) return undefined;
      const fields: Fields = {};
      for (let g = 0; g < setters.length; g++) {
        if (match[g + 1] !== undefined && !setters[g](fields, match[g + 1])) return undefined;
      }
      const hour = fields.hour ?? (fields.hour12 !== undefined ? fields.hour12 + (fields.pm ? 12 : 0) : 0);
      const [year, month, day, minute, second] = [fields.year ?? 1970, fields.month ?? 1, fields.day ?? 1, fields.minute ?? 0, fields.second ?? 0];
      const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, fields.millis ?? 0));
      // Date.UTC rolls over (month 13 is January); DateTimeFormatter refuses.
      const exact = date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
      return exact ? date.getTime() - (fields.offsetMinutes ?? 0) * 60_000 : undefined;
    },
  };
}

/** The default: seconds since the epoch, as a number or a numeric string. */
export const epochSeconds: TimestampParser = {
  parse(text) {
    const seconds = Number(text);
    return text.trim() !== '' && Number.isFinite(seconds) ? seconds * 1000 : undefined;
  },
};
