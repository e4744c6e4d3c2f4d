// One page of a List* operation. The token is opaque and MAC'd
// (lib/page-token.ts), bound to the operation, region and listing; one that
// was edited or comes from elsewhere is an InvalidRequestException.
import type { ResourceKind } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { resourceStore, type StoredResource } from './resource-store.ts';

/** The documented default of maxResults (the model allows 1-250). */
export const DEFAULT_PAGE_SIZE = 100;

export interface PageRequest {
  nextToken?: string;
  maxResults?: number;
}

/** How a listing pages: where a page ends, and the rows after such a position. */
export interface Paging<T, P> {
  /** The token's scope, e.g. `iotanalytics:ListChannels:us-east-1`. */
  scope: string;
  isPosition(value: unknown): value is P;
  positionOf(item: T): P;
  read(after: P | undefined, limit: number): Promise<T[]>;
}

export async function pageOf<T, P>(deps: IotAnalyticsDeps, request: PageRequest, paging: Paging<T, P>): Promise<{ items: T[]; nextToken?: string }> {
  let after: P | undefined;
  if (request.nextToken !== undefined) {
    const position = deps.tokens.decode<unknown>(paging.scope, request.nextToken);
    if (!paging.isPosition(position)) throw errors.invalidRequest('The nextToken is not valid.');
    after = position;
  }
  const size = request.maxResults ?? DEFAULT_PAGE_SIZE;
  // One row more than the page tells whether another page follows.
  const rows = await paging.read(after, size + 1);
  const items = rows.slice(0, size);
  const nextToken = rows.length > size ? deps.tokens.encode(paging.scope, paging.positionOf(items[items.length - 1])) : undefined;
  return { items, nextToken };
}

/** Resources of one kind, in name order. */
export function listPage<C>(
  deps: IotAnalyticsDeps,
  region: string,
  kind: ResourceKind,
  listing: string,
  request: PageRequest,
): Promise<{ items: StoredResource<C>[]; nextToken?: string }> {
  return pageOf(deps, request, {
    scope: `iotanalytics:${listing}:${region}`,
    isPosition: (value): value is string => typeof value === 'string',
    positionOf: (resource) => resource.name,
    read: (after, limit) => resourceStore.list<C>(deps.db.reader, region, kind, after, limit),
  });
}
