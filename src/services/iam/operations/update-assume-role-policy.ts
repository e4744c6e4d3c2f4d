import type { UpdateAssumeRolePolicyRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { roleStore } from '../store/roles.ts';
import { entityRef } from '../subjects.ts';
import { checkTrustPolicy } from '../trust-policy.ts';

export const updateAssumeRolePolicy = (deps: IamDeps) =>
  defineOperation<UpdateAssumeRolePolicyRequest, void>({
    name: 'UpdateAssumeRolePolicy',
    readOnly: false,
    resources: async (input, ctx) => [await entityRef(deps.db.reader, 'role', ctx.accountId, input.RoleName!)],
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const role = await roleStore.find(tx, input.RoleName!);
        if (!role) throw errors.noSuchRole(input.RoleName!);
        await checkTrustPolicy(tx, input.PolicyDocument!, ctx.accountId);
        await roleStore.setTrustPolicy(tx, role.roleId, input.PolicyDocument!);
      });
    },
  });
