// Parses filter and math expressions into a tree.
//
// The grammar is the expression part of AWS IoT SQL, which the IoT Analytics
// guide's filter ("looks like an SQL WHERE clause") and math pages follow.
// Precedence, loosest first:
//   OR < AND < NOT < comparison (= <> != < <= > >= IN) < + - < * / % < unary - < primary
// Keywords and function names are case-insensitive; attribute names are not.
import { Decimal } from './decimal.ts';
import { FUNCTIONS } from './functions.ts';
import { ExpressionSyntaxError, tokenize, type Token } from './tokenizer.ts';
import { boolean, decimal, int, NULL, string, type SqlValue } from './values.ts';
import type { PathStep } from '../paths.ts';

export type BinaryOperator = 'OR' | 'AND' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'IN' | '+' | '-' | '*' | '/' | '%';

export type Expression =
  | { kind: 'literal'; value: SqlValue }
  | { kind: 'attribute'; path: PathStep[] }
  | { kind: 'array'; items: Expression[] }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'not'; operand: Expression }
  | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression }
  | { kind: 'call'; name: string; args: Expression[] };

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'TRUE', 'FALSE', 'NULL']);
const COMPARISONS: Record<string, BinaryOperator> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Parses an expression; throws ExpressionSyntaxError with a message fit for an API error. */
export function parseExpression(text: string): Expression {
  if (text.trim() === '') throw new ExpressionSyntaxError('Empty expression', 1);
  return new Parser(tokenize(text)).parseAll();
}

class Parser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Expression {
    const expression = this.or();
    const rest = this.peek();
    if (rest.kind !== 'end') throw new ExpressionSyntaxError(`Unexpected ${describe(rest)} after a complete expression`, rest.position);
    return expression;
  }

  private or(): Expression {
    let left = this.and();
    while (this.keyword('OR')) left = { kind: 'binary', operator: 'OR', left, right: this.and() };
    return left;
  }

  private and(): Expression {
    let left = this.not();
    while (this.keyword('AND')) left = { kind: 'binary', operator: 'AND', left, right: this.not() };
    return left;
  }

  private not(): Expression {
    if (this.keyword('NOT')) return { kind: 'not', operand: this.not() };
    return this.comparison();
  }

  private comparison(): Expression {
    let left = this.additive();
    for (;;) {
      const token = this.peek();
      const operator = token.kind === 'operator' ? COMPARISONS[token.text] : undefined;
      if (operator) {
        this.at++;
        left = { kind: 'binary', operator, left, right: this.additive() };
      } else if (this.keyword('IN')) {
        left = { kind: 'binary', operator: 'IN', left, right: this.additive() };
      } else {
        return left;
      }
    }
  }

  private additive(): Expression {
    return this.leftAssociative(['+', '-'], () => this.multiplicative());
  }

  private multiplicative(): Expression {
    return this.leftAssociative(['*', '/', '%'], () => this.unary());
  }

  private leftAssociative(operators: string[], operand: () => Expression): Expression {
    let left = operand();
    for (let op = this.operator(...operators); op; op = this.operator(...operators)) {
      left = { kind: 'binary', operator: op as BinaryOperator, left, right: operand() };
    }
    return left;
  }

  private unary(): Expression {
    if (this.operator('-')) return { kind: 'negate', operand: this.unary() };
    return this.primary();
  }

  private primary(): Expression {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: numberLiteral(token.text) };
      case 'string':
        return { kind: 'literal', value: string(token.value) };
      case 'identifier':
        return this.identifier(token);
      case 'operator':
        if (token.text === '(') {
          const inner = this.or();
          this.expect(')');
          return inner;
        }
        if (token.text === '[') return { kind: 'array', items: this.list(']') };
        break;
    }
    throw new ExpressionSyntaxError(`Expected an operand but found ${describe(token)}`, token.position);
  }

  private identifier(token: Token & { kind: 'identifier' }): Expression {
    const upper = token.name.toUpperCase();
    if (!token.quoted && KEYWORDS.has(upper)) {
      if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: boolean(upper === 'TRUE') };
      if (upper === 'NULL') return { kind: 'literal', value: NULL };
      throw new ExpressionSyntaxError(`Expected an operand but found ${describe(token)}`, token.position);
    }
    if (!token.quoted && this.operator('(')) return this.call(token);
    const path: PathStep[] = [{ key: token.name }];
    for (;;) {
      if (this.operator('.')) {
        const name = this.next();
        if (name.kind !== 'identifier') {
          throw new ExpressionSyntaxError(`Expected an attribute name after '.' but found ${describe(name)}`, name.position);
        }
        path.push({ key: name.name });
      } else if (this.operator('[')) {
        const index = this.next();
        if (index.kind !== 'number' || !/^\d+$/.test(index.text)) {
          throw new ExpressionSyntaxError(`Expected an array index (a non-negative integer) but found ${describe(index)}`, index.position);
        }
        this.expect(']');
        path.push({ index: Number(index.text) });
      } else {
        return { kind: 'attribute', path };
      }
    }
  }

  private call(token: Token & { kind: 'identifier' }): Expression {
    const name = token.name.toLowerCase();
    const fn = FUNCTIONS[name];
    if (!fn) throw new ExpressionSyntaxError(`Unknown function '${token.name}'`, token.position);
    const args = this.list(')');
    if (args.length !== fn.arity) {
      const expected = `${fn.arity} argument${fn.arity === 1 ? '' : 's'}`;
      throw new ExpressionSyntaxError(`Function ${name} takes ${expected} but was given ${args.length}`, token.position);
    }
    return { kind: 'call', name, args };
  }

  /** Comma-separated expressions up to `close`; the opening bracket is already consumed. */
  private list(close: string): Expression[] {
    const items: Expression[] = [];
    if (this.operator(close)) return items;
    do items.push(this.or());
    while (this.operator(','));
    this.expect(close);
    return items;
  }

  private peek(): Token {
    return this.tokens[this.at];
  }

  private next(): Token {
    const token = this.tokens[this.at];
    if (token.kind !== 'end') this.at++;
    return token;
  }

  private keyword(word: string): boolean {
    const token = this.peek();
    if (token.kind === 'identifier' && !token.quoted && token.name.toUpperCase() === word) {
      this.at++;
      return true;
    }
    return false;
  }

  private operator(...texts: string[]): string | undefined {
    const token = this.peek();
    if (token.kind === 'operator' && texts.includes(token.text)) {
      this.at++;
      return token.text;
    }
    return undefined;
  }

  private expect(text: string): void {
    const token = this.peek();
    if (!this.operator(text)) throw new ExpressionSyntaxError(`Expected '${text}' but found ${describe(token)}`, token.position);
  }
}

function numberLiteral(text: string): SqlValue {
  return /^\d+$/.test(text) ? int(BigInt(text)) : decimal(Decimal.parse(text)!);
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the expression';
    case 'number':
      return `'${token.text}'`;
    case 'string':
      return 'a string';
    case 'identifier':
      return `'${token.name}'`;
    case 'operator':
      return `'${token.text}'`;
  }
}
