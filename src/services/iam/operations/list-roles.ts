import type { ListRolesRequest, ListRolesResponse } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import { listingRef } from '../arns.ts';
import type { IamDeps } from '../deps.ts';
import { page } from '../paging.ts';
import { roleStore } from '../store/roles.ts';
import { roleView } from '../views.ts';

export const listRoles = (deps: IamDeps) =>
  defineOperation<ListRolesRequest, ListRolesResponse>({
    name: 'ListRoles',
    readOnly: true,
    resources: (input, ctx) => [listingRef('role', ctx.accountId, input.PathPrefix)],
    async handler(input) {
      const prefix = input.PathPrefix ?? '/';
      const result = await page(
        deps.tokens,
        `iam:ListRoles:${prefix}`,
        input,
        (after, limit) => roleStore.list(deps.db.reader, prefix, after, limit),
        (role) => role.roleName,
      );
      return { Roles: result.items.map((r) => roleView(r, 'listing')), IsTruncated: result.IsTruncated, Marker: result.Marker };
    },
  });
