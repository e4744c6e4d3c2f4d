// The user an operation is about: the one named by UserName, or else the
// caller itself. IAM lets users omit UserName to act on themselves; other
// callers must name one.
import type { Caller } from '../../identity/caller.ts';
import type { ResourceRef } from '../../pipeline/operation.ts';
import type { SqlExecutor } from '../../storage/db/database.ts';
import { iamArn, iamRef, type IamKind } from './arns.ts';
import { errors } from './errors.ts';
import { accessKeyStore } from './store/access-keys.ts';
import { roleStore, type IamRole } from './store/roles.ts';
import { userStore, type IamUser } from './store/users.ts';

const NON_USER_CREDENTIALS = 'Must specify userName when calling with non-User credentials';

export async function namedUser(db: SqlExecutor, userName: string): Promise<IamUser> {
  const user = await userStore.find(db, userName);
  if (!user) throw errors.noSuchUser(userName);
  return user;
}

export async function namedRole(db: SqlExecutor, roleName: string): Promise<IamRole> {
  const role = await roleStore.find(db, roleName);
  if (!role) throw errors.noSuchRole(roleName);
  return role;
}

/** The named user, or the calling IAM user; root and sessions of roles must name one. */
export async function targetUser(db: SqlExecutor, userName: string | undefined, caller: Caller): Promise<IamUser> {
  if (userName !== undefined) return namedUser(db, userName);
  if (caller.type !== 'IAMUser') throw errors.validation(NON_USER_CREDENTIALS);
  const user = await userStore.findById(db, caller.principalId!);
  if (!user) throw errors.noSuchUser(caller.userName!);
  return user;
}

/**
 * The resource of a call on a user or role: its ARN with its path when it
 * exists (policies may name paths), else the ARN its name would have.
 */
export async function entityRef(db: SqlExecutor, kind: IamKind, accountId: string, name: string): Promise<ResourceRef> {
  const entity = kind === 'user' ? await userStore.find(db, name) : await roleStore.find(db, name);
  return iamRef(kind, entity?.arn ?? iamArn(kind, accountId, '/', name));
}

/** The resource of a call on an optional user: the named one, else the caller. */
export async function userRef(db: SqlExecutor, userName: string | undefined, ctx: { accountId: string; caller: Caller }): Promise<ResourceRef[]> {
  if (userName !== undefined) return [await entityRef(db, 'user', ctx.accountId, userName)];
  return ctx.caller.arn ? [iamRef('user', ctx.caller.arn)] : [];
}

/**
 * Whose access keys a call is about. Root's own keys (UserName omitted by
 * root) can be listed; they are managed in the account file, not through IAM
 * (docs/FIDELITY.md, "IAM").
 */
export async function keyOwner(
  db: SqlExecutor,
  userName: string | undefined,
  caller: Caller,
  change: boolean,
): Promise<{ principalId: string; user?: IamUser }> {
  if (userName === undefined && caller.type === 'Root') {
    if (change) throw errors.validation('The root access key is managed in the account file of Open IoT Analytics; name an IAM user.');
    return { principalId: caller.accountId };
  }
  const user = await targetUser(db, userName, caller);
  return { principalId: user.userId, user };
}

/** An access key of the named user (or of the caller), to change it. */
export async function ownedKey(tx: SqlExecutor, userName: string | undefined, caller: Caller, accessKeyId: string): Promise<void> {
  const { principalId } = await keyOwner(tx, userName, caller, true);
  if (!(await accessKeyStore.find(tx, principalId, accessKeyId))) throw errors.noSuchAccessKey(accessKeyId);
}
