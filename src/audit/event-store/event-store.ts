// Where CloudTrail records live: appended in the transaction of the call they
// describe, indexed for LookupEvents shortly after, looked up the way
// LookupEvents asks, purged by retention only. Every implementation must pass
// the conformance suite in conformance.ts.
import type { SqlExecutor } from '../../storage/db/database.ts';
import type { CloudTrailRecord } from '../record.ts';

export const LOOKUP_ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;

export type LookupAttributeKey = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];

export interface LookupQuery {
  /** Only events recorded in this region (the record's awsRegion). */
  region: string;
  /** At most one attribute; values match exactly and case-sensitively. */
  attribute?: { key: LookupAttributeKey; value: string };
  /** Inclusive bounds on the record's eventTime (whole seconds). */
  startTime?: Date;
  endTime?: Date;
  /** Page size, at least 1. */
  limit: number;
  /** Where the previous page ended (LookupPage.cursor). */
  cursor?: string;
}

export interface LookupPage {
  /** Management events, newest first, as the JSON text of their records. */
  records: string[];
  /** Set when more events match: pass it back as LookupQuery.cursor. */
  cursor?: string;
}

/** One journal row: a record with the facts trails select on, at its position in commit order. */
export interface JournalEntry {
  /** Grows with commit order: a record committed later never has a smaller position. */
  position: number;
  region: string;
  category: 'Management' | 'Data';
  /** eventTime in epoch seconds. */
  time: number;
  eventSource: string;
  eventName: string;
  readOnly: boolean;
  resources: { type: string; arn: string }[];
  /** The record's JSON exactly as stored. */
  record: string;
}

export interface EventStore {
  /**
   * Stores records inside the caller's transaction, so a record commits or
   * rolls back with the change it describes.
   */
  append(tx: SqlExecutor, records: readonly CloudTrailRecord[]): Promise<void>;
  /**
   * Builds the lookup indexes of every record appended (and committed) so
   * far, in the caller's transaction; resolves to how many management events
   * it indexed. Appending can so stay cheap: the recorder indexes in batches,
   * shortly after the calls.
   */
  index(tx: SqlExecutor): Promise<number>;
  /**
   * Every management event appended in a committed transaction, indexed or
   * not yet; data events are kept but never returned.
   */
  lookup(query: LookupQuery): Promise<LookupPage>;
  /**
   * Records of every category committed after `position` (0: from the
   * start), in commit order, at most `limit`: what trails deliver. Positions
   * are only comparable within one store. (PostgreSQL cannot use a sequence
   * for this, as sequence values are not in commit order: it needs a
   * commit-ordered log, e.g. positions assigned under a lock at commit.)
   */
  readAfter(position: number, limit: number): Promise<JournalEntry[]>;
  /**
   * The position of the latest committed record (as seen by `executor`, default the reader); 0 when none.
   * Positions are consecutive: the next record appended in the writer's transaction gets head + 1.
   */
  head(executor?: SqlExecutor): Promise<number>;
  /**
   * Deletes events whose eventTime is before `time` and whose position is at
   * most `keepAfter` (trails have not delivered the ones after it); returns
   * how many. An implementation may keep an expired event until the next
   * purge when it was stored after newer ones (LookupEvents applies the
   * retention cutoff itself).
   */
  purgeBefore(time: Date, keepAfter?: number): Promise<number>;
}
