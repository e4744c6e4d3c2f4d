import type { DeleteAccessKeyRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { accessKeyStore } from '../store/access-keys.ts';
import { ownedKey, userRef } from '../subjects.ts';

export const deleteAccessKey = (deps: IamDeps) =>
  defineOperation<DeleteAccessKeyRequest, void>({
    name: 'DeleteAccessKey',
    readOnly: false,
    resources: (input, ctx) => userRef(deps.db.reader, input.UserName, ctx),
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        await ownedKey(tx, input.UserName, ctx.caller, input.AccessKeyId!);
        await accessKeyStore.delete(tx, input.AccessKeyId!);
      });
    },
  });
