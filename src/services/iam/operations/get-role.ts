import type { GetRoleRequest, GetRoleResponse } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { entityRef, namedRole } from '../subjects.ts';
import { roleView } from '../views.ts';

export const getRole = (deps: IamDeps) =>
  defineOperation<GetRoleRequest, GetRoleResponse>({
    name: 'GetRole',
    readOnly: true,
    resources: async (input, ctx) => [await entityRef(deps.db.reader, 'role', ctx.accountId, input.RoleName!)],
    async handler(input) {
      const role = await namedRole(deps.db.reader, input.RoleName!);
      return { Role: roleView(role, 'full') };
    },
  });
