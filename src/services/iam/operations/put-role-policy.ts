import type { PutRolePolicyRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { ownerRef, putInlinePolicy } from '../inline-policies.ts';

export const putRolePolicy = (deps: IamDeps) =>
  defineOperation<PutRolePolicyRequest, void>({
    name: 'PutRolePolicy',
    readOnly: false,
    resources: (input, ctx) => ownerRef(deps.db.reader, 'role', ctx.accountId, input.RoleName!),
    async handler(input, ctx) {
      return ctx.mutate((tx) => putInlinePolicy(tx, 'role', input.RoleName!, input.PolicyName!, input.PolicyDocument!));
    },
  });
