import type { GetRolePolicyRequest, GetRolePolicyResponse } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { getInlinePolicy, ownerRef } from '../inline-policies.ts';

export const getRolePolicy = (deps: IamDeps) =>
  defineOperation<GetRolePolicyRequest, GetRolePolicyResponse>({
    name: 'GetRolePolicy',
    readOnly: true,
    resources: (input, ctx) => ownerRef(deps.db.reader, 'role', ctx.accountId, input.RoleName!),
    async handler(input) {
      const policy = await getInlinePolicy(deps.db.reader, 'role', input.RoleName!, input.PolicyName!);
      return { RoleName: policy.ownerName, PolicyName: policy.policyName, PolicyDocument: policy.document };
    },
  });
