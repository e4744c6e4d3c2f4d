// The event store in the server's own SQLite database, which is what lets a
// record be written in the transaction of the change it describes. Schema and
// the reasons for it: migrations/sqlite/0300-audit-events.sql. Appending is
// one insert into the journal; index() builds the lookup indexes from the
// journal rows appended since the last call in one set-based pass. A lookup's
// cost depends on the page size, not on how many events are stored.
import type { Database, SqlExecutor } from '../../../storage/db/database.ts';
import { lookupKeys } from '../../lookup-keys.ts';
import type { CloudTrailRecord } from '../../record.ts';
import type { EventStore, JournalEntry, LookupAttributeKey, LookupPage, LookupQuery } from '../event-store.ts';

const INDEX_BATCH = 10_000;
const PURGE_BATCH = 5_000;

const COLUMNS: Partial<Record<LookupAttributeKey, string>> = {
  EventName: 'event_name',
  EventSource: 'event_source',
  Username: 'username',
  AccessKeyId: 'access_key_id',
  ReadOnly: 'read_only',
};

// Events are ordered newest first by (time, id): eventTime in seconds, then
// the order they were stored. A page ends before the (time, id) of the last
// event of the previous page.
//
// A lookup is one statement, so it reads one snapshot: the indexed events
// (one index range scan: INDEXED BY pins the index, so the plan cannot drift
// to a scan of another one, correct but slow for rare values; CROSS JOIN keeps
// it the outer loop and the journal gives the record by primary key), merged
// with the journal rows not indexed yet (the last few hundred milliseconds'
// worth, filtered on the journal's own columns). Lookups so never write and
// never miss a stored event.
const RANGE = (t: string) => `${t}.region = @region AND ${t}.time >= @lo AND (${t}.time, ${t}.id) < (@beforeTime, @beforeId)`;
const NEWEST_FIRST = (t: string) => `ORDER BY ${t}.time DESC, ${t}.id DESC LIMIT @limit`;
const RECORD = 'CROSS JOIN audit_events e ON e.id = l.id';
const UNINDEXED = "e.id > (SELECT indexed_to FROM audit_index_state) AND e.category = 'Management'";

/** A lookup: the indexed events matching `indexed`, and the unindexed journal rows matching `unindexed`. */
function lookupSql(indexed: string, unindexed: string): string {
  return `SELECT time, id, record FROM (SELECT l.time, l.id, e.record FROM ${indexed} AND ${RANGE('l')} ${NEWEST_FIRST('l')})
          UNION ALL
          SELECT time, id, record FROM (SELECT e.time, e.id, e.record FROM audit_events e WHERE ${UNINDEXED} AND ${RANGE('e')}${unindexed} ${NEWEST_FIRST('e')})
          ORDER BY time DESC, id DESC LIMIT @limit`;
}

/** A resource [type, name, arn] is found by its type, its name and its ARN. */
const RESOURCE_KEYS = `(SELECT 'type' AS kind, '$[0]' AS path UNION ALL SELECT 'name', '$[1]' UNION ALL SELECT 'name', '$[2]')`;
const hasResource = (paths: string[]) =>
  ` AND EXISTS (SELECT 1 FROM json_each(e.resources) r WHERE ${paths.map((p) => `json_extract(r.value, '${p}') = @value`).join(' OR ')})`;

