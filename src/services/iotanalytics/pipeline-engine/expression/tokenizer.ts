// Splits an expression into tokens. Positions are 1-based character columns,
// so error messages can point at the offending character.

export class ExpressionSyntaxError extends Error {
  override name = 'ExpressionSyntaxError';
  constructor(
    detail: string,
    /** 1-based character column of the problem. */
    readonly position: number,
  ) {
    super(`${detail} at position ${position}`);
  }
}

export type Token =
  | { kind: 'number'; text: string; position: number }
  | { kind: 'string'; value: string; position: number }
  /** `quoted` identifiers (backticks) are never keywords. */
  | { kind: 'identifier'; name: string; quoted: boolean; position: number }
  | { kind: 'operator'; text: string; position: number }
  | { kind: 'end'; position: number };

// Longest first, so `<=` wins over `<`.
const OPERATORS = ['<>', '!=', '<=', '>=', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.'];
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const position = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c >= '0' && c <= '9') {
      const literal = match(NUMBER, text, i)!;
      if (/[A-Za-z_.]/.test(text[i + literal.length] ?? '')) {
        throw new ExpressionSyntaxError(`Malformed number '${literal}${text[i + literal.length]}'`, position);
      }
      tokens.push({ kind: 'number', text: literal, position });
      i += literal.length;
    } else if (c === "'" || c === '"') {
      // IoT SQL writes strings in single or double quotes (its function
      // examples use both: endswith("cat","at"), 'base64'). The quote is
      // escaped by doubling it, as in SQL: 'it''s'.
      const [value, next] = quoted(text, i, c, 'string literal');
      tokens.push({ kind: 'string', value, position });
      i = next;
    } else if (c === '`') {
      const [name, next] = quoted(text, i, c, 'quoted identifier');
      if (name === '') throw new ExpressionSyntaxError('Empty quoted identifier', position);
      tokens.push({ kind: 'identifier', name, quoted: true, position });
      i = next;
    } else if (/[A-Za-z_]/.test(c)) {
      const name = match(IDENTIFIER, text, i)!;
      tokens.push({ kind: 'identifier', name, quoted: false, position });
      i += name.length;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new ExpressionSyntaxError(`Unexpected character '${c}'`, position);
      tokens.push({ kind: 'operator', text: op, position });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', position: text.length + 1 });
  return tokens;
}

function match(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

function quoted(text: string, start: number, quote: string, what: string): [string, number] {
  let value = '';
  let i = start + 1;
  for (;;) {
    const end = text.indexOf(quote, i);
    if (end < 0) throw new ExpressionSyntaxError(`Unterminated ${what}`, start + 1);
    value += text.slice(i, end);
    if (text[end + 1] !== quote) return [value, end + 1];
    value += quote;
    i = end + 2;
  }
}
