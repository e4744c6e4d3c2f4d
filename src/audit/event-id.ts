// CloudTrail eventIDs are GUIDs that clients treat as opaque. Ours are UUID
// version 7 (RFC 9562): a millisecond timestamp first, then random bits. Being
// ordered by time, they are written at the end of the EventId lookup index
// instead of at a random place in it, which keeps recording cheap as the
// history grows (docs/BENCHMARKS.md, "audit").
import { randomUUID } from 'node:crypto';

export function newEventId(time: Date): string {
  // A random (version 4) UUID keeps its random bits and variant; the first 48
  // bits become the time and the version nibble 7. (randomUUID draws from a
  // buffered pool, much cheaper than randomBytes per call.)
  const ms = time.getTime().toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${random.slice(15)}`;
}
