// IAM's view of the access_keys table: the long-term keys of one principal
// (a user id, or the account id for root). Temporary credentials, which have
// a session token, are not IAM access keys.
import type { SqlExecutor } from '../../../storage/db/database.ts';

export interface AccessKeyMetadata {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createdAt: Date;
}

interface KeyRow {
  access_key_id: string;
  status: 'Active' | 'Inactive';
  created_at: number;
}

const fromRow = (row: KeyRow): AccessKeyMetadata => ({ accessKeyId: row.access_key_id, status: row.status, createdAt: new Date(row.created_at) });

export const accessKeyStore = {
  /** Keys in id order, after the key `after`. */
  async list(db: SqlExecutor, principalId: string, after: string | undefined, limit: number): Promise<AccessKeyMetadata[]> {
    const rows = await db.all<KeyRow>(
      `SELECT access_key_id, status, created_at FROM access_keys
       WHERE principal_id = @principalId AND session_token IS NULL AND (@after IS NULL OR access_key_id > @after)
       ORDER BY access_key_id LIMIT @limit`,
      { principalId, after, limit },
    );
    return rows.map(fromRow);
  },

  async find(db: SqlExecutor, principalId: string, accessKeyId: string): Promise<AccessKeyMetadata | undefined> {
    const row = await db.get<KeyRow>(
      'SELECT access_key_id, status, created_at FROM access_keys WHERE principal_id = @principalId AND session_token IS NULL AND access_key_id = @accessKeyId',
      { principalId, accessKeyId },
    );
    return row && fromRow(row);
  },

  async count(db: SqlExecutor, principalId: string): Promise<number> {
    return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM access_keys WHERE principal_id = @principalId AND session_token IS NULL', { principalId }))?.n ?? 0;
  },

  async setStatus(tx: SqlExecutor, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void> {
    await tx.run('UPDATE access_keys SET status = @status WHERE access_key_id = @accessKeyId', { accessKeyId, status });
  },

  async delete(tx: SqlExecutor, accessKeyId: string): Promise<void> {
    await tx.run('DELETE FROM access_keys WHERE access_key_id = @accessKeyId', { accessKeyId });
  },
};
