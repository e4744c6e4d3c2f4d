import type { GetEventSelectorsRequest, GetEventSelectorsResponse } from '@aws-sdk/client-cloudtrail';
import { DEFAULT_SELECTORS } from '../../../audit/trails/selectors.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { findTrail, trailResource } from '../trails.ts';

export const getEventSelectors = (deps: CloudTrailDeps) =>
  defineOperation<GetEventSelectorsRequest, GetEventSelectorsResponse>({
    name: 'GetEventSelectors',
    readOnly: true,
    resources: (input, ctx) => trailResource(input.TrailName, ctx),
    async handler(input, ctx) {
      const trail = await findTrail(deps, ctx, input.TrailName!);
      return { TrailARN: trail.arn, ...(trail.selectors ?? DEFAULT_SELECTORS) };
    },
  });
