// The event store in the server's own SQLite database, which is what lets a
// record be written in the transaction of the change it describes. Schema and
// indexes: migrations/sqlite/0300-audit-events.sql. Every lookup is one index
// range scan, newest first, so its cost depends on the page size, not on how
// many events are stored.
import type { Database, SqlExecutor } from '../../../storage/db/database.ts';
import { lookupKeys } from '../../lookup-keys.ts';
import type { CloudTrailRecord } from '../../record.ts';
import type { EventStore, LookupAttributeKey, LookupPage, LookupQuery } from '../event-store.ts';

/**
 * seq = eventTime in whole seconds * SEQ_PER_SECOND + a counter, so that the
 * key orders events by time and a time range is a key range. Within a second
 * events are ordered as they were appended. (A second with more than a
 * million events would spill into the next second's keys.)
 */
const SEQ_PER_SECOND = 1_000_000;
const PURGE_BATCH = 5_000;

const COLUMNS: Partial<Record<LookupAttributeKey, string>> = {
  EventName: 'event_name',
  EventSource: 'event_source',
  Username: 'username',
  AccessKeyId: 'access_key_id',
  ReadOnly: 'read_only',
};

const RESOURCE_KINDS: Partial<Record<LookupAttributeKey, 'type' | 'name'>> = { ResourceType: 'type', ResourceName: 'name' };

// INDEXED BY pins each lookup to its index, so the plan cannot drift to a
// scan of the time index (which would be correct, but slow for rare values).
const RANGE = `category = 'Management' AND region = @region AND seq BETWEEN @lo AND @hi`;
const SQL = {
  all: `SELECT seq, record FROM audit_events INDEXED BY audit_events_by_time WHERE ${RANGE} ORDER BY seq DESC LIMIT @limit`,
  eventId: `SELECT seq, record FROM audit_events INDEXED BY audit_events_by_event_id WHERE event_id = @value AND ${RANGE}`,
  column: (column: string) =>
    `SELECT seq, record FROM audit_events INDEXED BY audit_events_by_${column} WHERE ${column} = @value AND ${RANGE} ORDER BY seq DESC LIMIT @limit`,
  // CROSS JOIN keeps the resource index as the outer loop.
  resource: `SELECT e.seq, e.record FROM audit_event_resources r CROSS JOIN audit_events e ON e.seq = r.seq
             WHERE r.region = @region AND r.kind = @kind AND r.value = @value AND r.seq BETWEEN @lo AND @hi
             ORDER BY r.seq DESC LIMIT @limit`,
  insert: `INSERT INTO audit_events (seq, region, category, event_id, event_name, event_source, read_only, username, access_key_id, record)
           VALUES (@seq, @region, @category, @eventId, @eventName, @eventSource, @readOnly, @username, @accessKeyId, @record)`,
  insertResource: 'INSERT OR IGNORE INTO audit_event_resources (region, kind, value, seq) VALUES (@region, @kind, @value, @seq)',
  maxInSecond: 'SELECT MAX(seq) AS seq FROM audit_events WHERE seq >= @lo AND seq < @hi',
  purgeResources: 'DELETE FROM audit_event_resources WHERE seq IN (SELECT seq FROM audit_events WHERE seq < @cut ORDER BY seq LIMIT @batch)',
  purgeEvents: 'DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_events WHERE seq < @cut ORDER BY seq LIMIT @batch)',
};

export class SqliteEventStore implements EventStore {
  /** Next free counter of recent seconds. Transactions are serialised, so this needs no lock. */
  private readonly nextInSecond = new Map<number, number>();

  constructor(private readonly db: Database) {}

  async append(tx: SqlExecutor, records: readonly CloudTrailRecord[]): Promise<void> {
    for (const record of records) {
      const keys = lookupKeys(record);
      const seq = await this.allocate(tx, Date.parse(record.eventTime) / 1000);
      await tx.run(SQL.insert, {
        seq,
        region: record.awsRegion,
        category: record.eventCategory,
        eventId: keys.eventId,
        eventName: keys.eventName,
        eventSource: keys.eventSource,
        readOnly: keys.readOnly,
        username: keys.username,
        accessKeyId: keys.accessKeyId,
        record: JSON.stringify(record),
      });
      if (record.eventCategory !== 'Management') continue;
      for (const resource of keys.resources) {
        for (const [kind, value] of [['type', resource.type], ['name', resource.name], ['name', resource.arn]]) {
          await tx.run(SQL.insertResource, { region: record.awsRegion, kind, value, seq });
        }
      }
    }
  }

  async lookup(query: LookupQuery): Promise<LookupPage> {
    const lo = query.startTime ? Math.ceil(query.startTime.getTime() / 1000) * SEQ_PER_SECOND : 0;
    let hi = query.endTime ? (Math.floor(query.endTime.getTime() / 1000) + 1) * SEQ_PER_SECOND - 1 : Number.MAX_SAFE_INTEGER;
    if (query.cursor !== undefined) hi = Math.min(hi, parseCursor(query.cursor) - 1);
    const { sql, params } = statement(query.attribute);
    if (lo > hi || !params) return { records: [] };
    const rows = await this.db.reader.all<{ seq: number; record: string }>(sql, { ...params, region: query.region, lo, hi, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      records: page.map((r) => r.record),
      cursor: rows.length > query.limit ? String(page[page.length - 1].seq) : undefined,
    };
  }

  async purgeBefore(time: Date): Promise<number> {
    const cut = Math.ceil(time.getTime() / 1000) * SEQ_PER_SECOND;
    let total = 0;
    // Small transactions, so that calls being recorded wait for one batch at most.
    for (;;) {
      const deleted = await this.db.transaction(async (tx) => {
        await tx.run(SQL.purgeResources, { cut, batch: PURGE_BATCH });
        return (await tx.run(SQL.purgeEvents, { cut, batch: PURGE_BATCH })).changes;
      });
      total += deleted;
      if (deleted < PURGE_BATCH) return total;
    }
  }

  private async allocate(tx: SqlExecutor, second: number): Promise<number> {
    let next = this.nextInSecond.get(second);
    if (next === undefined) {
      if (this.nextInSecond.size >= 64) this.nextInSecond.clear();
      const base = second * SEQ_PER_SECOND;
      const row = await tx.get<{ seq: number | null }>(SQL.maxInSecond, { lo: base, hi: base + SEQ_PER_SECOND });
      next = row?.seq == null ? base : row.seq + 1;
    }
    this.nextInSecond.set(second, next + 1);
    return next;
  }
}

/** The SQL for an attribute and its parameters; no parameters when nothing can match. */
function statement(attribute: LookupQuery['attribute']): { sql: string; params?: Record<string, string | number> } {
  if (!attribute) return { sql: SQL.all, params: {} };
  const { key, value } = attribute;
  if (key === 'EventId') return { sql: SQL.eventId, params: { value } };
  if (key === 'ReadOnly') {
    // Values match exactly: only "true" and "false" select anything.
    const flag = value === 'true' ? 1 : value === 'false' ? 0 : undefined;
    return { sql: SQL.column('read_only'), params: flag === undefined ? undefined : { value: flag } };
  }
  const kind = RESOURCE_KINDS[key];
  if (kind) return { sql: SQL.resource, params: { kind, value } };
  return { sql: SQL.column(COLUMNS[key]!), params: { value } };
}

function parseCursor(cursor: string): number {
  const seq = Number(cursor);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new Error(`Invalid event store cursor '${cursor}'`);
  return seq;
}
