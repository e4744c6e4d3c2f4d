// The account the server serves and its root access key. Created on first
// start (from OIA_ACCOUNT_ID / OIA_ROOT_* when set, otherwise generated) and
// kept in <data-dir>/account.json, readable only by the owner.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { newAccountId, newIamId, newSecretAccessKey } from '../lib/ids.ts';

export interface Account {
  accountId: string;
  rootAccessKeyId: string;
  rootSecretAccessKey: string;
  /** Keys the server's own MACs (pagination tokens); never leaves the data directory. */
  serverSecret: string;
  createdAt: string;
}

export interface AccountSeed {
  accountId?: string;
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
}

export function accountFile(dataDir: string): string {
  return join(dataDir, 'account.json');
}

export function readAccount(dataDir: string): Account | undefined {
  const file = accountFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Account) : undefined;
}

export function ensureAccount(dataDir: string, seed: AccountSeed, now: Date): { account: Account; created: boolean } {
  const existing = readAccount(dataDir);
  if (existing) return { account: existing, created: false };
  if (seed.accountId !== undefined && !/^\d{12}$/.test(seed.accountId)) {
    throw new Error(`OIA_ACCOUNT_ID must be 12 digits, got '${seed.accountId}'`);
  }
  if ((seed.rootAccessKeyId === undefined) !== (seed.rootSecretAccessKey === undefined)) {
    throw new Error('Set both OIA_ROOT_ACCESS_KEY_ID and OIA_ROOT_SECRET_ACCESS_KEY, or neither');
  }
  const account: Account = {
    accountId: seed.accountId ?? newAccountId(),
    rootAccessKeyId: seed.rootAccessKeyId ?? newIamId('AKIA'),
    rootSecretAccessKey: seed.rootSecretAccessKey ?? newSecretAccessKey(),
    serverSecret: randomBytes(32).toString('hex'),
    createdAt: now.toISOString(),
  };
  writeFileSync(accountFile(dataDir), JSON.stringify(account, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return { account, created: true };
}
