// IAM ARNs (arn:aws:iam::ACCOUNT:user/PATH/NAME) and CloudTrail resource types.
import type { ResourceRef } from '../../pipeline/operation.ts';

export type IamKind = 'user' | 'role';

const RESOURCE_TYPES: Record<IamKind, string> = { user: 'AWS::IAM::User', role: 'AWS::IAM::Role' };

/** `path` starts and ends with '/', e.g. '/' or '/division/'. */
export function iamArn(kind: IamKind, accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

export function iamRef(kind: IamKind, arn: string): ResourceRef {
  return { arn, type: RESOURCE_TYPES[kind] };
}

/**
 * The resource of a listing: the path prefix under the kind, as IAM
 * authorizes ListUsers on arn:aws:iam::ACCOUNT:user/ (or user/division/…).
 */
export function listingRef(kind: IamKind, accountId: string, pathPrefix = '/'): ResourceRef {
  return iamRef(kind, `arn:aws:iam::${accountId}:${kind}${pathPrefix}`);
}
