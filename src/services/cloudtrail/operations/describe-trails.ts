import type { DescribeTrailsRequest, DescribeTrailsResponse } from '@aws-sdk/client-cloudtrail';
import { parseTrailReference, trailNameProblem } from '../../../audit/trails/trail-names.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { trailShape } from '../trails.ts';

// Names and ARNs that match no trail are left out, as AWS does; multi-region
// trails of other regions appear (as shadow trails) unless includeShadowTrails
// is false. A name matches only a trail of the call's region: the model's docs
// say another region's trail must be named by its ARN.
export const describeTrails = (deps: CloudTrailDeps) =>
  defineOperation<DescribeTrailsRequest, DescribeTrailsResponse>({
    name: 'DescribeTrails',
    readOnly: true,
    async handler(input, ctx) {
      const wanted = (input.trailNameList ?? []).map((value) => {
        const ref = parseTrailReference(value);
        if ('invalidArn' in ref) throw errors.trailArnInvalid(value);
        const problem = ref.arn ? undefined : trailNameProblem(ref.name);
        if (problem) throw errors.invalidTrailName(problem);
        return ref;
      });
      const includeShadows = input.includeShadowTrails ?? true;
      const trails = (await deps.trails.visibleIn(ctx.region)).filter(
        (t) =>
          (includeShadows || t.homeRegion === ctx.region) &&
          (wanted.length === 0 || wanted.some((w) => (w.arn ? w.arn === t.arn : w.name === t.name && t.homeRegion === ctx.region))),
      );
      return { trailList: trails.map(trailShape) };
    },
  });
