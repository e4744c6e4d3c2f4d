import type { PutUserPolicyRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { ownerRef, putInlinePolicy } from '../inline-policies.ts';

export const putUserPolicy = (deps: IamDeps) =>
  defineOperation<PutUserPolicyRequest, void>({
    name: 'PutUserPolicy',
    readOnly: false,
    resources: (input, ctx) => ownerRef(deps.db.reader, 'user', ctx.accountId, input.UserName!),
    async handler(input, ctx) {
      return ctx.mutate((tx) => putInlinePolicy(tx, 'user', input.UserName!, input.PolicyName!, input.PolicyDocument!));
    },
  });
