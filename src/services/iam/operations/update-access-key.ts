import type { UpdateAccessKeyRequest } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { accessKeyStore } from '../store/access-keys.ts';
import { ownedKey, userRef } from '../subjects.ts';

/** An Inactive key no longer authenticates: requests signed with it answer InvalidClientTokenId. */
export const updateAccessKey = (deps: IamDeps) =>
  defineOperation<UpdateAccessKeyRequest, void>({
    name: 'UpdateAccessKey',
    readOnly: false,
    resources: (input, ctx) => userRef(deps.db.reader, input.UserName, ctx),
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        await ownedKey(tx, input.UserName, ctx.caller, input.AccessKeyId!);
        // The vendored model's statusType has only Active and Inactive; validation has checked it.
        await accessKeyStore.setStatus(tx, input.AccessKeyId!, input.Status as 'Active' | 'Inactive');
      });
    },
  });
