// Matching of policy values: `*` (any run of characters) and `?` (any one
// character), and policy variables such as ${aws:username}
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
import type { ConditionContext } from './conditions.ts';

const cache = new Map<string, RegExp | null>();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const SPECIAL: Record<string, string> = { '*': '\\*', '?': '\\?', $: '\\$' };

/**
 * Compiles a policy value to a regular expression. Variables are replaced by
 * their (single) value from the request context, matched literally; a
 * variable the context lacks makes the value match nothing (null).
 */
function compile(pattern: string, ignoreCase: boolean, context: ConditionContext): RegExp | null {
  const usesVariables = pattern.includes('${');
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  if (!usesVariables && cache.has(cacheKey)) return cache.get(cacheKey)!;
  let source = '';
  let missing = false;
  for (const token of pattern.match(/\$\{[^}]*\}|\*|\?|[^*?$]+|\$/g) ?? []) {
    if (token === '*') source += '.*';
    else if (token === '?') source += '.';
    else if (token.startsWith('${') && token.length > 3) {
      const name = token.slice(2, -1).trim();
      if (name in SPECIAL) source += SPECIAL[name];
      else {
        const value = context[name.toLowerCase()];
        if (value?.length === 1) source += escape(value[0]);
        else missing = true;
      }
    } else source += escape(token);
  }
  const re = missing ? null : new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
  if (!usesVariables) {
    if (cache.size > 4096) cache.clear();
    cache.set(cacheKey, re);
  }
  return re;
}

/** Resource and ARN matching: case-sensitive. */
export function matches(pattern: string, value: string, context: ConditionContext = {}): boolean {
  return compile(pattern, false, context)?.test(value) ?? false;
}

/** Action matching and StringLike on IgnoreCase operators: case-insensitive. */
export function matchesIgnoreCase(pattern: string, value: string, context: ConditionContext = {}): boolean {
  return compile(pattern, true, context)?.test(value) ?? false;
}

/** A policy value with its variables replaced; undefined when one is missing. */
export function substitute(value: string, context: ConditionContext): string | undefined {
  if (!value.includes('${')) return value;
  let missing = false;
  const out = value.replace(/\$\{([^}]*)\}/g, (_, raw: string) => {
    const name = raw.trim();
    if (name === '*' || name === '?' || name === '$') return name;
    const v = context[name.toLowerCase()];
    if (v?.length === 1) return v[0];
    missing = true;
    return '';
  });
  return missing ? undefined : out;
}
