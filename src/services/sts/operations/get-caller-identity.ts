import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import { defineOperation } from '../../../pipeline/operation.ts';

/** Always allowed: the authorizer lets sts:GetCallerIdentity through even against an explicit deny, as AWS does. */
export const getCallerIdentity = () =>
  defineOperation<GetCallerIdentityRequest, GetCallerIdentityResponse>({
    name: 'GetCallerIdentity',
    readOnly: true,
    async handler(_input, ctx) {
      return { UserId: ctx.caller.principalId, Account: ctx.accountId, Arn: ctx.caller.arn };
    },
  });
