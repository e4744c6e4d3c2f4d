import type { DeleteTrailRequest, DeleteTrailResponse } from '@aws-sdk/client-cloudtrail';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { findTrail, requireHomeRegion, trailResource } from '../trails.ts';

// The bucket and its log files stay (reference §4.5). Records the trail logged
// but has not delivered yet are delivered first when the bucket takes them;
// if it does not, they are dropped with the trail (docs/FIDELITY.md, "Trails").
export const deleteTrail = (deps: CloudTrailDeps) =>
  defineOperation<DeleteTrailRequest, DeleteTrailResponse>({
    name: 'DeleteTrail',
    readOnly: false,
    resources: (input, ctx) => trailResource(input.Name, ctx),
    async handler(input, ctx) {
      const trail = await findTrail(deps, ctx, input.Name!);
      requireHomeRegion(trail, ctx);
      await deps.delivery.flush(trail);
      await ctx.mutate(async (tx) => {
        await findTrail(deps, ctx, trail.arn, tx);
        await deps.trails.delete(tx, trail.arn);
        await deps.deliveries.delete(tx, trail.arn);
      });
      await deps.lifecycle.trailDeleted(trail, ctx.receivedAt);
      return {};
    },
  });
