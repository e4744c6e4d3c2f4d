// IAM's pagination: MaxItems (default 100) and an opaque Marker, with
// IsTruncated telling whether more follow. Markers are signed page tokens
// bound to the listing they came from.
import type { PageTokens } from '../../lib/page-token.ts';
import { errors } from './errors.ts';

export const DEFAULT_MAX_ITEMS = 100;

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

/**
 * Reads one page: `fetch(after, limit)` returns items in listing order after
 * the position `after`; `position` gives an item's position.
 */
export async function page<T>(
  tokens: PageTokens,
  scope: string,
  input: { Marker?: string; MaxItems?: number },
  fetch: (after: string | undefined, limit: number) => Promise<T[]>,
  position: (item: T) => string,
): Promise<Page<T>> {
  let after: string | undefined;
  if (input.Marker !== undefined) {
    after = tokens.decode<string>(scope, input.Marker);
    // IAM's answer to a foreign marker was not found; ValidationError is ours (docs/FIDELITY.md).
    if (after === undefined) throw errors.validation('Invalid Marker.');
  }
  const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const rows = await fetch(after, limit + 1);
  const items = rows.slice(0, limit);
  const truncated = rows.length > limit;
  return { items, IsTruncated: truncated, Marker: truncated ? tokens.encode(scope, position(items[items.length - 1])) : undefined };
}
