import type { StopLoggingRequest, StopLoggingResponse } from '@aws-sdk/client-cloudtrail';
import type { Trail } from '../../../audit/trails/trail-store.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { findTrail, requireHomeRegion, trailResource } from '../trails.ts';

// Logging ends with the records committed before this call's change (its own
// record is not logged); those are still delivered. Lifecycle listeners (the
// final digest) hear of it once it is committed.
export const stopLogging = (deps: CloudTrailDeps) =>
  defineOperation<StopLoggingRequest, StopLoggingResponse>({
    name: 'StopLogging',
    readOnly: false,
    resources: (input, ctx) => trailResource(input.Name, ctx),
    async handler(input, ctx) {
      let stopped: Trail | undefined;
      await ctx.mutate(async (tx) => {
        const trail = await findTrail(deps, ctx, input.Name!, tx);
        requireHomeRegion(trail, ctx);
        if (!trail.isLogging) return;
        await deps.trails.stopLogging(tx, trail.arn, ctx.receivedAt, await deps.events.head(tx));
        stopped = await deps.trails.get(trail.arn, tx);
      });
      if (stopped) await deps.lifecycle.loggingStopped(stopped, ctx.receivedAt);
      return {};
    },
  });
