// The request context a policy's Condition element is evaluated against:
// global keys from the caller and the request
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
// plus the call's own service keys. Only the keys listed here exist; a
// condition on any other key sees it missing.
import type { Caller } from '../identity/caller.ts';
import type { RequestEnvironment } from './authorizer.ts';
import type { ConditionContext } from './policy/conditions.ts';
import type { PrincipalFacts } from './policy/evaluate.ts';

const PRINCIPAL_TYPES: Partial<Record<Caller['type'], string>> = {
  Root: 'Account',
  IAMUser: 'User',
  AssumedRole: 'AssumedRole',
  FederatedUser: 'FederatedUser',
};

/** aws:PrincipalArn is the role's ARN for a role session, the caller's own ARN otherwise. */
function principalArn(caller: Caller): string | undefined {
  return caller.type === 'AssumedRole' ? caller.session?.issuer?.arn : caller.arn;
}

export function conditionContext(
  caller: Caller,
  environment: RequestEnvironment | undefined,
  conditionKeys: Record<string, string> = {},
): ConditionContext {
  const entries: [string, string | undefined][] = [
    ['aws:PrincipalArn', principalArn(caller)],
    ['aws:PrincipalAccount', caller.accountId],
    ['aws:PrincipalType', PRINCIPAL_TYPES[caller.type]],
    ['aws:userid', caller.principalId],
    ['aws:username', caller.type === 'IAMUser' ? caller.userName : undefined],
    // Present only for temporary credentials, as in AWS; no MFA devices exist here.
    ['aws:MultiFactorAuthPresent', caller.session ? 'false' : undefined],
    ['aws:TokenIssueTime', caller.session?.creationDate.toISOString()],
    ['aws:SourceIdentity', caller.session?.sourceIdentity],
    ['aws:SourceIp', environment?.sourceIp],
    ['aws:CurrentTime', environment?.time.toISOString()],
    ['aws:EpochTime', environment ? String(Math.floor(environment.time.getTime() / 1000)) : undefined],
    ['aws:SecureTransport', environment ? String(environment.secureTransport) : undefined],
    ['aws:RequestedRegion', environment?.region],
    ...Object.entries(conditionKeys),
  ];
  const context: ConditionContext = {};
  for (const [key, value] of entries) if (value !== undefined) context[key.toLowerCase()] = [value];
  return context;
}

/** The names a trust policy's Principal element can give this caller. */
export function principalFacts(caller: Caller): PrincipalFacts {
  const arns = [caller.arn, caller.type === 'AssumedRole' ? caller.session?.issuer?.arn : undefined];
  return { accountId: caller.accountId, arns: arns.filter((a): a is string => a !== undefined) };
}
