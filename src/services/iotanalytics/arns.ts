// IoT Analytics resources: their ARNs (arn:aws:iotanalytics:REGION:ACCOUNT:channel/NAME)
// and CloudTrail resource types (the CloudFormation names).
import type { ResourceRef } from '../../pipeline/operation.ts';

export type ResourceKind = 'channel' | 'datastore' | 'pipeline' | 'dataset';

export const RESOURCE_TYPES: Record<ResourceKind, string> = {
  channel: 'AWS::IoTAnalytics::Channel',
  datastore: 'AWS::IoTAnalytics::Datastore',
  pipeline: 'AWS::IoTAnalytics::Pipeline',
  dataset: 'AWS::IoTAnalytics::Dataset',
};

/** The ARN partition of a region, as AWS names them (China and GovCloud have their own). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function resourceArn(kind: ResourceKind, region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:iotanalytics:${region}:${accountId}:${kind}/${name}`;
}

export function resourceRef(kind: ResourceKind, ctx: { region: string; accountId: string }, name: string): ResourceRef {
  return { arn: resourceArn(kind, ctx.region, ctx.accountId, name), type: RESOURCE_TYPES[kind] };
}

/** Splits an IoT Analytics ARN; undefined when it is not one. */
export function parseResourceArn(arn: string): { kind: ResourceKind; region: string; accountId: string; name: string } | undefined {
  const m = /^arn:aws[\w-]*:iotanalytics:([a-z0-9-]+):(\d{12}):(channel|datastore|pipeline|dataset)\/(.+)$/.exec(arn);
  return m ? { region: m[1], accountId: m[2], kind: m[3] as ResourceKind, name: m[4] } : undefined;
}

/** The resource an ARN names, for authorization and the audit record; none when it is not an IoT Analytics ARN. */
export function resourceRefsOfArn(arn: string): ResourceRef[] {
  const parsed = parseResourceArn(arn);
  return parsed ? [{ arn, type: RESOURCE_TYPES[parsed.kind] }] : [];
}
