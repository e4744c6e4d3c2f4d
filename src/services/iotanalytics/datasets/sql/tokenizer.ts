// A tokenizer for the Presto/Athena dialect. It only has to tell apart what a
// rewriter must never look inside (string literals, quoted identifiers,
// comments) from words, numbers and operators; everything else is DuckDB's
// parser's job. Offsets point into the original SQL so errors can cite it.
import { sqlError } from './query-error.ts';

export type TokenKind =
  | 'word' // bare identifier or keyword
  | 'quoted' // "identifier" (Presto/ANSI)
  | 'backquoted' // `identifier` (Athena/Hive, needed for names starting with _)
  | 'string' // 'literal'
  | 'number'
  | 'op';

export interface Token {
  kind: TokenKind;
  /** The source text, quotes included. */
  text: string;
  /** Identifier or string value with quotes removed and escapes undone. */
  value: string;
  start: number;
}

const MULTI_CHAR_OPS = ['||', '<=', '>=', '<>', '!=', '->', '=>', '::'];
const SINGLE_CHAR_OPS = '()[],.;+-*/%=<>?:|&^~{}';

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw sqlError('SYNTAX_ERROR', 'unterminated comment', sql, i);
      i = end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = closingQuote(sql, i, c);
      const text = sql.slice(i, end);
      const kind: TokenKind = c === "'" ? 'string' : c === '"' ? 'quoted' : 'backquoted';
      tokens.push({ kind, text, value: text.slice(1, -1).replaceAll(c + c, c), start: i });
      i = end;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(i))!;
      tokens.push({ kind: 'number', text: match[0], value: match[0], start: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_@$]*/.exec(sql.slice(i))!;
      tokens.push({ kind: 'word', text: match[0], value: match[0], start: i });
      i += match[0].length;
    } else {
      const op = MULTI_CHAR_OPS.find((o) => sql.startsWith(o, i)) ?? (SINGLE_CHAR_OPS.includes(c) ? c : undefined);
      if (!op) throw sqlError('SYNTAX_ERROR', `unexpected character '${c}'`, sql, i);
      tokens.push({ kind: 'op', text: op, value: op, start: i });
      i += op.length;
    }
  }
  return tokens;
}

/** Index just past the quote closing the one at `open`; a doubled quote is an escaped one. */
function closingQuote(sql: string, open: number, quote: string): number {
  let i = open + 1;
  for (;;) {
    const next = sql.indexOf(quote, i);
    if (next < 0) {
      const what = quote === "'" ? 'string literal' : 'quoted identifier';
      throw sqlError('SYNTAX_ERROR', `unterminated ${what}`, sql, open);
    }
    if (sql[next + 1] === quote) {
      i = next + 2;
      continue;
    }
    return next + 1;
  }
}

/** True for a word token spelling `keyword` (case-insensitive). */
export function isWord(token: Token | undefined, ...keywords: string[]): boolean {
  return token?.kind === 'word' && keywords.includes(token.value.toUpperCase());
}

export function isOp(token: Token | undefined, op: string): boolean {
  return token?.kind === 'op' && token.value === op;
}
