// S3 lists keys in UTF-8 byte order. JavaScript compares strings by UTF-16
// code units, which disagrees for characters above U+FFFF against those in
// U+E000..U+FFFF, so comparisons of keys go through their UTF-8 bytes.

export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The least string greater than every string that starts with `prefix`
 * (an exclusive upper bound for a prefix range), or undefined when there is
 * none. UTF-8 preserves code point order, so incrementing the last code point
 * (skipping the surrogate range) gives it.
 */
export function prefixSuccessor(prefix: string): string | undefined {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return points.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}

/** The common prefix a key rolls up into under `prefix` and `delimiter`, if any. */
export function commonPrefixOf(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (!delimiter) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}
