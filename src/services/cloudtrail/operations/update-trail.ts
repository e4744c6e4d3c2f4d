import type { UpdateTrailRequest, UpdateTrailResponse } from '@aws-sdk/client-cloudtrail';
import type { Trail } from '../../../audit/trails/trail-store.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { checkCombination, checkNameFree, checkSettings, findTrail, requireHomeRegion, trailResource, trailSettings } from '../trails.ts';

// Switching a trail to multi-region turns global service events on, back to
// single-region turns them off, unless the call says otherwise (reference §4.5).
export const updateTrail = (deps: CloudTrailDeps) =>
  defineOperation<UpdateTrailRequest, UpdateTrailResponse>({
    name: 'UpdateTrail',
    readOnly: false,
    resources: (input, ctx) => trailResource(input.Name, ctx),
    async handler(input, ctx) {
      await checkSettings(deps, input);
      return ctx.mutate(async (tx) => {
        const trail = await findTrail(deps, ctx, input.Name!, tx);
        requireHomeRegion(trail, ctx);
        const multiRegion = input.IsMultiRegionTrail ?? trail.isMultiRegionTrail;
        const switched = multiRegion !== trail.isMultiRegionTrail;
        const next: Trail = {
          ...trail,
          bucket: input.S3BucketName ?? trail.bucket,
          prefix: input.S3KeyPrefix === undefined ? trail.prefix : input.S3KeyPrefix || undefined,
          isMultiRegionTrail: multiRegion,
          includeGlobalServiceEvents: input.IncludeGlobalServiceEvents ?? (switched ? multiRegion : trail.includeGlobalServiceEvents),
          logFileValidationEnabled: input.EnableLogFileValidation ?? trail.logFileValidationEnabled,
        };
        checkCombination(next);
        if (switched) await checkNameFree(deps, tx, next, true);
        await deps.trails.update(tx, next);
        return trailSettings(next);
      });
    },
  });
