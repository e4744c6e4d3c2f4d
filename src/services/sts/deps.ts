// What STS operations are built with: the database for credentials, IAM's
// roles, and the authorizer (AssumeRole asks it again for
// sts:SetSourceIdentity).
import type { Authorizer } from '../../authz/authorizer.ts';
import type { Database } from '../../storage/db/database.ts';

export interface StsRole {
  roleId: string;
  roleName: string;
  arn: string;
  maxSessionDuration: number;
}

export interface StsDeps {
  db: Database;
  findRole(roleArn: string): Promise<StsRole | undefined>;
  authorizer: Authorizer;
}