const SQL = {
  all: lookupSql(`audit_lookup l ${RECORD} WHERE 1`, ''),
  eventId: lookupSql(`audit_lookup l INDEXED BY audit_lookup_by_event_id ${RECORD} WHERE l.event_id = @value`, ' AND e.event_id = @value'),
  column: (column: string) =>
    lookupSql(`audit_lookup l INDEXED BY audit_lookup_by_${column} ${RECORD} WHERE l.${column} = @value`, ` AND e.${column} = @value`),
  resourceType: lookupSql(`audit_lookup_resources l ${RECORD} WHERE l.kind = 'type' AND l.value = @value`, hasResource(['$[0]'])),
  resourceName: lookupSql(`audit_lookup_resources l ${RECORD} WHERE l.kind = 'name' AND l.value = @value`, hasResource(['$[1]', '$[2]'])),
  append: `INSERT INTO audit_events (time, region, category, event_id, event_name, event_source, read_only, username, access_key_id, resources, record)
           VALUES (@time, @region, @category, @eventId, @eventName, @eventSource, @readOnly, @username, @accessKeyId, @resources, @record)`,
  unindexed: `SELECT s.indexed_to AS indexedTo, MIN((SELECT MAX(id) FROM audit_events), s.indexed_to + @batch) AS upto
              FROM audit_index_state s`,
  indexLookup: `INSERT INTO audit_lookup (region, time, id, event_id, event_name, event_source, read_only, username, access_key_id)
                SELECT region, time, id, event_id, event_name, event_source, read_only, username, access_key_id
                FROM audit_events WHERE id > @from AND id <= @upto AND category = 'Management'`,
  indexResources: `INSERT OR IGNORE INTO audit_lookup_resources (region, kind, value, time, id)
                   SELECT e.region, k.kind, json_extract(r.value, k.path), e.time, e.id
                   FROM audit_events e, json_each(e.resources) r, ${RESOURCE_KEYS} k
                   WHERE e.id > @from AND e.id <= @upto AND e.category = 'Management'`,
  markIndexed: 'UPDATE audit_index_state SET indexed_to = @upto',
  // Expired events among the oldest journal rows (the journal is in commit
  // order, which is time order give or take the few milliseconds read-only
  // records wait in the recorder). The newest row always stays, so that ids
  // keep growing past audit_index_state.indexed_to.
  expired: `CREATE TEMP TABLE IF NOT EXISTS audit_expired (id INTEGER PRIMARY KEY)`,
  collectExpired: `INSERT INTO temp.audit_expired
                   SELECT id FROM (SELECT id, time FROM audit_events ORDER BY id LIMIT @batch)
                   WHERE time < @cut AND id < (SELECT MAX(id) FROM audit_events) AND id <= @keepAfter`,
  purgeLookup: `DELETE FROM audit_lookup WHERE (region, time, id) IN
                (SELECT region, time, id FROM audit_events WHERE id IN temp.audit_expired)`,
  purgeResources: `DELETE FROM audit_lookup_resources WHERE (region, kind, value, time, id) IN
                   (SELECT e.region, k.kind, json_extract(r.value, k.path), e.time, e.id
                    FROM audit_events e, json_each(e.resources) r, ${RESOURCE_KEYS} k WHERE e.id IN temp.audit_expired)`,
  purgeEvents: 'DELETE FROM audit_events WHERE id IN temp.audit_expired',
  clearExpired: 'DELETE FROM temp.audit_expired',
  readAfter: `SELECT id, region, category, time, event_source, event_name, read_only, resources, record
              FROM audit_events WHERE id > @after ORDER BY id LIMIT @limit`,
  head: 'SELECT COALESCE(MAX(id), 0) AS head FROM audit_events',
};

interface JournalRow {
  id: number;
  region: string;
  category: 'Management' | 'Data';
  time: number;
  event_source: string;
  event_name: string;
  read_only: number;
  resources: string;
  record: string;
}

export class SqliteEventStore implements EventStore {
  constructor(private readonly db: Database) {}

  async append(tx: SqlExecutor, records: readonly CloudTrailRecord[]): Promise<void> {
    for (const record of records) {
      const keys = lookupKeys(record);
      await tx.run(SQL.append, {
        time: Date.parse(record.eventTime) / 1000,
        region: record.awsRegion,
        category: record.eventCategory,
        eventId: keys.eventId,
        eventName: keys.eventName,
        eventSource: keys.eventSource,
        readOnly: keys.readOnly,
        username: keys.username,
        accessKeyId: keys.accessKeyId,
        resources: JSON.stringify(keys.resources.map((r) => [r.type, r.name, r.arn])),
        record: JSON.stringify(record),
      });
    }
  }

