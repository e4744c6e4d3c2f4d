// The trail a tagging call's ResourceId (an ARN) names, visible in the call's region.
import { parseTrailReference } from '../../../audit/trails/trail-names.ts';
import type { Trail } from '../../../audit/trails/trail-store.ts';
import type { OperationContext, ResourceRef } from '../../../pipeline/operation.ts';
import type { SqlExecutor } from '../../../storage/db/database.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { errors } from '../errors.ts';

export async function taggedTrail(deps: CloudTrailDeps, ctx: OperationContext, resourceId: string, executor?: SqlExecutor): Promise<Trail> {
  const ref = parseTrailReference(resourceId);
  if (!('arn' in ref) || !ref.arn) throw errors.trailArnInvalid(resourceId);
  const trail = (await deps.trails.visibleIn(ctx.region, executor)).find((t) => t.arn === ref.arn);
  if (!trail) throw errors.resourceNotFound(resourceId);
  return trail;
}

export const taggedResources = (ids: (string | undefined)[]): ResourceRef[] =>
  ids.filter((id): id is string => id !== undefined).map((arn) => ({ arn, type: 'AWS::CloudTrail::Trail' }));
