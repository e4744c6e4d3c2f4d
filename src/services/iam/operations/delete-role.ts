import type { DeleteRoleRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { inlinePolicyStore } from '../store/inline-policies.ts';
import { roleStore } from '../store/roles.ts';
import { entityRef, namedRole } from '../subjects.ts';

/**
 * Sessions of a deleted role stay valid until they expire, as in AWS, but
 * their permissions came from the role's policies and are gone with it.
 */
export const deleteRole = (deps: IamDeps) =>
  defineOperation<DeleteRoleRequest, void>({
    name: 'DeleteRole',
    readOnly: false,
    resources: async (input, ctx) => [await entityRef(deps.db.reader, 'role', ctx.accountId, input.RoleName!)],
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const role = await namedRole(tx, input.RoleName!);
        if ((await inlinePolicyStore.count(tx, role.roleId)) > 0) throw errors.deleteConflict('policies');
        await roleStore.delete(tx, role.roleId);
      });
    },
  });
