import type { GetUserRequest, GetUserResponse } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { namedUser, targetUser, userRef } from '../subjects.ts';
import { userView } from '../views.ts';

export const getUser = (deps: IamDeps) =>
  defineOperation<GetUserRequest, GetUserResponse>({
    name: 'GetUser',
    readOnly: true,
    resources: (input, ctx) => userRef(deps.db.reader, input.UserName, ctx),
    async handler(input, ctx) {
      const db = deps.db.reader;
      // The root user asking about itself gets its id, ARN and creation date only.
      if (input.UserName === undefined && ctx.caller.type === 'Root') {
        return { User: { UserId: ctx.accountId, Arn: ctx.caller.arn, CreateDate: deps.accountCreatedAt } as GetUserResponse['User'] };
      }
      const user = input.UserName === undefined ? await targetUser(db, undefined, ctx.caller) : await namedUser(db, input.UserName);
      return { User: userView(user, true) };
    },
  });
