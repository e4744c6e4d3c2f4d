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

export interface SessionContext {
  issuer: SessionIssuer;
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
