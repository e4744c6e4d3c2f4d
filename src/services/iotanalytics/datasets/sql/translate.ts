// Presto/Athena SQL → DuckDB SQL. The rewriter walks the bracket tree of the
// user's query once and changes only what differs between the dialects:
// function calls (through FUNCTION_RULES), backquoted names, zoned timestamp
// literals, the current time, data-store names (through the injected
// resolver) and the names of unnamed output columns. Everything else is
// passed through untouched for DuckDB's parser, which reports real syntax
// errors; their positions are mapped back through the pieces' origins.
import { FUNCTION_RULES, type CallSite } from './function-rules.ts';
import {
  FROM_CLAUSE_END,
  NOT_FUNCTIONS,
  NOT_IMPLICIT_ALIASES,
  NOT_TABLE_ALIASES,
  RESERVED,
  SELECT_LIST_END,
  UNSUPPORTED_STATEMENTS,
} from './keywords.ts';
import { timeConstant, typedLiteral } from './literals.ts';
import { parens, piece, quoteIdentifier, render, type Out, type RenderedSql } from './output.ts';
import { sqlError, type QueryErrorName } from './query-error.ts';
import {
  buildTree,
  holdsQuery,
  isParenGroup,
  nodeIsOp,
  nodeIsWord,
  splitOnCommas,
  startOf,
  tokenOf,
  type Group,
  type SqlNode,
} from './token-tree.ts';
import { tokenize, type Token } from './tokenizer.ts';

/** Returns the DuckDB table expression for a data store, or undefined if there is none. */
export type TableResolver = (name: string) => string | undefined;

export interface TranslateOptions {
  /** Called with the table name lower-cased: Athena folds table names. */
  tables: TableResolver;
  /** What current_timestamp, now() and current_date stand for. */
  queryTime: Date;
  /** A DuckDB predicate applied to every data-store scan (the delta window). */
  scanFilter?: string;
}

export function translateQuery(sql: string, options: TranslateOptions): RenderedSql {
  const translator = new Translator(sql, options);
  return render(translator.statement(buildTree(tokenize(sql), sql)));
}

/** A stand-alone expression, e.g. a delta filter's timeExpression. */
export function translateExpression(sql: string, queryTime: Date): RenderedSql {
  const translator = new Translator(sql, { tables: () => undefined, queryTime });
  const nodes = buildTree(tokenize(sql), sql);
  if (nodes.length === 0) throw sqlError('SYNTAX_ERROR', 'empty expression', sql, 0);
  return render(translator.expression(nodes));
}

interface Scope {
  query: boolean;
  /** This scope's first SELECT names the result's columns. */
  nameOutputs: boolean;
  inFrom: boolean;
}

class Translator {
  constructor(
    private readonly sql: string,
    private readonly options: TranslateOptions,
  ) {}

  statement(nodes: SqlNode[]): Out {
    const semicolon = nodes.findIndex((n) => nodeIsOp(n, ';'));
    if (semicolon >= 0) {
      if (semicolon < nodes.length - 1) {
        this.fail('NOT_SUPPORTED', 'Multiple statements are not supported; a dataset runs one SELECT query', startOf(nodes[semicolon + 1]));
      }
      nodes = nodes.slice(0, semicolon);
    }
    if (nodes.length === 0) this.fail('SYNTAX_ERROR', 'the query is empty', 0);
    const first = nodes[0];
    const keyword = tokenOf(first)?.value.toUpperCase();
    if (!nodeIsWord(first, 'SELECT', 'VALUES', 'WITH') && !(isParenGroup(first) && holdsQuery(first))) {
      const reason = (keyword && UNSUPPORTED_STATEMENTS[keyword]) ?? `Only SELECT queries are supported in dataset SQL${keyword ? `; ${keyword} statements are not` : ''}`;
      this.fail('NOT_SUPPORTED', reason, startOf(first));
    }
    return this.query(nodes, true);
  }

  expression(nodes: SqlNode[]): Out {
    return this.sequence(nodes, { query: false, nameOutputs: false, inFrom: false });
  }

  private query(nodes: SqlNode[], nameOutputs: boolean): Out {
    if (nodeIsWord(nodes[0], 'WITH')) this.fail('NOT_SUPPORTED', UNSUPPORTED_STATEMENTS.WITH, startOf(nodes[0]));
    return this.sequence(nodes, { query: true, nameOutputs, inFrom: false });
  }

