// The SQL of IAM roles. Names compare without regard to case, as IAM's do.
import type { Tag } from '@aws-sdk/client-iam';
import type { SqlExecutor } from '../../../storage/db/database.ts';

export interface IamRole {
  roleId: string;
  roleName: string;
  path: string;
  arn: string;
  /** The trust policy, exactly as submitted. */
  assumeRolePolicy: string;
  description?: string;
  maxSessionDuration: number;
  tags: Tag[];
  createdAt: Date;
}

interface RoleRow {
  role_id: string;
  role_name: string;
  path: string;
  arn: string;
  assume_role_policy: string;
  description: string | null;
  max_session_duration: number;
  tags: string;
  created_at: number;
}

const COLUMNS = 'role_id, role_name, path, arn, assume_role_policy, description, max_session_duration, tags, created_at';

function fromRow(row: RoleRow): IamRole {
  return {
    roleId: row.role_id,
    roleName: row.role_name,
    path: row.path,
    arn: row.arn,
    assumeRolePolicy: row.assume_role_policy,
    description: row.description ?? undefined,
    maxSessionDuration: row.max_session_duration,
    tags: JSON.parse(row.tags) as Tag[],
    createdAt: new Date(row.created_at),
  };
}

export const roleStore = {
  async find(db: SqlExecutor, roleName: string): Promise<IamRole | undefined> {
    const row = await db.get<RoleRow>(`SELECT ${COLUMNS} FROM iam_roles WHERE role_name = @roleName`, { roleName });
    return row && fromRow(row);
  },

  /** ARNs are compared exactly: a role's ARN carries its path and its name as created. */
  async findByArn(db: SqlExecutor, arn: string): Promise<IamRole | undefined> {
    const row = await db.get<RoleRow>(`SELECT ${COLUMNS} FROM iam_roles WHERE arn = @arn`, { arn });
    return row && fromRow(row);
  },

  async count(db: SqlExecutor): Promise<number> {
    return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM iam_roles'))?.n ?? 0;
  },

  async list(db: SqlExecutor, pathPrefix: string, after: string | undefined, limit: number): Promise<IamRole[]> {
    const rows = await db.all<RoleRow>(
      `SELECT ${COLUMNS} FROM iam_roles
       WHERE substr(path, 1, length(@pathPrefix)) = @pathPrefix AND (@after IS NULL OR role_name > @after)
       ORDER BY role_name LIMIT @limit`,
      { pathPrefix, after, limit },
    );
    return rows.map(fromRow);
  },

  async insert(tx: SqlExecutor, role: IamRole): Promise<void> {
    await tx.run(`INSERT INTO iam_roles (${COLUMNS}) VALUES (@roleId, @roleName, @path, @arn, @assumeRolePolicy, @description, @maxSessionDuration, @tags, @createdAt)`, {
      ...role,
      tags: JSON.stringify(role.tags),
    });
  },

  async setTrustPolicy(tx: SqlExecutor, roleId: string, document: string): Promise<void> {
    await tx.run('UPDATE iam_roles SET assume_role_policy = @document WHERE role_id = @roleId', { roleId, document });
  },

  async delete(tx: SqlExecutor, roleId: string): Promise<void> {
    await tx.run('DELETE FROM iam_roles WHERE role_id = @roleId', { roleId });
  },
};
