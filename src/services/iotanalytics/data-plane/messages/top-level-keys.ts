// The member names at the top level of a JSON object payload, located
// straight in its bytes in one pass: JSON.parse would cost more than the
// check it serves, and would not show a repeated name (it keeps only the
// last). The scan follows strings and nesting only; it does not check the
// rest of JSON.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Where each top-level name is: [start, end) byte offsets, in pairs, into
 * the payload (between the quotes, escapes not decoded). Undefined when the
 * payload does not start as a JSON object or a string never ends.
 */
export function topLevelKeyRanges(payload: Uint8Array): number[] | undefined {
  let i = 0;
  while (i < payload.length && (payload[i] === 0x20 || payload[i] === 0x09 || payload[i] === 0x0a || payload[i] === 0x0d)) i++;
  if (payload[i] !== 0x7b) return undefined;
  const ranges: number[] = [];
  let depth = 0;
  let expectKey = false;
  for (; i < payload.length; i++) {
    const c = payload[i];
    if (c === QUOTE) {
      const start = i + 1;
      for (i = start; i < payload.length; i++) {
        const d = payload[i];
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
      if (i >= payload.length) return undefined;
      if (depth === 1 && expectKey) {
        ranges.push(start, i);
        expectKey = false;
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (c === 0x2c && depth === 1) {
      expectKey = true;
    }
  }
  return ranges;
}

/** A name as text (escapes decoded), for messages. */
export function keyText(payload: Uint8Array, start: number, end: number): string {
  const raw = Buffer.from(payload.buffer, payload.byteOffset + start, end - start).toString('utf8');
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
