// What CloudTrail operations are built with.
import type { TrailDelivery } from '../../audit/delivery/trail-delivery.ts';
import type { DeliveryStore } from '../../audit/delivery/delivery-store.ts';
import type { EventStore } from '../../audit/event-store/event-store.ts';
import type { DigestStore } from '../../audit/integrity/digest-store.ts';
import type { SigningKeys } from '../../audit/integrity/keys/signing-keys.ts';
import type { TrailLifecycle } from '../../audit/trails/lifecycle.ts';
import type { TrailStore } from '../../audit/trails/trail-store.ts';
import type { PageTokens } from '../../lib/page-token.ts';
import type { RateLimiter } from '../../lib/rate-limiter.ts';
import type { Buckets } from '../../storage/buckets/buckets.ts';

export interface CloudTrailDeps {
  events: EventStore;
  tokens: PageTokens;
  /** Days of event history LookupEvents covers. */
  retentionDays: number;
  /** LookupEvents' 2 TPS per account and region, when switched on. */
  lookupRateLimiter?: RateLimiter;
  trails: TrailStore;
  deliveries: DeliveryStore;
  delivery: TrailDelivery;
  /** Digest chains and the digest delivery history GetTrailStatus reports. */
  digests: DigestStore;
  lifecycle: TrailLifecycle;
  /** Where trail buckets are looked up (CreateTrail/UpdateTrail check they exist). */
  buckets: Buckets;
  /** The digest-signing keys ListPublicKeys publishes. */
  signingKeys: SigningKeys;
}
