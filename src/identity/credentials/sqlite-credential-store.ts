// Access keys in the server's SQLite (or any SQL) database.
import type { SqlExecutor } from '../../storage/db/database.ts';
import type { Caller } from '../caller.ts';
import type { CredentialStore, StoredAccessKey } from './credential-store.ts';

interface AccessKeyRow {
  access_key_id: string;
  secret_access_key: string;
  status: 'Active' | 'Inactive';
  caller: string;
  session_token: string | null;
  expires_at: number | null;
}

export class SqlCredentialStore implements CredentialStore {
  constructor(private readonly db: SqlExecutor) {}

  async findAccessKey(accessKeyId: string): Promise<StoredAccessKey | undefined> {
    const row = await this.db.get<AccessKeyRow>(
      'SELECT access_key_id, secret_access_key, status, caller, session_token, expires_at FROM access_keys WHERE access_key_id = @accessKeyId',
      { accessKeyId },
    );
    if (!row) return undefined;
    return {
      accessKeyId: row.access_key_id,
      secretAccessKey: row.secret_access_key,
      status: row.status,
      caller: JSON.parse(row.caller) as Caller,
      sessionToken: row.session_token ?? undefined,
      expiresAt: row.expires_at === null ? undefined : new Date(row.expires_at),
    };
  }
}

/** Writes an access key (used for the root key at boot and by IAM/STS). */
export async function putAccessKey(tx: SqlExecutor, key: StoredAccessKey, createdAt: Date): Promise<void> {
  await tx.run(
    `INSERT INTO access_keys (access_key_id, secret_access_key, status, caller, session_token, expires_at, created_at)
     VALUES (@accessKeyId, @secret, @status, @caller, @sessionToken, @expiresAt, @createdAt)
     ON CONFLICT (access_key_id) DO UPDATE SET secret_access_key = excluded.secret_access_key,
       status = excluded.status, caller = excluded.caller`,
    {
      accessKeyId: key.accessKeyId,
      secret: key.secretAccessKey,
      status: key.status,
      caller: JSON.stringify(key.caller),
      sessionToken: key.sessionToken,
      expiresAt: key.expiresAt,
      createdAt,
    },
  );
}
