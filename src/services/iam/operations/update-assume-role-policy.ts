import type { UpdateAssumeRolePolicyRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { roleStore } from '../store/roles.ts';
import { entityRef, namedRole } from '../subjects.ts';
import { checkTrustPolicy } from '../trust-policy.ts';

export const updateAssumeRolePolicy = (deps: IamDeps) =>
  defineOperation<UpdateAssumeRolePolicyRequest, void>({
    name: 'UpdateAssumeRolePolicy',
    readOnly: false,
    resources: async (input, ctx) => [await entityRef(deps.db.reader, 'role', ctx.accountId, input.RoleName!)],
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const role = await namedRole(tx, input.RoleName!);
        await checkTrustPolicy(tx, input.PolicyDocument!, ctx.accountId);
        await roleStore.setTrustPolicy(tx, role.roleId, input.PolicyDocument!);
      });
    },
  });
