import type { DeleteUserRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { accessKeyStore } from '../store/access-keys.ts';
import { inlinePolicyStore } from '../store/inline-policies.ts';
import { userStore } from '../store/users.ts';
import { entityRef, namedUser } from '../subjects.ts';

export const deleteUser = (deps: IamDeps) =>
  defineOperation<DeleteUserRequest, void>({
    name: 'DeleteUser',
    readOnly: false,
    resources: async (input, ctx) => [await entityRef(deps.db.reader, 'user', ctx.accountId, input.UserName!)],
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const user = await namedUser(tx, input.UserName!);
        // As IAM: a user must first lose its access keys, then its policies.
        if ((await accessKeyStore.count(tx, user.userId)) > 0) throw errors.deleteConflict('access keys');
        if ((await inlinePolicyStore.count(tx, user.userId)) > 0) throw errors.deleteConflict('policies');
        await userStore.delete(tx, user.userId);
      });
    },
  });
