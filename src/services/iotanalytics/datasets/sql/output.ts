// The translated SQL is built as a list of pieces, each remembering where in
// the user's SQL it came from. Rendering joins them and keeps that map, so a
// DuckDB error position in the translation can be reported against the
// original text.

export interface Piece {
  text: string;
  /** Offset in the user's SQL this piece stands for. */
  origin: number;
  /** Written without a space before it (e.g. the "(" of a call). */
  glue?: boolean;
}

export type Out = Piece[];

export function piece(text: string, origin: number, glue = false): Out {
  return [{ text, origin, glue }];
}

/** `name(arg, arg, …)` with the call's origin on every synthetic piece. */
export function call(name: string, args: Out[], origin: number): Out {
  return [...piece(name, origin), ...piece('(', origin, true), ...commaList(args, origin), ...piece(')', origin, true)];
}

function commaList(items: Out[], origin: number): Out {
  return items.flatMap((item, i) => (i === 0 ? item : [...piece(',', origin, true), ...item]));
}

/** Wraps in parentheses, keeping precedence safe where an expression is spliced into another. */
export function parens(inner: Out, origin: number): Out {
  return [...piece('(', origin), ...inner, ...piece(')', origin, true)];
}

export interface RenderedSql {
  text: string;
  /** Maps an offset in `text` back to an offset in the user's SQL. */
  originAt(offset: number): number;
}

const NO_SPACE_AFTER = /[(.[]$/;
const NO_SPACE_BEFORE = /^[).,\]]/;

export function render(out: Out): RenderedSql {
  let text = '';
  const starts: number[] = [];
  const origins: number[] = [];
  for (const p of out) {
    const spaced = text !== '' && !p.glue && !NO_SPACE_AFTER.test(text) && !NO_SPACE_BEFORE.test(p.text);
    if (spaced) text += ' ';
    starts.push(text.length);
    origins.push(p.origin);
    text += p.text;
  }
  return {
    text,
    originAt(offset: number): number {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return origins[lo] ?? 0;
    },
  };
}

/** Escapes a value as a SQL string literal. */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Escapes a name as a double-quoted identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
