// One page of a List* operation, in name order. The token is opaque and
// MAC'd (lib/page-token.ts), bound to the operation and region; one that was
// edited or comes from elsewhere is an InvalidRequestException.
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

export async function listPage<C>(
  deps: IotAnalyticsDeps,
  region: string,
  kind: ResourceKind,
  listing: string,
  request: PageRequest,
): Promise<{ items: StoredResource<C>[]; nextToken?: string }> {
  const scope = `iotanalytics:${listing}:${region}`;
  let after: string | undefined;
  if (request.nextToken !== undefined) {
    const position = deps.tokens.decode<{ after?: unknown }>(scope, request.nextToken);
    if (typeof position?.after !== 'string') throw errors.invalidRequest('The nextToken is not valid.');
    after = position.after;
  }
  const size = request.maxResults ?? DEFAULT_PAGE_SIZE;
  const rows = await resourceStore.list<C>(deps.db.reader, region, kind, after, size + 1);
  const items = rows.slice(0, size);
  const nextToken = rows.length > size ? deps.tokens.encode(scope, { after: items[items.length - 1].name }) : undefined;
  return { items, nextToken };
}
