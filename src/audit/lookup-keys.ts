// What LookupEvents filters on and returns besides the record itself
// (reference §3.2–3.3), derived from a record in one place so that the event
// store indexes exactly what the CloudTrail service reports.
import type { CloudTrailRecord } from './record.ts';
import type { UserIdentity } from './user-identity.ts';

export interface LookupResource {
  type: string;
  /** The user-visible name: the last segment of the ARN's resource part (channel/ch1 → ch1). */
  name: string;
  arn: string;
}

export interface LookupKeys {
  eventId: string;
  eventName: string;
  eventSource: string;
  readOnly: boolean;
  username?: string;
  accessKeyId?: string;
  resources: LookupResource[];
}

export function lookupKeys(record: CloudTrailRecord): LookupKeys {
  const identity = record.userIdentity;
  return {
    eventId: record.eventID,
    eventName: record.eventName,
    eventSource: record.eventSource,
    readOnly: record.readOnly,
    username: lookupUsername(identity),
    accessKeyId: identity.accessKeyId || undefined,
    resources: (record.resources ?? []).map((r) => ({ type: r.type, name: resourceName(r.ARN), arn: r.ARN })),
  };
}

/**
 * LookupEvents' Username (reference §2.3): the IAM user name, `root` for the
 * root user, the session name of an assumed role, the name of a federated
 * user; none for AWS services and unattributable requests.
 */
export function lookupUsername(identity: UserIdentity): string | undefined {
  switch (identity.type) {
    case 'Root':
      return 'root';
    case 'IAMUser':
    case 'Unknown':
      return identity.userName;
    case 'AssumedRole':
    case 'FederatedUser':
      return identity.arn?.slice(identity.arn.lastIndexOf('/') + 1);
    default:
      return undefined;
  }
}

/** arn:aws:iotanalytics:r:a:channel/ch1 → ch1; arn:aws:iam::a:user/path/alice → alice; arn:aws:s3:::bucket → bucket. */
export function resourceName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const cut = Math.max(resource.lastIndexOf('/'), resource.lastIndexOf(':'));
  return resource.slice(cut + 1) || arn;
}
