// Who made a request, as far as authentication established it. This is the
// source of CloudTrail's `userIdentity` and of the principal that IAM policies
// are evaluated for.

export type CallerType = 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser' | 'AWSService' | 'Unknown';

export interface SessionIssuer {
  type: 'Role' | 'IAMUser' | 'Root';
  principalId: string;
  arn: string;
  accountId: string;
  userName?: string;
}

/** Temporary (STS) credentials: CloudTrail's `sessionContext`. */
export interface SessionContext {
  /**
   * Whose credentials the session was made from: the role of an AssumedRole
   * session, the IAM user (or root) behind a FederatedUser. Absent for
   * GetSessionToken sessions, whose caller is that IAM user or root itself.
   */
  issuer?: SessionIssuer;
  creationDate: Date;
  mfaAuthenticated: boolean;
  sourceIdentity?: string;
}

export interface Caller {
  type: CallerType;
  accountId: string;
  /** e.g. arn:aws:iam::123456789012:user/alice, arn:aws:sts::…:assumed-role/R/S */
  arn?: string;
  /** AIDA… for users, AROA…:session for roles, the account id for root. */
  principalId?: string;
  /** IAM user name (IAMUser only). */
  userName?: string;
  accessKeyId?: string;
  /** Temporary credentials only. */
  session?: SessionContext;
  /** AWSService callers: the service principal acting, e.g. iotanalytics.amazonaws.com. */
  invokedBy?: string;
}

/** The identity of the server itself when it acts on a schedule (CloudTrail's AWSService). */
export function serviceCaller(accountId: string, invokedBy: string): Caller {
  return { type: 'AWSService', accountId, invokedBy };
}

export function rootCaller(accountId: string, accessKeyId?: string): Caller {
  return { type: 'Root', accountId, arn: `arn:aws:iam::${accountId}:root`, principalId: accountId, accessKeyId };
}

/** An IAM user acting with its own access key. */
export function userCaller(user: { accountId: string; userId: string; arn: string; userName: string }): Caller {
  return { type: 'IAMUser', accountId: user.accountId, principalId: user.userId, arn: user.arn, userName: user.userName };
}

/** The caller of an IAM user or root session from GetSessionToken: the same identity, with session attributes. */
export function sessionTokenCaller(issuer: Caller, creationDate: Date): Caller {
  const { accessKeyId: _key, session: _session, ...identity } = issuer;
  return { ...identity, session: { creationDate, mfaAuthenticated: false } };
}

export function assumedRoleCaller(
  role: { accountId: string; roleId: string; arn: string; roleName: string },
  sessionName: string,
  creationDate: Date,
  sourceIdentity?: string,
): Caller {
  return {
    type: 'AssumedRole',
    accountId: role.accountId,
    principalId: `${role.roleId}:${sessionName}`,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
    session: {
      issuer: { type: 'Role', principalId: role.roleId, arn: role.arn, accountId: role.accountId, userName: role.roleName },
      creationDate,
      mfaAuthenticated: false,
      sourceIdentity,
    },
  };
}

/** A GetFederationToken session of an IAM user (or root), named `name`. */
export function federatedUserCaller(issuer: Caller, name: string, creationDate: Date): Caller {
  const issuerType = issuer.type === 'Root' ? 'Root' : 'IAMUser';
  return {
    type: 'FederatedUser',
    accountId: issuer.accountId,
    principalId: `${issuer.accountId}:${name}`,
    arn: `arn:aws:sts::${issuer.accountId}:federated-user/${name}`,
    session: {
      issuer: { type: issuerType, principalId: issuer.principalId!, arn: issuer.arn!, accountId: issuer.accountId, userName: issuer.userName },
      creationDate,
      mfaAuthenticated: false,
    },
  };
}
