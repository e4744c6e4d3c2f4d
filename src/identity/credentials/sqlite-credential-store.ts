// Access keys in the server's SQLite (or any SQL) database.
import type { Database, SqlExecutor } from '../../storage/db/database.ts';
import { ReadCache } from '../../storage/db/read-cache.ts';
import type { Caller } from '../caller.ts';
import type { CredentialStore, StoredAccessKey } from './credential-store.ts';

interface AccessKeyRow {
  access_key_id: string;
  secret_access_key: string;
  status: 'Active' | 'Inactive';
  caller: string;
  session_token: string | null;
  expires_at: number | null;
  session_policy: string | null;
}

/** The stored JSON caller, with its session's creation date back as a Date. */
function reviveCaller(json: string): Caller {
  const caller = JSON.parse(json) as Caller;
  if (caller.session) caller.session.creationDate = new Date(caller.session.creationDate);
  return caller;
}

export class SqlCredentialStore implements CredentialStore {
  private readonly cache: ReadCache<StoredAccessKey>;

  constructor(private readonly database: Database) {
    this.cache = new ReadCache(database);
  }

  findAccessKey(accessKeyId: string): Promise<StoredAccessKey | undefined> {
    return this.cache.get(accessKeyId, () => this.load(accessKeyId));
  }

  private async load(accessKeyId: string): Promise<StoredAccessKey | undefined> {
    const row = await this.database.reader.get<AccessKeyRow>(
      'SELECT access_key_id, secret_access_key, status, caller, session_token, expires_at, session_policy FROM access_keys WHERE access_key_id = @accessKeyId',
      { accessKeyId },
    );
    if (!row) return undefined;
    return {
      accessKeyId: row.access_key_id,
      secretAccessKey: row.secret_access_key,
      status: row.status,
      caller: reviveCaller(row.caller),
      sessionToken: row.session_token ?? undefined,
      expiresAt: row.expires_at === null ? undefined : new Date(row.expires_at),
      sessionPolicy: row.session_policy ?? undefined,
    };
  }
}

/**
 * Writes an access key (the root key at boot, IAM users' keys, STS
 * credentials). `principal_id` is the caller's principal id, so that the
 * long-term keys of a user (or of root) can be listed.
 */
export async function putAccessKey(tx: SqlExecutor, key: StoredAccessKey, createdAt: Date): Promise<void> {
  await tx.run(
    `INSERT INTO access_keys (access_key_id, secret_access_key, status, caller, session_token, expires_at, created_at, principal_id, session_policy)
     VALUES (@accessKeyId, @secret, @status, @caller, @sessionToken, @expiresAt, @createdAt, @principalId, @sessionPolicy)
     ON CONFLICT (access_key_id) DO UPDATE SET secret_access_key = excluded.secret_access_key,
       status = excluded.status, caller = excluded.caller, principal_id = excluded.principal_id`,
    {
      accessKeyId: key.accessKeyId,
      secret: key.secretAccessKey,
      status: key.status,
      caller: JSON.stringify(key.caller),
      sessionToken: key.sessionToken,
      expiresAt: key.expiresAt,
      createdAt,
      principalId: key.caller.principalId,
      sessionPolicy: key.sessionPolicy,
    },
  );
}

/**
 * Forgets temporary credentials that expired more than a day before `now`.
 * Until then they answer ExpiredToken; afterwards, like any unknown key,
 * InvalidClientTokenId (docs/FIDELITY.md, "STS").
 */
export async function purgeExpiredCredentials(tx: SqlExecutor, now: Date): Promise<void> {
  await tx.run('DELETE FROM access_keys WHERE session_token IS NOT NULL AND expires_at < @before', {
    before: now.getTime() - 24 * 3600 * 1000,
  });
}
