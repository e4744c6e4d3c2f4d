import type { CreateAccessKeyRequest, CreateAccessKeyResponse } from '@aws-sdk/client-iam';
import { userCaller } from '../../../identity/caller.ts';
import { putAccessKey } from '../../../identity/credentials/sqlite-credential-store.ts';
import { newIamId, newSecretAccessKey } from '../../../lib/ids.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { accessKeyStore } from '../store/access-keys.ts';
import { keyOwner, userRef } from '../subjects.ts';
import { wholeSeconds } from '../views.ts';

/** IAM's fixed quota of access keys per user. */
const MAX_KEYS = 2;

export const createAccessKey = (deps: IamDeps) =>
  defineOperation<CreateAccessKeyRequest, CreateAccessKeyResponse>({
    name: 'CreateAccessKey',
    readOnly: false,
    resources: (input, ctx) => userRef(deps.db.reader, input.UserName, ctx),
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const { user } = await keyOwner(tx, input.UserName, ctx.caller, true);
        if ((await accessKeyStore.count(tx, user!.userId)) >= MAX_KEYS) {
          throw errors.limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS}`);
        }
        const key = {
          accessKeyId: newIamId('AKIA'),
          secretAccessKey: newSecretAccessKey(),
          status: 'Active' as const,
          caller: userCaller({ accountId: ctx.accountId, ...user! }),
        };
        const createdAt = wholeSeconds(ctx.receivedAt);
        await putAccessKey(tx, key, createdAt);
        return {
          AccessKey: { UserName: user!.userName, AccessKeyId: key.accessKeyId, Status: key.status, SecretAccessKey: key.secretAccessKey, CreateDate: createdAt },
        };
      });
    },
  });
