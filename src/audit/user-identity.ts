// CloudTrail's userIdentity, from the Caller that authentication established
// (reference §2.2). Field order follows AWS's records.
import type { Caller, SessionIssuer } from '../identity/caller.ts';
import { isoSeconds } from './time.ts';

export interface SessionIssuerIdentity {
  type: string;
  principalId: string;
  arn: string;
  accountId: string;
  userName?: string;
}

export interface UserIdentity {
  type: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: {
    /** `{}` for sessions of an IAM user or root (GetSessionToken), as AWS writes it. */
    sessionIssuer: SessionIssuerIdentity | Record<string, never>;
    attributes: { creationDate: string; mfaAuthenticated: 'true' | 'false' };
    sourceIdentity?: string;
  };
  invokedBy?: string;
}

/**
 * @param caller who authentication says made the call; undefined when
 *   authentication failed.
 * @param claimedAccessKeyId the access key a request that failed
 *   authentication named; it is all that is known of who sent it.
 * @param accountId the account the server serves (the only one a request can
 *   address), reported for unattributable requests.
 */
export function userIdentity(caller: Caller | undefined, claimedAccessKeyId: string | undefined, accountId: string): UserIdentity {
  if (!caller) return compact({ type: 'Unknown', accountId, accessKeyId: claimedAccessKeyId });
  switch (caller.type) {
    case 'AWSService':
      // AWS shows only the acting service: no account, no key.
      return { type: 'AWSService', invokedBy: caller.invokedBy };
    case 'Unknown':
      return compact({
        type: 'Unknown',
        principalId: caller.principalId,
        accountId: caller.accountId,
        accessKeyId: caller.accessKeyId ?? claimedAccessKeyId,
        userName: caller.userName,
      });
    default:
      return compact({
        type: caller.type,
        principalId: caller.principalId,
        arn: caller.arn,
        accountId: caller.accountId,
        accessKeyId: caller.accessKeyId,
        // Root carries a userName only when the account has an alias; an
        // assumed role or federated user never does (the session name is in the ARN).
        userName: caller.type === 'AssumedRole' || caller.type === 'FederatedUser' ? undefined : caller.userName,
        sessionContext: caller.session && {
          sessionIssuer: caller.session.issuer ? sessionIssuer(caller.session.issuer) : {},
          attributes: {
            creationDate: isoSeconds(caller.session.creationDate),
            mfaAuthenticated: caller.session.mfaAuthenticated ? 'true' : 'false',
          },
          sourceIdentity: caller.session.sourceIdentity,
        },
      });
  }
}

function sessionIssuer(issuer: SessionIssuer): SessionIssuerIdentity {
  const { type, principalId, arn, accountId, userName } = issuer;
  return compact({ type, principalId, arn, accountId, userName });
}

/** Drops undefined members (and undefined sessionContext.sourceIdentity) so they are absent, not null. */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? compact(v) : v;
  }
  return out as T;
}