  private sequence(nodes: SqlNode[], scope: Scope): Out {
    const out: Out = [];
    let i = 0;
    while (i < nodes.length) {
      const node = nodes[i];
      const next = nodes[i + 1];
      if (node.type === 'group') {
        const nameInside = scope.nameOutputs && i === 0;
        if (nameInside) scope.nameOutputs = false;
        out.push(...this.group(node, nameInside));
        i++;
        continue;
      }
      const token = node.token;
      const upper = token.value.toUpperCase();
      if (token.kind === 'word' && scope.query) {
        if (FROM_CLAUSE_END.has(upper)) scope.inFrom = false;
        if (upper === 'SELECT' && scope.nameOutputs) {
          scope.nameOutputs = false;
          i = this.selectList(nodes, i, out);
          continue;
        }
        if (upper === 'FROM' || (upper === 'JOIN' && scope.inFrom)) {
          scope.inFrom = true;
          out.push(...piece(token.text, token.start));
          i = this.tableReference(nodes, i + 1, out);
          continue;
        }
      }
      if (token.kind === 'op' && token.value === ',' && scope.inFrom) {
        out.push(...piece(',', token.start));
        i = this.tableReference(nodes, i + 1, out);
        continue;
      }
      if (upper === 'TABLESAMPLE' && token.kind === 'word') {
        out.push(...this.tableSample(nodes, i));
        i += 3;
        continue;
      }
      if (token.kind === 'word' && isParenGroup(next) && !NOT_FUNCTIONS.has(upper) && !isAggregateFilter(token, next)) {
        out.push(...this.functionCall(token, next));
        i += 2;
        continue;
      }
      const literal = token.kind === 'word' ? typedLiteral(token, tokenOf(next)) : undefined;
      if (literal) {
        out.push(...literal);
        i += 2;
        continue;
      }
      out.push(...this.leaf(token));
      i++;
    }
    return out;
  }

  private leaf(token: Token): Out {
    if (token.kind === 'backquoted') return piece(quoteIdentifier(token.value), token.start);
    if (token.kind === 'op' && token.value === '?') {
      this.fail('NOT_SUPPORTED', 'Query parameters (?) are not supported in dataset SQL', token.start);
    }
    if (token.kind === 'op' && token.value === ';') {
      this.fail('NOT_SUPPORTED', 'Multiple statements are not supported; a dataset runs one SELECT query', token.start);
    }
    const constant = token.kind === 'word' ? timeConstant(token, this.options.queryTime) : undefined;
    return constant ?? piece(token.text, token.start);
  }

  private group(group: Group, nameOutputs: boolean): Out {
    const close = piece(group.close.value, group.close.start, true);
    if (group.open.value === '[') {
      return [...piece('[', group.open.start, true), ...this.expression(group.children), ...close];
    }
    const inner = holdsQuery(group) ? this.query(group.children, nameOutputs) : this.expression(group.children);
    return [...piece('(', group.open.start), ...inner, ...close];
  }

  private functionCall(name: Token, group: Group): Out {
    const rule = FUNCTION_RULES[name.value.toLowerCase()];
    if (!rule) {
      const open = piece('(', group.open.start, true);
      return [...piece(name.text, name.start), ...open, ...this.expression(group.children), ...piece(')', group.close.start, true)];
    }
    const translate = (nodes: SqlNode[]): Out => this.expression(nodes);
    const raw = this.items(group.children);
    let args: Out[] | undefined;
    const site: CallSite = {
      name: name.value.toLowerCase(),
      origin: name.start,
      raw,
      group,
      queryTime: this.options.queryTime,
      get args() {
        return (args ??= raw.map(translate));
      },
      translate,
      fail: (errorName, detail, at = name.start) => this.fail(errorName, detail, at),
    };
    return rule(site);
  }

  /** A FROM item starting at nodes[i]: data-store names are resolved, table functions refused. */
  private tableReference(nodes: SqlNode[], i: number, out: Out): number {
    const node = nodes[i];
    if (node === undefined || nodeIsWord(node, 'UNNEST', 'LATERAL')) return i;
    if (node.type === 'group') {
      if (node.open.value !== '(' || holdsQuery(node)) return i;
      // A parenthesised join, "(a JOIN b ON …)": its first item is a table too.
      const inner: Out = [];
      const next = this.tableReference(node.children, 0, inner);
      inner.push(...this.sequence(node.children.slice(next), { query: true, nameOutputs: false, inFrom: true }));
      out.push(...parens(inner, node.open.start));
      return i + 1;
    }
    const parts: Token[] = [];
    let j = i;
    while (isName(tokenOf(nodes[j])) && (parts.length === 0 || nodeIsOp(nodes[j - 1], '.'))) {
      parts.push(tokenOf(nodes[j])!);
      j += nodeIsOp(nodes[j + 1], '.') ? 2 : 1;
    }
    if (parts.length === 0) return i;
    if (isParenGroup(nodes[j]) && parts.length === 1) {
      this.fail('NOT_SUPPORTED', `Table function ${parts[0].value} is not supported in dataset SQL; name a data store`, parts[0].start);
    }
    const name = parts.map((p) => p.value).join('.').toLowerCase();
    const scan = this.options.tables(name);
    if (scan === undefined) this.fail('SYNTAX_ERROR', `Table ${name} does not exist`, parts[0].start);
    const filter = this.options.scanFilter;
    out.push(...piece(filter ? `(SELECT * FROM ${scan} WHERE ${filter})` : scan, parts[0].start));
    const after = tokenOf(nodes[j]);
    const aliased = isName(after) ? !NOT_TABLE_ALIASES.has(after!.value.toUpperCase()) : nodeIsWord(nodes[j], 'AS');
    if (!aliased) out.push(...piece(`AS ${quoteIdentifier(parts[parts.length - 1].value)}`, parts[0].start));
    return j;
  }

