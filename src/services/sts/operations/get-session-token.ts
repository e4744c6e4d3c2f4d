import type { GetSessionTokenRequest, GetSessionTokenResponse } from '@aws-sdk/client-sts';
import { sessionTokenCaller } from '../../../identity/caller.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import { issueCredentials } from '../credentials.ts';
import { errors } from '../errors.ts';
import { refuseUnsupported } from '../session-policy.ts';
import { longTermDuration } from './durations.ts';

/**
 * For IAM users and root, with their long-term keys. The session acts as the
 * same identity; without MFA it cannot call IAM, nor STS except AssumeRole and
 * GetCallerIdentity (STS API reference, GetSessionToken).
 */
export const getSessionToken = () =>
  defineOperation<GetSessionTokenRequest, GetSessionTokenResponse>({
    name: 'GetSessionToken',
    readOnly: true,
    async handler(input, ctx) {
      const { caller } = ctx;
      if (caller.session || (caller.type !== 'IAMUser' && caller.type !== 'Root')) {
        throw errors.accessDenied('Cannot call GetSessionToken with session credentials');
      }
      refuseUnsupported(input);
      const duration = longTermDuration(caller, input.DurationSeconds);
      return ctx.mutate(async (tx) => ({
        Credentials: await issueCredentials(tx, sessionTokenCaller(caller, ctx.receivedAt), ctx.receivedAt, duration),
      }));
    },
  });
