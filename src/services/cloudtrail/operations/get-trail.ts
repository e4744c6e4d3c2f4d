import type { GetTrailRequest, GetTrailResponse } from '@aws-sdk/client-cloudtrail';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { findTrail, trailResource, trailShape } from '../trails.ts';

export const getTrail = (deps: CloudTrailDeps) =>
  defineOperation<GetTrailRequest, GetTrailResponse>({
    name: 'GetTrail',
    readOnly: true,
    resources: (input, ctx) => trailResource(input.Name, ctx),
    async handler(input, ctx) {
      return { Trail: trailShape(await findTrail(deps, ctx, input.Name!)) };
    },
  });
