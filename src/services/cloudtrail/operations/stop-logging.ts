import type { StopLoggingRequest, StopLoggingResponse } from '@aws-sdk/client-cloudtrail';
import type { Trail } from '../../../audit/trails/trail-store.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { findTrail, requireHomeRegion, trailResource } from '../trails.ts';

// Logging ends with this call's own record, as in CloudTrail, where the trail's
// files show who stopped it and when: the audit recorder appends that record
// next in this same transaction (its committing hook), at the journal's
// head + 1. What was logged is still delivered; lifecycle listeners (the
// final digest) hear of the stop once it is committed.
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
        await deps.trails.stopLogging(tx, trail.arn, ctx.receivedAt, (await deps.events.head(tx)) + 1);
        stopped = await deps.trails.get(trail.arn, tx);
      });
      if (stopped) await deps.lifecycle.loggingStopped(stopped, ctx.receivedAt);
      return {};
    },
  });
