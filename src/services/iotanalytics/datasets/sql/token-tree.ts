// Tokens grouped by their brackets: every "(...)" and "[...]" becomes one
// node, so a rewriter can see a function call as a name followed by one
// group, and split arguments on the commas of that group only.
import { sqlError } from './query-error.ts';
import { isOp, isWord, type Token } from './tokenizer.ts';

export interface Leaf {
  type: 'leaf';
  token: Token;
}

export interface Group {
  type: 'group';
  open: Token;
  close: Token;
  children: SqlNode[];
}

export type SqlNode = Leaf | Group;

const CLOSERS: Record<string, string> = { '(': ')', '[': ']' };

export function buildTree(tokens: Token[], sql: string): SqlNode[] {
  const stack: { open?: Token; children: SqlNode[] }[] = [{ children: [] }];
  for (const token of tokens) {
    const top = stack[stack.length - 1];
    if (token.kind === 'op' && token.value in CLOSERS) {
      stack.push({ open: token, children: [] });
    } else if (token.kind === 'op' && (token.value === ')' || token.value === ']')) {
      if (!top.open || CLOSERS[top.open.value] !== token.value) {
        throw sqlError('SYNTAX_ERROR', `mismatched input '${token.value}'`, sql, token.start);
      }
      stack.pop();
      stack[stack.length - 1].children.push({ type: 'group', open: top.open, close: token, children: top.children });
    } else {
      top.children.push({ type: 'leaf', token });
    }
  }
  const unclosed = stack[stack.length - 1].open;
  if (unclosed) throw sqlError('SYNTAX_ERROR', `'${unclosed.value}' is never closed`, sql, unclosed.start);
  return stack[0].children;
}

export function tokenOf(node: SqlNode | undefined): Token | undefined {
  return node?.type === 'leaf' ? node.token : undefined;
}

export function nodeIsWord(node: SqlNode | undefined, ...keywords: string[]): boolean {
  return isWord(tokenOf(node), ...keywords);
}

export function nodeIsOp(node: SqlNode | undefined, op: string): boolean {
  return isOp(tokenOf(node), op);
}

export function isParenGroup(node: SqlNode | undefined): node is Group {
  return node?.type === 'group' && node.open.value === '(';
}

/** Where a node starts in the original SQL. */
export function startOf(node: SqlNode): number {
  return node.type === 'leaf' ? node.token.start : node.open.start;
}

/**
 * Splits on top-level commas (commas inside nested groups stay put). An
 * empty item (",,", or a comma first or last) is passed to `onEmpty` with
 * the offset of its comma, which must throw.
 */
export function splitOnCommas(nodes: SqlNode[], onEmpty: (offset: number) => never): SqlNode[][] {
  if (nodes.length === 0) return [];
  const parts: SqlNode[][] = [[]];
  for (const node of nodes) {
    if (nodeIsOp(node, ',')) {
      if (parts[parts.length - 1].length === 0) onEmpty(startOf(node));
      parts.push([]);
    } else {
      parts[parts.length - 1].push(node);
    }
  }
  if (parts[parts.length - 1].length === 0) onEmpty(startOf(nodes[nodes.length - 1]));
  return parts;
}

/** The string value of a node that is a single string literal, else undefined. */
export function stringLiteral(nodes: SqlNode[]): string | undefined {
  const token = nodes.length === 1 ? tokenOf(nodes[0]) : undefined;
  return token?.kind === 'string' ? token.value : undefined;
}

/** True when a group holds a query: SELECT/VALUES first, possibly inside more parentheses. */
export function holdsQuery(group: Group): boolean {
  const first = group.children[0];
  if (isParenGroup(first)) return holdsQuery(first);
  return nodeIsWord(first, 'SELECT', 'VALUES', 'WITH');
}
