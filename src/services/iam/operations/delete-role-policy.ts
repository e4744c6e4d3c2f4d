import type { DeleteRolePolicyRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { deleteInlinePolicy, ownerRef } from '../inline-policies.ts';

export const deleteRolePolicy = (deps: IamDeps) =>
  defineOperation<DeleteRolePolicyRequest, void>({
    name: 'DeleteRolePolicy',
    readOnly: false,
    resources: (input, ctx) => ownerRef(deps.db.reader, 'role', ctx.accountId, input.RoleName!),
    async handler(input, ctx) {
      return ctx.mutate((tx) => deleteInlinePolicy(tx, 'role', input.RoleName!, input.PolicyName!));
    },
  });
