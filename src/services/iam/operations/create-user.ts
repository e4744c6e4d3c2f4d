import type { CreateUserRequest, CreateUserResponse } from '@aws-sdk/client-iam';
import { newIamId } from '../../../lib/ids.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import { iamArn, iamRef } from '../arns.ts';
import { errors } from '../errors.ts';
import { userStore } from '../store/users.ts';
import { checkTags } from '../tags.ts';
import { userView, wholeSeconds } from '../views.ts';

/** IAM's default quota of users per account. */
const MAX_USERS = 5000;

export const createUser = () =>
  defineOperation<CreateUserRequest, CreateUserResponse>({
    name: 'CreateUser',
    readOnly: false,
    resources: (input, ctx) => [iamRef('user', iamArn('user', ctx.accountId, input.Path ?? '/', input.UserName!))],
    async handler(input, ctx) {
      if (input.PermissionsBoundary !== undefined) throw errors.noSuchBoundary(input.PermissionsBoundary);
      const tags = checkTags(input.Tags);
      const path = input.Path ?? '/';
      const name = input.UserName!;
      return ctx.mutate(async (tx) => {
        if (await userStore.find(tx, name)) throw errors.userExists(name);
        if ((await userStore.count(tx)) >= MAX_USERS) throw errors.limitExceeded(`Cannot exceed quota for UsersPerAccount: ${MAX_USERS}`);
        const user = {
          userId: newIamId('AIDA'),
          userName: name,
          path,
          arn: iamArn('user', ctx.accountId, path, name),
          tags,
          createdAt: wholeSeconds(ctx.receivedAt),
        };
        await userStore.insert(tx, user);
        return { User: userView(user, true) };
      });
    },
  });