  /**
   * `TABLESAMPLE BERNOULLI (10)`: Presto's number is a percentage; DuckDB
   * reads a bare number as a row count.
   */
  private tableSample(nodes: SqlNode[], i: number): Out {
    const method = tokenOf(nodes[i + 1]);
    const size = nodes[i + 2];
    if (!nodeIsWord(nodes[i + 1], 'BERNOULLI', 'SYSTEM') || !isParenGroup(size)) {
      this.fail('SYNTAX_ERROR', 'TABLESAMPLE needs BERNOULLI or SYSTEM and a percentage, e.g. TABLESAMPLE BERNOULLI (10)', startOf(nodes[i]));
    }
    const start = startOf(nodes[i]);
    return [...piece(`TABLESAMPLE ${method!.value.toLowerCase()}(`, start), ...this.expression(size.children), ...piece('%)', start, true)];
  }

  /**
   * The outermost SELECT's items. Presto names an unaliased column reference
   * after the column as written and every other unaliased expression
   * `_col<position>`; DuckDB would name them after the expression text, so
   * explicit aliases are added.
   */
  private selectList(nodes: SqlNode[], i: number, out: Out): number {
    out.push(...piece(tokenOf(nodes[i])!.text, startOf(nodes[i])));
    let j = i + 1;
    if (nodeIsWord(nodes[j], 'DISTINCT', 'ALL')) out.push(...piece(tokenOf(nodes[j++])!.text, startOf(nodes[j - 1])));
    let end = j;
    while (end < nodes.length && !nodeIsWord(nodes[end], ...SELECT_LIST_END)) end++;
    this.items(nodes.slice(j, end)).forEach((item, index) => {
      if (index > 0) out.push(...piece(',', startOf(item[0]), true));
      out.push(...this.expression(item));
      const name = outputName(item, index);
      if (name !== undefined) out.push(...piece(`AS ${quoteIdentifier(name)}`, startOf(item[0])));
    });
    return end;
  }

  private items(nodes: SqlNode[]): SqlNode[][] {
    return splitOnCommas(nodes, (at) => this.fail('SYNTAX_ERROR', "mismatched input ','", at));
  }

  private fail(name: QueryErrorName, detail: string, at: number): never {
    throw sqlError(name, detail, this.sql, at);
  }
}

/** `count(*) FILTER (WHERE …)`, as opposed to the array function filter(array, lambda). */
function isAggregateFilter(word: Token, next: Group): boolean {
  return word.value.toUpperCase() === 'FILTER' && nodeIsWord(next.children[0], 'WHERE');
}

/** A token that can name a column, table or alias. */
function isName(token: Token | undefined): boolean {
  if (token === undefined) return false;
  if (token.kind === 'quoted' || token.kind === 'backquoted') return true;
  return token.kind === 'word' && !RESERVED.has(token.value.toUpperCase());
}

/** The name to give a select item, or undefined when it already has one (alias or `*`). */
function outputName(item: SqlNode[], index: number): string | undefined {
  const last = tokenOf(item[item.length - 1]);
  const previous = item.length > 1 ? item[item.length - 2] : undefined;
  if (last?.kind === 'op' && last.value === '*' && (previous === undefined || nodeIsOp(previous, '.'))) return undefined;
  if (nodeIsWord(previous, 'AS')) return undefined;
  if (last?.kind === 'op') return undefined; // incomplete, e.g. "1 +": DuckDB reports it better without an alias
  const implicitAlias = isName(last) && !NOT_IMPLICIT_ALIASES.has(last!.value.toUpperCase());
  if (previous !== undefined && implicitAlias && endsValue(previous)) return undefined;
  const isColumnReference = item.every((node, k) => (k % 2 === 0 ? isName(tokenOf(node)) : nodeIsOp(node, '.')));
  if (isColumnReference && item.length % 2 === 1) return last!.value;
  return `_col${index}`;
}

/** True when a node can end an expression, so an identifier after it is an implicit alias. */
function endsValue(node: SqlNode): boolean {
  if (node.type === 'group') return true;
  const token = node.token;
  if (token.kind === 'op') return false;
  if (token.kind === 'word') return isName(token) || ['END', 'NULL', 'TRUE', 'FALSE'].includes(token.value.toUpperCase());
  return true;
}
