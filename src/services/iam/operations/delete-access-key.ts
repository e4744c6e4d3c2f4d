import type { DeleteAccessKeyRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { accessKeyStore } from '../store/access-keys.ts';
import { keyOwner, userRef } from '../subjects.ts';

export const deleteAccessKey = (deps: IamDeps) =>
  defineOperation<DeleteAccessKeyRequest, void>({
    name: 'DeleteAccessKey',
    readOnly: false,
    resources: (input, ctx) => userRef(deps.db.reader, input.UserName, ctx),
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const { principalId } = await keyOwner(tx, input.UserName, ctx.caller, true);
        if (!(await accessKeyStore.find(tx, principalId, input.AccessKeyId!))) throw errors.noSuchAccessKey(input.AccessKeyId!);
        await accessKeyStore.delete(tx, input.AccessKeyId!);
      });
    },
  });
