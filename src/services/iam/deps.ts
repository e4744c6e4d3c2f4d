// What IAM operations are built with.
import type { PageTokens } from '../../lib/page-token.ts';
import type { Database } from '../../storage/db/database.ts';

export interface IamDeps {
  db: Database;
  tokens: PageTokens;
  /** When the account was created: the root user's CreateDate. */
  accountCreatedAt: Date;
}
