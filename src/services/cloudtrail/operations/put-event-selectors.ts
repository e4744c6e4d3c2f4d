import type { PutEventSelectorsRequest, PutEventSelectorsResponse } from '@aws-sdk/client-cloudtrail';
import { checkSelectors } from '../../../audit/trails/selectors.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { findTrail, requireHomeRegion, trailResource } from '../trails.ts';

export const putEventSelectors = (deps: CloudTrailDeps) =>
  defineOperation<PutEventSelectorsRequest, PutEventSelectorsResponse>({
    name: 'PutEventSelectors',
    readOnly: false,
    resources: (input, ctx) => trailResource(input.TrailName, ctx),
    async handler(input, ctx) {
      const selectors = checkSelectors(input, errors.invalidEventSelectors);
      return ctx.mutate(async (tx) => {
        const trail = await findTrail(deps, ctx, input.TrailName!, tx);
        requireHomeRegion(trail, ctx);
        await deps.trails.update(tx, { ...trail, selectors });
        return { TrailARN: trail.arn, ...selectors };
      });
    },
  });
