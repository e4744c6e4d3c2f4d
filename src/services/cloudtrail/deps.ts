// What CloudTrail operations are built with.
import type { EventStore } from '../../audit/event-store/event-store.ts';
import type { SigningKeys } from '../../audit/integrity/keys/signing-keys.ts';
import type { PageTokens } from '../../lib/page-token.ts';
import type { RateLimiter } from '../../lib/rate-limiter.ts';

export interface CloudTrailDeps {
  events: EventStore;
  tokens: PageTokens;
  /** Days of event history LookupEvents covers. */
  retentionDays: number;
  /** LookupEvents' 2 TPS per account and region, when switched on. */
  lookupRateLimiter?: RateLimiter;
  /** The digest-signing keys ListPublicKeys publishes. */
  signingKeys: SigningKeys;
}
