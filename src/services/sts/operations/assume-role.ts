import type { AssumeRoleRequest, AssumeRoleResponse } from '@aws-sdk/client-sts';
import { denialMessage } from '../../../authz/authorizer.ts';
import { assumedRoleCaller } from '../../../identity/caller.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { StsDeps } from '../deps.ts';
import { issueCredentials } from '../credentials.ts';
import { errors } from '../errors.ts';
import { checkSessionPolicy, refuseUnsupported } from '../session-policy.ts';
import { roleSessionDuration } from './durations.ts';

/**
 * The pipeline has already authorized sts:AssumeRole on the role: its trust
 * policy names the caller, or names the caller's account and an identity
 * policy allows it (src/authz/policy-authorizer.ts). A source identity, set
 * here or carried over from the calling role session, also needs
 * sts:SetSourceIdentity, and cannot be changed along a chain of roles.
 */
export const assumeRole = (deps: StsDeps) =>
  defineOperation<AssumeRoleRequest, AssumeRoleResponse>({
    name: 'AssumeRole',
    readOnly: true,
    resources: (input) => [{ arn: input.RoleArn!, type: 'AWS::IAM::Role' }],
    conditionKeys: (input) => ({
      'sts:ExternalId': input.ExternalId,
      'sts:RoleSessionName': input.RoleSessionName,
      'sts:SourceIdentity': input.SourceIdentity,
    }),
    async handler(input, ctx) {
      const { caller } = ctx;
      if (caller.type === 'Root') throw errors.accessDenied('Roles may not be assumed by root accounts.');
      const assume = { caller, action: 'sts:AssumeRole', resources: [input.RoleArn!] };
      // "You cannot call any STS operations except GetCallerIdentity" with
      // GetFederationToken credentials (STS API reference).
      if (caller.type === 'FederatedUser') throw errors.accessDenied(denialMessage(assume, input.RoleArn!));
      refuseUnsupported(input);
      const role = await deps.findRole(input.RoleArn!);
      if (!role) throw errors.accessDenied(denialMessage(assume, input.RoleArn!));
      const duration = roleSessionDuration(caller, input.DurationSeconds, role.maxSessionDuration);
      const packedPolicySize = checkSessionPolicy(input.Policy);

      const inherited = caller.session?.sourceIdentity;
      const setSourceIdentity = { ...assume, action: 'sts:SetSourceIdentity' };
      if (inherited !== undefined && input.SourceIdentity !== undefined && input.SourceIdentity !== inherited) {
        throw errors.accessDenied(denialMessage(setSourceIdentity, input.RoleArn!));
      }
      const sourceIdentity = inherited ?? input.SourceIdentity;
      if (sourceIdentity !== undefined) {
        // Asked from here, the request's own aws:* keys (SourceIp, …) are not
        // in the context; conditions on them fail, so such a grant fails closed.
        const denial = await deps.authorizer.authorize({ ...setSourceIdentity, conditionKeys: { 'sts:SourceIdentity': sourceIdentity } });
        if (denial) throw errors.accessDenied(denial);
      }

      const session = assumedRoleCaller({ accountId: ctx.accountId, ...role }, input.RoleSessionName!, ctx.receivedAt, sourceIdentity);
      return ctx.mutate(async (tx) => ({
        Credentials: await issueCredentials(tx, session, ctx.receivedAt, duration, input.Policy),
        AssumedRoleUser: { AssumedRoleId: session.principalId, Arn: session.arn },
        PackedPolicySize: packedPolicySize,
        SourceIdentity: sourceIdentity,
      }));
    },
  });
