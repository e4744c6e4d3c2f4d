// The bucket and object owner S3 lists: the account's canonical user id, a
// 64-hex-digit id S3 derives from the account. Ours is the SHA-256 of the
// account id, stable for the life of the data directory.
import { createHash } from 'node:crypto';
import type { Owner } from '@aws-sdk/client-s3';

export function accountOwner(accountId: string): Owner {
  return { ID: createHash('sha256').update(`oia-canonical-user:${accountId}`).digest('hex') };
}
