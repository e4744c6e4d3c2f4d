// The SQL of IAM users. Names compare without regard to case (COLLATE NOCASE
// on the column), as IAM's do.
import type { Tag } from '@aws-sdk/client-iam';
import type { SqlExecutor } from '../../../storage/db/database.ts';

export interface IamUser {
  userId: string;
  userName: string;
  path: string;
  arn: string;
  tags: Tag[];
  createdAt: Date;
}

interface UserRow {
  user_id: string;
  user_name: string;
  path: string;
  arn: string;
  tags: string;
  created_at: number;
}

const COLUMNS = 'user_id, user_name, path, arn, tags, created_at';

function fromRow(row: UserRow): IamUser {
  return {
    userId: row.user_id,
    userName: row.user_name,
    path: row.path,
    arn: row.arn,
    tags: JSON.parse(row.tags) as Tag[],
    createdAt: new Date(row.created_at),
  };
}

export const userStore = {
  async find(db: SqlExecutor, userName: string): Promise<IamUser | undefined> {
    const row = await db.get<UserRow>(`SELECT ${COLUMNS} FROM iam_users WHERE user_name = @userName`, { userName });
    return row && fromRow(row);
  },

  async findById(db: SqlExecutor, userId: string): Promise<IamUser | undefined> {
    const row = await db.get<UserRow>(`SELECT ${COLUMNS} FROM iam_users WHERE user_id = @userId`, { userId });
    return row && fromRow(row);
  },

  async count(db: SqlExecutor): Promise<number> {
    return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM iam_users'))?.n ?? 0;
  },

  /** Users whose path starts with `pathPrefix`, in name order, after `after`. */
  async list(db: SqlExecutor, pathPrefix: string, after: string | undefined, limit: number): Promise<IamUser[]> {
    const rows = await db.all<UserRow>(
      `SELECT ${COLUMNS} FROM iam_users
       WHERE substr(path, 1, length(@pathPrefix)) = @pathPrefix AND (@after IS NULL OR user_name > @after)
       ORDER BY user_name LIMIT @limit`,
      { pathPrefix, after, limit },
    );
    return rows.map(fromRow);
  },

  async insert(tx: SqlExecutor, user: IamUser): Promise<void> {
    await tx.run(
      `INSERT INTO iam_users (${COLUMNS}) VALUES (@userId, @userName, @path, @arn, @tags, @createdAt)`,
      { ...user, tags: JSON.stringify(user.tags) },
    );
  },

  async delete(tx: SqlExecutor, userId: string): Promise<void> {
    await tx.run('DELETE FROM iam_users WHERE user_id = @userId', { userId });
  },
};
