import type { ListUserPoliciesRequest, ListUserPoliciesResponse } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { listInlinePolicies, ownerRef } from '../inline-policies.ts';

export const listUserPolicies = (deps: IamDeps) =>
  defineOperation<ListUserPoliciesRequest, ListUserPoliciesResponse>({
    name: 'ListUserPolicies',
    readOnly: true,
    resources: (input, ctx) => ownerRef(deps.db.reader, 'user', ctx.accountId, input.UserName!),
    async handler(input) {
      const result = await listInlinePolicies(deps.db.reader, deps.tokens, 'user', input.UserName!, input);
      return { PolicyNames: result.items, IsTruncated: result.IsTruncated, Marker: result.Marker };
    },
  });
