// What the rest of the server asks IAM: the policies the authorizer
// evaluates, and the roles STS issues sessions for.
import type { PolicySource } from '../../authz/policy-authorizer.ts';
import type { CredentialStore } from '../../identity/credentials/credential-store.ts';
import type { SqlExecutor } from '../../storage/db/database.ts';
import { inlinePolicyStore } from './store/inline-policies.ts';
import { roleStore, type IamRole } from './store/roles.ts';

export function iamPolicySource(db: SqlExecutor, credentials: CredentialStore): PolicySource {
  return {
    inlinePolicies: async (principalId) => (await inlinePolicyStore.all(db, principalId)).map((p) => p.document),
    trustPolicy: async (roleArn) => (await roleStore.findByArn(db, roleArn))?.assumeRolePolicy,
    sessionPolicy: async (accessKeyId) => (await credentials.findAccessKey(accessKeyId))?.sessionPolicy,
  };
}

/** A role by its exact ARN (path included), as AssumeRole names it. */
export function iamRoleLookup(db: SqlExecutor): (roleArn: string) => Promise<IamRole | undefined> {
  return (roleArn) => roleStore.findByArn(db, roleArn);
}
