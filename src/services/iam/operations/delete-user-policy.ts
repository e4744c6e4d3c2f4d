import type { DeleteUserPolicyRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { deleteInlinePolicy, ownerRef } from '../inline-policies.ts';

export const deleteUserPolicy = (deps: IamDeps) =>
  defineOperation<DeleteUserPolicyRequest, void>({
    name: 'DeleteUserPolicy',
    readOnly: false,
    resources: (input, ctx) => ownerRef(deps.db.reader, 'user', ctx.accountId, input.UserName!),
    async handler(input, ctx) {
      return ctx.mutate((tx) => deleteInlinePolicy(tx, 'user', input.UserName!, input.PolicyName!));
    },
  });
