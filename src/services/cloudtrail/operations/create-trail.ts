import type { CreateTrailRequest, CreateTrailResponse } from '@aws-sdk/client-cloudtrail';
import { trailArn, trailNameProblem } from '../../../audit/trails/trail-names.ts';
import type { Trail } from '../../../audit/trails/trail-store.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { checkCombination, checkNameFree, checkSettings, trailResource, trailSettings } from '../trails.ts';
import { checkTags, MAX_TAGS } from './tag-rules.ts';

/** Trails per region, shadow trails included (reference §8). */
const MAX_TRAILS_PER_REGION = 5;

// A new trail does not log until StartLogging (reference §4.3), but its
// delivery cursor starts at the journal's head: nothing older is ever sent.
export const createTrail = (deps: CloudTrailDeps) =>
  defineOperation<CreateTrailRequest, CreateTrailResponse>({
    name: 'CreateTrail',
    readOnly: false,
    resources: (input, ctx) => trailResource(input.Name, ctx),
    async handler(input, ctx) {
      const name = input.Name!;
      const problem = trailNameProblem(name);
      if (problem) throw errors.invalidTrailName(problem);
      const tags = input.TagsList ?? [];
      checkTags(tags);
      if (tags.length > MAX_TAGS) throw errors.tagsLimitExceeded(MAX_TAGS);
      const trail: Trail = {
        arn: trailArn(ctx.region, ctx.accountId, name),
        name,
        accountId: ctx.accountId,
        homeRegion: ctx.region,
        bucket: input.S3BucketName!,
        prefix: input.S3KeyPrefix || undefined,
        includeGlobalServiceEvents: input.IncludeGlobalServiceEvents ?? true,
        isMultiRegionTrail: input.IsMultiRegionTrail ?? false,
        logFileValidationEnabled: input.EnableLogFileValidation ?? false,
        isLogging: false,
        createdAt: ctx.receivedAt,
      };
      checkCombination(trail);
      await checkSettings(deps, input);
      return ctx.mutate(async (tx) => {
        await checkNameFree(deps, tx, trail, false);
        if ((await deps.trails.countIn(tx, ctx.region)) >= MAX_TRAILS_PER_REGION) throw errors.maximumTrails(ctx.accountId, MAX_TRAILS_PER_REGION, ctx.region);
        await deps.trails.insert(tx, trail);
        await deps.trails.putTags(tx, trail.arn, tags);
        await deps.deliveries.create(tx, trail.arn, await deps.events.head(tx));
        return trailSettings(trail);
      });
    },
  });
