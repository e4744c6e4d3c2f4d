import type { GetFederationTokenRequest, GetFederationTokenResponse } from '@aws-sdk/client-sts';
import { federatedUserCaller } from '../../../identity/caller.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import { issueCredentials } from '../credentials.ts';
import { errors } from '../errors.ts';
import { checkSessionPolicy, refuseUnsupported } from '../session-policy.ts';
import { longTermDuration } from './durations.ts';

/**
 * For IAM users (and, as AWS allows, root) with long-term keys. The federated
 * user may do what both its issuer's policies and the session policy allow;
 * with no session policy it may do nothing (STS API reference).
 */
export const getFederationToken = () =>
  defineOperation<GetFederationTokenRequest, GetFederationTokenResponse>({
    name: 'GetFederationToken',
    readOnly: true,
    resources: (input, ctx) => [{ arn: `arn:aws:sts::${ctx.accountId}:federated-user/${input.Name}`, type: 'AWS::STS::FederatedUser' }],
    async handler(input, ctx) {
      const { caller } = ctx;
      if (caller.session || (caller.type !== 'IAMUser' && caller.type !== 'Root')) {
        throw errors.accessDenied('Cannot call GetFederationToken with session credentials');
      }
      refuseUnsupported(input);
      const packedPolicySize = checkSessionPolicy(input.Policy);
      const federated = federatedUserCaller(caller, input.Name!, ctx.receivedAt);
      const duration = longTermDuration(caller, input.DurationSeconds);
      return ctx.mutate(async (tx) => ({
        Credentials: await issueCredentials(tx, federated, ctx.receivedAt, duration, input.Policy),
        FederatedUser: { FederatedUserId: federated.principalId, Arn: federated.arn },
        PackedPolicySize: packedPolicySize,
      }));
    },
  });
