// Temporary credentials: an ASIA… access key, its secret and session token,
// stored with the identity they act as and when they expire. Signing with
// them after that answers ExpiredToken (src/identity/authenticator.ts).
import { randomBytes } from 'node:crypto';
import type { Credentials } from '@aws-sdk/client-sts';
import type { Caller } from '../../identity/caller.ts';
import { purgeExpiredCredentials, putAccessKey } from '../../identity/credentials/sqlite-credential-store.ts';
import { newIamId, newSecretAccessKey } from '../../lib/ids.ts';
import type { SqlExecutor } from '../../storage/db/database.ts';

export async function issueCredentials(
  tx: SqlExecutor,
  caller: Caller,
  issuedAt: Date,
  durationSeconds: number,
  sessionPolicy?: string,
): Promise<Credentials> {
  const key = {
    accessKeyId: newIamId('ASIA'),
    secretAccessKey: newSecretAccessKey(),
    status: 'Active' as const,
    caller,
    sessionToken: randomBytes(192).toString('base64'),
    expiresAt: new Date(issuedAt.getTime() + durationSeconds * 1000),
    sessionPolicy,
  };
  await purgeExpiredCredentials(tx, issuedAt);
  await putAccessKey(tx, key, issuedAt);
  return { AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey, SessionToken: key.sessionToken, Expiration: key.expiresAt };
}
