// Where access keys live. The server's own tables hold the root key, IAM user
// keys and temporary (STS) credentials alike; each key names the caller it
// authenticates as.
import type { Caller } from '../caller.ts';

export interface StoredAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  status: 'Active' | 'Inactive';
  /** The identity requests signed with this key act as (accessKeyId included). */
  caller: Caller;
  /** Temporary credentials only. */
  sessionToken?: string;
  expiresAt?: Date;
  /** The session policy (JSON) of an AssumeRole or GetFederationToken session, intersected at authorization. */
  sessionPolicy?: string;
}

export interface CredentialStore {
  findAccessKey(accessKeyId: string): Promise<StoredAccessKey | undefined>;
}
