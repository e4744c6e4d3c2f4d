import type { CreateRoleRequest, CreateRoleResponse } from '@aws-sdk/client-iam';
import { newIamId } from '../../../lib/ids.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import { iamArn, iamRef } from '../arns.ts';
import { errors } from '../errors.ts';
import { roleStore } from '../store/roles.ts';
import { checkTags } from '../tags.ts';
import { checkTrustPolicy } from '../trust-policy.ts';
import { roleView, wholeSeconds } from '../views.ts';

/** IAM's default quota of roles per account. */
const MAX_ROLES = 1000;
/** A role's sessions last an hour unless MaxSessionDuration says otherwise. */
const DEFAULT_MAX_SESSION = 3600;

export const createRole = () =>
  defineOperation<CreateRoleRequest, CreateRoleResponse>({
    name: 'CreateRole',
    readOnly: false,
    resources: (input, ctx) => [iamRef('role', iamArn('role', ctx.accountId, input.Path ?? '/', input.RoleName!))],
    async handler(input, ctx) {
      if (input.PermissionsBoundary !== undefined) throw errors.noSuchBoundary(input.PermissionsBoundary);
      const tags = checkTags(input.Tags);
      const path = input.Path ?? '/';
      const name = input.RoleName!;
      return ctx.mutate(async (tx) => {
        await checkTrustPolicy(tx, input.AssumeRolePolicyDocument!, ctx.accountId);
        if (await roleStore.find(tx, name)) throw errors.roleExists(name);
        if ((await roleStore.count(tx)) >= MAX_ROLES) throw errors.limitExceeded(`Cannot exceed quota for RolesPerAccount: ${MAX_ROLES}`);
        const role = {
          roleId: newIamId('AROA'),
          roleName: name,
          path,
          arn: iamArn('role', ctx.accountId, path, name),
          assumeRolePolicy: input.AssumeRolePolicyDocument!,
          description: input.Description,
          maxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION,
          tags,
          createdAt: wholeSeconds(ctx.receivedAt),
        };
        await roleStore.insert(tx, role);
        const { RoleLastUsed: _notOnCreate, ...view } = roleView(role, 'full');
        return { Role: view };
      });
    },
  });
