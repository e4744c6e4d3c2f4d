// Objects live outside the database, so writing or removing one cannot be
// part of a transaction. iota_pending_objects closes the gap: a row there
// says "this object must not exist". A 'writing' row is added (in its own
// transaction) before an object is written and removed by the transaction
// that makes the object live; a 'deleting' row is added by the transaction
// that drops an object's row and removed after the object is deleted. A
// crash at any point leaves either a live object with its row or a pending
// row, and the next start deletes what pending rows name: no half-written or
// forgotten object stays behind, and no reader that goes by the database
// ever sees one.
import type { Database, SqlExecutor } from '../../../../storage/db/database.ts';
import type { Logger } from '../../../../lib/logger.ts';
import type { ObjectArea } from './object-area.ts';
import type { StorageAreas } from './storage-areas.ts';

export interface PendingObject {
  area: string;
  key: string;
}

type Reason = 'writing' | 'deleting';

export const pendingObjects = {
  async add(tx: SqlExecutor, objects: readonly PendingObject[], reason: Reason, since: Date): Promise<void> {
    for (const o of objects) {
      await tx.run(
        `INSERT INTO iota_pending_objects (area, key, reason, since) VALUES (@area, @key, @reason, @since)
         ON CONFLICT (area, key) DO UPDATE SET reason = excluded.reason, since = excluded.since`,
        { area: o.area, key: o.key, reason, since: since.getTime() },
      );
    }
  },

  async remove(tx: SqlExecutor, objects: readonly PendingObject[]): Promise<void> {
    for (const o of objects) await tx.run('DELETE FROM iota_pending_objects WHERE area = @area AND key = @key', { area: o.area, key: o.key });
  },

  /** 'deleting' rows from before `before`; with `all`, every row. */
  async due(db: SqlExecutor, all: boolean, before: number, limit: number): Promise<PendingObject[]> {
    return db.all<PendingObject>(
      `SELECT area, key FROM iota_pending_objects WHERE @all = 1 OR (reason = 'deleting' AND since <= @before) LIMIT @limit`,
      { all: all ? 1 : 0, before, limit },
    );
  },
};

/** Announces objects about to be written; the transaction that records them must remove the rows. */
export async function announce(db: Database, area: ObjectArea, keys: readonly string[], now: Date): Promise<PendingObject[]> {
  const objects = keys.map((key) => ({ area: area.id, key }));
  await db.transaction((tx) => pendingObjects.add(tx, objects, 'writing', now));
  return objects;
}

/**
 * Deletes the objects that pending rows name, then the rows. While the
 * server runs only 'deleting' rows older than `graceMs` are handled
 * ('writing' ones belong to writes in progress); at start, before anything
 * writes, all of them. An object that cannot be deleted now (a remote bucket
 * out of reach) keeps its row for the next round. True when more are due.
 */
export async function deletePending(
  db: Database,
  areas: StorageAreas,
  logger: Logger,
  options: { atStart: boolean; now: Date; graceMs: number },
  limit = 500,
): Promise<boolean> {
  const pending = await pendingObjects.due(db.reader, options.atStart, options.now.getTime() - options.graceMs, limit);
  const done: PendingObject[] = [];
  for (const o of pending) {
    try {
      await areas.byId(o.area).delete(o.key);
      done.push(o);
    } catch (error) {
      logger.warn('could not delete a data-plane object; will try again', { area: o.area, key: o.key, error: String(error) });
    }
  }
  if (done.length > 0) await db.transaction((tx) => pendingObjects.remove(tx, done));
  return pending.length === limit && done.length > 0;
}
