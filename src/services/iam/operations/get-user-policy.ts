import type { GetUserPolicyRequest, GetUserPolicyResponse } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { getInlinePolicy, ownerRef } from '../inline-policies.ts';

export const getUserPolicy = (deps: IamDeps) =>
  defineOperation<GetUserPolicyRequest, GetUserPolicyResponse>({
    name: 'GetUserPolicy',
    readOnly: true,
    resources: (input, ctx) => ownerRef(deps.db.reader, 'user', ctx.accountId, input.UserName!),
    async handler(input) {
      const policy = await getInlinePolicy(deps.db.reader, 'user', input.UserName!, input.PolicyName!);
      return { UserName: policy.ownerName, PolicyName: policy.policyName, PolicyDocument: policy.document };
    },
  });
