import type { ListTrailsRequest, ListTrailsResponse } from '@aws-sdk/client-cloudtrail';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { errors } from '../errors.ts';

/** AWS does not document ListTrails' page size; 50 is ours. */
const PAGE_SIZE = 50;

export const listTrails = (deps: CloudTrailDeps) =>
  defineOperation<ListTrailsRequest, ListTrailsResponse>({
    name: 'ListTrails',
    readOnly: true,
    async handler(input, ctx) {
      const scope = `cloudtrail:ListTrails:${ctx.accountId}:${ctx.region}`;
      const after = input.NextToken === undefined ? undefined : deps.tokens.decode<string>(scope, input.NextToken);
      if (input.NextToken !== undefined && typeof after !== 'string') throw errors.invalidNextToken();
      const trails = (await deps.trails.visibleIn(ctx.region)).sort((a, b) => (a.arn < b.arn ? -1 : 1)).filter((t) => after === undefined || t.arn > after);
      const page = trails.slice(0, PAGE_SIZE);
      return {
        Trails: page.map((t) => ({ TrailARN: t.arn, Name: t.name, HomeRegion: t.homeRegion })),
        NextToken: trails.length > PAGE_SIZE ? deps.tokens.encode(scope, page.at(-1)!.arn) : undefined,
      };
    },
  });
