import type { StartLoggingRequest, StartLoggingResponse } from '@aws-sdk/client-cloudtrail';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { findTrail, requireHomeRegion, trailResource } from '../trails.ts';

// Logging covers the records committed after this call's change, this call's
// own record first (the recorder appends it in the same transaction, after).
export const startLogging = (deps: CloudTrailDeps) =>
  defineOperation<StartLoggingRequest, StartLoggingResponse>({
    name: 'StartLogging',
    readOnly: false,
    resources: (input, ctx) => trailResource(input.Name, ctx),
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const trail = await findTrail(deps, ctx, input.Name!, tx);
        requireHomeRegion(trail, ctx);
        if (!trail.isLogging) await deps.trails.startLogging(tx, trail.arn, ctx.receivedAt, await deps.events.head(tx));
        return {};
      });
    },
  });
