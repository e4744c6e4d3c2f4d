// The SQL of inline policies; the owner is a user id or a role id.
import type { SqlExecutor } from '../../../storage/db/database.ts';

export interface InlinePolicy {
  policyName: string;
  document: string;
}

export const inlinePolicyStore = {
  async get(db: SqlExecutor, ownerId: string, policyName: string): Promise<InlinePolicy | undefined> {
    const row = await db.get<{ policy_name: string; document: string }>(
      'SELECT policy_name, document FROM iam_inline_policies WHERE owner_id = @ownerId AND policy_name = @policyName',
      { ownerId, policyName },
    );
    return row && { policyName: row.policy_name, document: row.document };
  },

  async all(db: SqlExecutor, ownerId: string): Promise<InlinePolicy[]> {
    const rows = await db.all<{ policy_name: string; document: string }>(
      'SELECT policy_name, document FROM iam_inline_policies WHERE owner_id = @ownerId ORDER BY policy_name',
      { ownerId },
    );
    return rows.map((r) => ({ policyName: r.policy_name, document: r.document }));
  },

  async names(db: SqlExecutor, ownerId: string, after: string | undefined, limit: number): Promise<string[]> {
    const rows = await db.all<{ policy_name: string }>(
      `SELECT policy_name FROM iam_inline_policies WHERE owner_id = @ownerId AND (@after IS NULL OR policy_name > @after)
       ORDER BY policy_name LIMIT @limit`,
      { ownerId, after, limit },
    );
    return rows.map((r) => r.policy_name);
  },

  async count(db: SqlExecutor, ownerId: string): Promise<number> {
    return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM iam_inline_policies WHERE owner_id = @ownerId', { ownerId }))?.n ?? 0;
  },

  async put(tx: SqlExecutor, ownerId: string, policyName: string, document: string): Promise<void> {
    await tx.run(
      `INSERT INTO iam_inline_policies (owner_id, policy_name, document) VALUES (@ownerId, @policyName, @document)
       ON CONFLICT (owner_id, policy_name) DO UPDATE SET document = excluded.document`,
      { ownerId, policyName, document },
    );
  },

  async delete(tx: SqlExecutor, ownerId: string, policyName: string): Promise<boolean> {
    return (await tx.run('DELETE FROM iam_inline_policies WHERE owner_id = @ownerId AND policy_name = @policyName', { ownerId, policyName })).changes > 0;
  },
};
