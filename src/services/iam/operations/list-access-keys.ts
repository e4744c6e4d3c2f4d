import type { ListAccessKeysRequest, ListAccessKeysResponse } from '@aws-sdk/client-iam';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IamDeps } from '../deps.ts';
import { page } from '../paging.ts';
import { accessKeyStore } from '../store/access-keys.ts';
import { keyOwner, userRef } from '../subjects.ts';

export const listAccessKeys = (deps: IamDeps) =>
  defineOperation<ListAccessKeysRequest, ListAccessKeysResponse>({
    name: 'ListAccessKeys',
    readOnly: true,
    resources: (input, ctx) => userRef(deps.db.reader, input.UserName, ctx),
    async handler(input, ctx) {
      const db = deps.db.reader;
      const { principalId, user } = await keyOwner(db, input.UserName, ctx.caller, false);
      const result = await page(
        deps.tokens,
        `iam:ListAccessKeys:${principalId}`,
        input,
        (after, limit) => accessKeyStore.list(db, principalId, after, limit),
        (key) => key.accessKeyId,
      );
      return {
        AccessKeyMetadata: result.items.map((k) => ({ UserName: user?.userName, AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createdAt })),
        IsTruncated: result.IsTruncated,
        Marker: result.Marker,
      };
    },
  });
