import type { ListRolePoliciesRequest, ListRolePoliciesResponse } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { listInlinePolicies, ownerRef } from '../inline-policies.ts';

export const listRolePolicies = (deps: IamDeps) =>
  defineOperation<ListRolePoliciesRequest, ListRolePoliciesResponse>({
    name: 'ListRolePolicies',
    readOnly: true,
    resources: (input, ctx) => ownerRef(deps.db.reader, 'role', ctx.accountId, input.RoleName!),
    async handler(input) {
      const result = await listInlinePolicies(deps.db.reader, deps.tokens, 'role', input.RoleName!, input);
      return { PolicyNames: result.items, IsTruncated: result.IsTruncated, Marker: result.Marker };
    },
  });