  async index(tx: SqlExecutor): Promise<number> {
    let total = 0;
    for (;;) {
      const { indexedTo, upto } = (await tx.get<{ indexedTo: number; upto: number | null }>(SQL.unindexed, { batch: INDEX_BATCH }))!;
      if (upto === null || upto <= indexedTo) return total;
      total += (await tx.run(SQL.indexLookup, { from: indexedTo, upto })).changes;
      await tx.run(SQL.indexResources, { from: indexedTo, upto });
      await tx.run(SQL.markIndexed, { upto });
    }
  }

  async lookup(query: LookupQuery): Promise<LookupPage> {
    const lo = query.startTime ? Math.ceil(query.startTime.getTime() / 1000) : 0;
    // Before the second after endTime, or before the cursor when that comes first.
    let before = { time: query.endTime ? Math.floor(query.endTime.getTime() / 1000) + 1 : Number.MAX_SAFE_INTEGER, id: 0 };
    if (query.cursor !== undefined) {
      const cursor = parseCursor(query.cursor);
      if (cursor.time < before.time) before = cursor;
    }
    const { sql, params } = statement(query.attribute);
    if (!params) return { records: [] };
    const rows = await this.db.reader.all<{ time: number; id: number; record: string }>(sql, {
      ...params,
      region: query.region,
      lo,
      beforeTime: before.time,
      beforeId: before.id,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { records: page.map((r) => r.record), cursor: rows.length > query.limit ? `${last.time}:${last.id}` : undefined };
  }

  async readAfter(position: number, limit: number): Promise<JournalEntry[]> {
    const rows = await this.db.reader.all<JournalRow>(SQL.readAfter, { after: position, limit });
    return rows.map((row) => new StoredEntry(row));
  }

  async head(executor: SqlExecutor = this.db.reader): Promise<number> {
    return (await executor.get<{ head: number }>(SQL.head))!.head;
  }

  async purgeBefore(time: Date, keepAfter = Number.MAX_SAFE_INTEGER): Promise<number> {
    const cut = Math.ceil(time.getTime() / 1000);
    let total = 0;
    // Small transactions, so that calls being recorded wait for one batch at most.
    for (;;) {
      const deleted = await this.db.transaction(async (tx) => {
        await tx.run(SQL.expired);
        await tx.run(SQL.clearExpired);
        await tx.run(SQL.collectExpired, { cut, batch: PURGE_BATCH, keepAfter });
        await tx.run(SQL.purgeLookup);
        await tx.run(SQL.purgeResources);
        const { changes } = await tx.run(SQL.purgeEvents);
        await tx.run(SQL.clearExpired);
        return changes;
      });
      total += deleted;
      if (deleted === 0) return total;
    }
  }
}

/** A journal row; its resources are parsed only when a trail's selectors look at them (most never do). */
class StoredEntry implements JournalEntry {
  readonly position: number;
  readonly region: string;
  readonly category: 'Management' | 'Data';
  readonly time: number;
  readonly eventSource: string;
  readonly eventName: string;
  readonly readOnly: boolean;
  readonly record: string;
  private parsed?: { type: string; arn: string }[];

  constructor(private readonly row: JournalRow) {
    this.position = row.id;
    this.region = row.region;
    this.category = row.category;
    this.time = row.time;
    this.eventSource = row.event_source;
    this.eventName = row.event_name;
    this.readOnly = row.read_only === 1;
    this.record = row.record;
  }

  get resources(): { type: string; arn: string }[] {
    this.parsed ??= (JSON.parse(this.row.resources) as [string, string, string][]).map(([type, , arn]) => ({ type, arn }));
    return this.parsed;
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
  if (key === 'ResourceType') return { sql: SQL.resourceType, params: { value } };
  if (key === 'ResourceName') return { sql: SQL.resourceName, params: { value } };
  return { sql: SQL.column(COLUMNS[key]!), params: { value } };
}

/** "time:id" of the last event of the previous page. */
function parseCursor(cursor: string): { time: number; id: number } {
  const [time, id] = cursor.split(':').map(Number);
  if (!Number.isSafeInteger(time) || !Number.isSafeInteger(id)) throw new Error(`Invalid event store cursor '${cursor}'`);
  return { time, id };
}
