// Inline policies work the same way on users and on roles; the operations
// (Put/Get/List/DeleteUserPolicy, …RolePolicy) differ only in the owner.
import type { ResourceRef } from '../../pipeline/operation.ts';
import type { PageTokens } from '../../lib/page-token.ts';
import type { SqlExecutor } from '../../storage/db/database.ts';
import type { IamKind } from './arns.ts';
import { errors } from './errors.ts';
import { page, type Page } from './paging.ts';
import { checkPolicy, encodePolicy, policySize } from './policy-text.ts';
import { inlinePolicyStore } from './store/inline-policies.ts';
import { roleStore } from './store/roles.ts';
import { userStore } from './store/users.ts';
import { entityRef } from './subjects.ts';

interface OwnerKind {
  find(db: SqlExecutor, name: string): Promise<{ id: string; name: string } | undefined>;
  noSuchOwner(name: string): Error;
  noSuchPolicy(name: string): Error;
  /** IAM's quota for the total size of an owner's inline policies (whitespace not counted). */
  maxTotalSize: number;
}

const OWNERS: Record<IamKind, OwnerKind> = {
  user: {
    find: async (db, name) => {
      const user = await userStore.find(db, name);
      return user && { id: user.userId, name: user.userName };
    },
    noSuchOwner: errors.noSuchUser,
    noSuchPolicy: errors.noSuchUserPolicy,
    maxTotalSize: 2048,
  },
  role: {
    find: async (db, name) => {
      const role = await roleStore.find(db, name);
      return role && { id: role.roleId, name: role.roleName };
    },
    noSuchOwner: errors.noSuchRole,
    noSuchPolicy: errors.noSuchRolePolicy,
    maxTotalSize: 10240,
  },
};

async function owner(db: SqlExecutor, kind: IamKind, name: string): Promise<{ id: string; name: string }> {
  const found = await OWNERS[kind].find(db, name);
  if (!found) throw OWNERS[kind].noSuchOwner(name);
  return found;
}

export function ownerRef(db: SqlExecutor, kind: IamKind, accountId: string, name: string): Promise<ResourceRef[]> {
  return entityRef(db, kind, accountId, name).then((ref) => [ref]);
}

export async function putInlinePolicy(tx: SqlExecutor, kind: IamKind, ownerName: string, policyName: string, document: string): Promise<void> {
  const { id, name } = await owner(tx, kind, ownerName);
  checkPolicy(document, 'identity');
  const others = (await inlinePolicyStore.all(tx, id)).filter((p) => p.policyName !== policyName);
  const total = others.reduce((sum, p) => sum + policySize(p.document), policySize(document));
  const max = OWNERS[kind].maxTotalSize;
  if (total > max) throw errors.limitExceeded(`Maximum policy size of ${max} bytes exceeded for ${kind} ${name}`);
  await inlinePolicyStore.put(tx, id, policyName, document);
}

/** The policy with its document URL-encoded, as IAM returns it. */
export async function getInlinePolicy(db: SqlExecutor, kind: IamKind, ownerName: string, policyName: string): Promise<{ ownerName: string; policyName: string; document: string }> {
  const { id, name } = await owner(db, kind, ownerName);
  const policy = await inlinePolicyStore.get(db, id, policyName);
  if (!policy) throw OWNERS[kind].noSuchPolicy(policyName);
  return { ownerName: name, policyName: policy.policyName, document: encodePolicy(policy.document) };
}

export async function listInlinePolicies(
  db: SqlExecutor,
  tokens: PageTokens,
  kind: IamKind,
  ownerName: string,
  input: { Marker?: string; MaxItems?: number },
): Promise<Page<string>> {
  const { id } = await owner(db, kind, ownerName);
  return page(tokens, `iam:ListInlinePolicies:${id}`, input, (after, limit) => inlinePolicyStore.names(db, id, after, limit), (n) => n);
}

export async function deleteInlinePolicy(tx: SqlExecutor, kind: IamKind, ownerName: string, policyName: string): Promise<void> {
  const { id } = await owner(tx, kind, ownerName);
  if (!(await inlinePolicyStore.delete(tx, id, policyName))) throw OWNERS[kind].noSuchPolicy(policyName);
}
