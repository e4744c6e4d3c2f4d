// Checks on a role's trust policy beyond its syntax. IAM resolves the
// principals it names: a user or role of this account that does not exist is
// "Invalid principal in policy". Principals of other accounts cannot be
// checked here and are kept; they never match a caller of this server.
import { parsePolicy } from '../../authz/policy/policy-document.ts';
import type { SqlExecutor } from '../../storage/db/database.ts';
import { errors } from './errors.ts';
import { checkPolicy, policySize } from './policy-text.ts';
import { roleStore } from './store/roles.ts';
import { userStore } from './store/users.ts';

/** IAM's default quota for the length of a role trust policy (whitespace not counted). */
const MAX_TRUST_POLICY = 2048;

async function principalExists(db: SqlExecutor, accountId: string, arn: string): Promise<boolean> {
  const m = /^arn:aws:iam::(\d{12}):(user|role)(\/.*)$/.exec(arn);
  if (!m || m[1] !== accountId) return true;
  const name = m[3].slice(m[3].lastIndexOf('/') + 1);
  const entity = m[2] === 'user' ? await userStore.find(db, name) : await roleStore.find(db, name);
  return entity?.arn === arn;
}

export async function checkTrustPolicy(db: SqlExecutor, document: string, accountId: string): Promise<void> {
  checkPolicy(document, 'trust');
  if (policySize(document) > MAX_TRUST_POLICY) throw errors.limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${MAX_TRUST_POLICY}`);
  for (const statement of parsePolicy(document, 'trust').statements) {
    const element = statement.principal ?? statement.notPrincipal;
    if (element === '*' || !element) continue;
    for (const value of element.AWS ?? []) {
      if (!(await principalExists(db, accountId, value))) {
        throw errors.malformedPolicy(`Invalid principal in policy: "AWS":"${value}"`);
      }
    }
  }
}
