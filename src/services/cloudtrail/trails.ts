// What the trail operations share: finding a trail from a Name argument (a
// name or an ARN, reference §4), the home-region rule for changes (§4.5), the
// trail as the API shows it, and the checks CreateTrail and UpdateTrail make.
import type { Trail as TrailShape } from '@aws-sdk/client-cloudtrail';
import { parseTrailReference, trailArn, trailNameProblem } from '../../audit/trails/trail-names.ts';
import type { Trail } from '../../audit/trails/trail-store.ts';
import type { OperationContext, ResourceRef } from '../../pipeline/operation.ts';
import type { SqlExecutor } from '../../storage/db/database.ts';
import type { CloudTrailDeps } from './deps.ts';
import { errors } from './errors.ts';

const TRAIL_TYPE = 'AWS::CloudTrail::Trail';
const MAX_PREFIX_LENGTH = 200;

/** The trail a Name argument addresses, for IAM and the record's resources. */
export function trailResource(value: string | undefined, ctx: OperationContext): ResourceRef[] {
  if (!value) return [];
  const ref = parseTrailReference(value);
  return [{ arn: 'invalidArn' in ref ? value : (ref.arn ?? trailArn(ctx.region, ctx.accountId, ref.name)), type: TRAIL_TYPE }];
}

/**
 * The trail a Name argument addresses; throws AWS's error when the argument
 * is malformed or no such trail exists. An ARN finds any trail visible in the
 * call's region (its own and every multi-region trail); a name only a trail
 * of the call's region: a shadow trail is addressed by its ARN (model docs
 * of DescribeTrails' trailNameList and GetTrailStatus' Name).
 */
export async function findTrail(deps: CloudTrailDeps, ctx: OperationContext, value: string, executor?: SqlExecutor): Promise<Trail> {
  const ref = parseTrailReference(value);
  if ('invalidArn' in ref) throw errors.trailArnInvalid(value);
  if (!ref.arn) {
    const problem = trailNameProblem(ref.name);
    if (problem) throw errors.invalidTrailName(problem);
  }
  const visible = await deps.trails.visibleIn(ctx.region, executor);
  const found = visible.find((t) => (ref.arn ? t.arn === ref.arn : t.name === ref.name && t.homeRegion === ctx.region));
  if (!found) throw errors.trailNotFound(value, ctx.accountId);
  return found;
}

/** Changes to a multi-region trail are made in its home region only. */
export function requireHomeRegion(trail: Trail, ctx: OperationContext): void {
  if (trail.homeRegion !== ctx.region) throw errors.invalidHomeRegion(trail.homeRegion);
}

/** A trail as DescribeTrails and GetTrail show it (optional members only when set). */
export function trailShape(trail: Trail): TrailShape {
  return {
    Name: trail.name,
    S3BucketName: trail.bucket,
    ...(trail.prefix !== undefined && { S3KeyPrefix: trail.prefix }),
    IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
    IsMultiRegionTrail: trail.isMultiRegionTrail,
    HomeRegion: trail.homeRegion,
    TrailARN: trail.arn,
    LogFileValidationEnabled: trail.logFileValidationEnabled,
    HasCustomEventSelectors: trail.selectors !== undefined,
    HasInsightSelectors: false,
    IsOrganizationTrail: false,
  };
}

/** What CreateTrail and UpdateTrail answer: the trail without HomeRegion and the Has* flags. */
export function trailSettings(trail: Trail) {
  const { HomeRegion: _home, HasCustomEventSelectors: _selectors, HasInsightSelectors: _insights, ...settings } = trailShape(trail);
  return settings;
}

interface SettingsInput {
  S3BucketName?: string;
  S3KeyPrefix?: string;
  SnsTopicName?: string;
  CloudWatchLogsLogGroupArn?: string;
  CloudWatchLogsRoleArn?: string;
  KmsKeyId?: string;
  IsOrganizationTrail?: boolean;
}

/**
 * Refuses what this server does not deliver to (SNS, CloudWatch Logs, KMS,
 * organizations: docs/FIDELITY.md, "Trails"), a prefix AWS refuses, and a
 * bucket that does not exist. Reads the bucket store: call it before mutate.
 */
export async function checkSettings(deps: CloudTrailDeps, input: SettingsInput): Promise<void> {
  if (input.IsOrganizationTrail) throw errors.organizationsNotInUse();
  const unsupported = (['SnsTopicName', 'CloudWatchLogsLogGroupArn', 'CloudWatchLogsRoleArn', 'KmsKeyId'] as const).filter((m) => input[m]);
  if (unsupported.length > 0) throw errors.unsupportedOperation(`This server does not support ${unsupported.join(', ')} on trails.`);
  if (input.S3KeyPrefix !== undefined && input.S3KeyPrefix.length > MAX_PREFIX_LENGTH) {
    throw errors.invalidS3Prefix(`S3 key prefix is too long. Maximum allowed length: ${MAX_PREFIX_LENGTH} characters.`);
  }
  const bucket = input.S3BucketName;
  if (bucket !== undefined && !(await deps.buckets.storeFor(bucket).getBucket(bucket).catch(() => undefined))) {
    throw errors.bucketDoesNotExist(bucket);
  }
}

/** A multi-region trail must take global service events (reference §4.4). */
export function checkCombination(trail: Trail): void {
  if (trail.isMultiRegionTrail && !trail.includeGlobalServiceEvents) {
    throw errors.invalidParameterCombination('Multi-Region trail must include global service events.');
  }
}

/**
 * A name is unique among the trails a region sees, shadow trails included:
 * a multi-region trail's name is taken in every region. Checked when a trail
 * is created (`updating` false) and when UpdateTrail makes it multi-region
 * (`updating`: the trail itself is no clash).
 */
export async function checkNameFree(deps: CloudTrailDeps, tx: SqlExecutor, trail: Trail, updating: boolean): Promise<void> {
  const clash = (await deps.trails.all(tx)).some(
    (t) => !(updating && t.arn === trail.arn) && t.name === trail.name && (t.homeRegion === trail.homeRegion || t.isMultiRegionTrail || trail.isMultiRegionTrail),
  );
  if (clash) throw errors.trailAlreadyExists(trail.name, trail.accountId);
}
