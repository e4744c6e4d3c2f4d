// IAM entities as the API returns them. Listings leave out tags (as IAM's
// List* operations do: "this operation does not return tags").
import type { Role, User } from '@aws-sdk/client-iam';
import { encodePolicy } from './policy-text.ts';
import type { IamRole } from './store/roles.ts';
import type { IamUser } from './store/users.ts';

export function userView(user: IamUser, withTags: boolean): User {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createdAt,
    Tags: withTags && user.tags.length > 0 ? user.tags : undefined,
  };
}

export function roleView(role: IamRole, detail: 'full' | 'listing'): Role {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createdAt,
    AssumeRolePolicyDocument: encodePolicy(role.assumeRolePolicy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: detail === 'full' && role.tags.length > 0 ? role.tags : undefined,
    // GetRole reports when the role was last used; sessions are not tracked, so never.
    RoleLastUsed: detail === 'full' ? {} : undefined,
  };
}

/** IAM stores creation times to the second. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
