// The event store in the server's own SQLite database, which is what lets a
// record be written in the transaction of the change it describes. Schema and
// the reasons for it: migrations/sqlite/0300-audit-events.sql. Appending
// touches the journal and the pending list only; index() builds the lookup
// indexes from the pending list in one set-based pass. Every lookup is one
// index range scan, newest first, so its cost depends on the page size, not
// on how many events are stored.
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
const INDEX_BATCH = 10_000;
const PURGE_BATCH = 5_000;

const COLUMNS: Partial<Record<LookupAttributeKey, string>> = {
  EventName: 'event_name',
  EventSource: 'event_source',
  Username: 'username',
  AccessKeyId: 'access_key_id',
  ReadOnly: 'read_only',
};

const RESOURCE_KINDS: Partial<Record<LookupAttributeKey, 'type' | 'name'>> = { ResourceType: 'type', ResourceName: 'name' };

// INDEXED BY pins each lookup to its index, so the plan cannot drift to a scan
// of another one (correct, but slow for rare values). CROSS JOIN keeps the
// index as the outer loop; the journal gives the record by primary key.
// (Written as >= and <=: with BETWEEN in this join SQLite 3.53 bounds the
// index scan below only, which makes old time windows slow.)
const RANGE = 'l.region = @region AND l.seq >= @lo AND l.seq <= @hi';
const RECORD = 'CROSS JOIN audit_events e ON e.seq = l.seq';
const SQL = {
  all: `SELECT l.seq, e.record FROM audit_lookup l ${RECORD} WHERE ${RANGE} ORDER BY l.seq DESC LIMIT @limit`,
  eventId: `SELECT l.seq, e.record FROM audit_lookup l INDEXED BY audit_lookup_by_event_id ${RECORD} WHERE l.event_id = @value AND ${RANGE}`,
  column: (column: string) =>
    `SELECT l.seq, e.record FROM audit_lookup l INDEXED BY audit_lookup_by_${column} ${RECORD}
     WHERE l.${column} = @value AND ${RANGE} ORDER BY l.seq DESC LIMIT @limit`,
  resource: `SELECT l.seq, e.record FROM audit_lookup_resources l ${RECORD}
             WHERE l.kind = @kind AND l.value = @value AND ${RANGE} ORDER BY l.seq DESC LIMIT @limit`,
  insertEvent: 'INSERT INTO audit_events (seq, region, category, record) VALUES (@seq, @region, @category, @record)',
  insertPending: `INSERT INTO audit_events_pending (seq, region, event_id, event_name, event_source, read_only, username, access_key_id, resources)
                  VALUES (@seq, @region, @eventId, @eventName, @eventSource, @readOnly, @username, @accessKeyId, @resources)`,
  maxInSecond: 'SELECT MAX(seq) AS seq FROM audit_events WHERE seq >= @lo AND seq < @hi',
  hasPending: 'SELECT EXISTS (SELECT 1 FROM audit_events_pending) AS pending',
  // A batch is every pending (or expired) seq up to the last of the first @batch.
  pendingBatchEnd: 'SELECT MAX(seq) AS upto FROM (SELECT seq FROM audit_events_pending ORDER BY seq LIMIT @batch)',
  indexLookup: `INSERT INTO audit_lookup (region, seq, event_id, event_name, event_source, read_only, username, access_key_id)
                SELECT region, seq, event_id, event_name, event_source, read_only, username, access_key_id
                FROM audit_events_pending WHERE seq <= @upto`,
  indexResources: `INSERT OR IGNORE INTO audit_lookup_resources (region, kind, value, seq)
                   SELECT p.region, k.kind, json_extract(r.value, k.path), p.seq
                   FROM audit_events_pending p, json_each(p.resources) r,
                        (SELECT 'type' AS kind, '$[0]' AS path UNION ALL SELECT 'name', '$[1]' UNION ALL SELECT 'name', '$[2]') k
                   WHERE p.seq <= @upto`,
  deleteIndexed: 'DELETE FROM audit_events_pending WHERE seq <= @upto',
  expiredBatchEnd: 'SELECT MAX(seq) AS upto FROM (SELECT seq FROM audit_events WHERE seq < @cut ORDER BY seq LIMIT @batch)',
  purgeLookup: 'DELETE FROM audit_lookup WHERE (region, seq) IN (SELECT region, seq FROM audit_events WHERE seq <= @upto)',
  purgeResources: 'DELETE FROM audit_lookup_resources WHERE seq <= @upto',
  purgePending: 'DELETE FROM audit_events_pending WHERE seq <= @upto',
  purgeEvents: 'DELETE FROM audit_events WHERE seq <= @upto',
};

export class SqliteEventStore implements EventStore {
  /** Next free counter of recent seconds. Transactions are serialised, so this needs no lock. */
  private readonly nextInSecond = new Map<number, number>();

  constructor(private readonly db: Database) {}

  async append(tx: SqlExecutor, records: readonly CloudTrailRecord[]): Promise<void> {
    for (const record of records) {
      const seq = await this.allocate(tx, Date.parse(record.eventTime) / 1000);
      const region = record.awsRegion;
      await tx.run(SQL.insertEvent, { seq, region, category: record.eventCategory, record: JSON.stringify(record) });
      if (record.eventCategory !== 'Management') continue;
      const keys = lookupKeys(record);
      await tx.run(SQL.insertPending, {
        seq,
        region,
        eventId: keys.eventId,
        eventName: keys.eventName,
        eventSource: keys.eventSource,
        readOnly: keys.readOnly,
        username: keys.username,
        accessKeyId: keys.accessKeyId,
        resources: JSON.stringify(keys.resources.map((r) => [r.type, r.name, r.arn])),
      });
    }
  }

  async index(tx: SqlExecutor): Promise<number> {
    let total = 0;
    for (;;) {
      const { upto } = (await tx.get<{ upto: number | null }>(SQL.pendingBatchEnd, { batch: INDEX_BATCH }))!;
      if (upto === null) return total;
      await tx.run(SQL.indexLookup, { upto });
      await tx.run(SQL.indexResources, { upto });
      total += (await tx.run(SQL.deleteIndexed, { upto })).changes;
    }
  }

  async lookup(query: LookupQuery): Promise<LookupPage> {
    // Read-your-writes: what was appended and committed but not indexed yet is indexed first.
    if ((await this.db.reader.get<{ pending: number }>(SQL.hasPending))!.pending) {
      await this.db.transaction((tx) => this.index(tx));
    }
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
        const { upto } = (await tx.get<{ upto: number | null }>(SQL.expiredBatchEnd, { cut, batch: PURGE_BATCH }))!;
        if (upto === null) return 0;
        await tx.run(SQL.purgeLookup, { upto });
        await tx.run(SQL.purgeResources, { upto });
        await tx.run(SQL.purgePending, { upto });
        return (await tx.run(SQL.purgeEvents, { upto })).changes;
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
