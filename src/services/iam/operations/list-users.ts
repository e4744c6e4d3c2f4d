import type { ListUsersRequest, ListUsersResponse } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import { listingRef } from '../arns.ts';
import type { IamDeps } from '../deps.ts';
import { page } from '../paging.ts';
import { userStore } from '../store/users.ts';
import { userView } from '../views.ts';

export const listUsers = (deps: IamDeps) =>
  defineOperation<ListUsersRequest, ListUsersResponse>({
    name: 'ListUsers',
    readOnly: true,
    resources: (input, ctx) => [listingRef('user', ctx.accountId, input.PathPrefix)],
    async handler(input) {
      const prefix = input.PathPrefix ?? '/';
      const result = await page(
        deps.tokens,
        `iam:ListUsers:${prefix}`,
        input,
        (after, limit) => userStore.list(deps.db.reader, prefix, after, limit),
        (user) => user.userName,
      );
      return { Users: result.items.map((u) => userView(u, false)), IsTruncated: result.IsTruncated, Marker: result.Marker };
    },
  });
