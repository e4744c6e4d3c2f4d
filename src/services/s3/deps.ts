// What S3 operations are built with.
import type { PageTokens } from '../../lib/page-token.ts';
import type { Buckets } from '../../storage/buckets/buckets.ts';

export interface S3Deps {
  /** The S3 API serves the local buckets; remote ones are answered with a redirect to their endpoint. */
  buckets: Buckets;
  tokens: PageTokens;
}
