import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { SqliteDatabase } from '../../../storage/db/sqlite/sqlite-database.ts';
import { migrateSqlite } from '../../../storage/migrations/migrate.ts';
import { eventStoreConformance, sampleRecord } from '../conformance.ts';
import { SqliteEventStore } from './sqlite-event-store.ts';

async function open() {
  const dir = mkdtempSync(join(tmpdir(), 'oia-events-'));
  const db = SqliteDatabase.open(join(dir, 'oia.db'));
  await migrateSqlite(db);
  return {
    db,
    store: new SqliteEventStore(db),
    reopen: async () => new SqliteEventStore(db),
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

eventStoreConformance('SQLite', open);

it('refuses to change a stored record', async () => {
  const { db, store, close } = await open();
  try {
    await db.transaction((tx) => store.append(tx, [sampleRecord(0)]));
    await assert.rejects(db.transaction((tx) => tx.run("UPDATE audit_events SET region = 'forged'")), /audit events are immutable/);
  } finally {
    await close();
  }
});

it('orders events of one second as they were stored, across a restart', async () => {
  const { db, store, close } = await open();
  try {
    await db.transaction((tx) => store.append(tx, [sampleRecord(5), sampleRecord(5)]));
    const restarted = new SqliteEventStore(db);
    const third = sampleRecord(5);
    await db.transaction(async (tx) => {
      await restarted.append(tx, [third]);
      await restarted.index(tx);
    });
    const page = await restarted.lookup({ region: 'us-east-1', limit: 10 });
    assert.equal(page.records.length, 3);
    assert.equal(JSON.parse(page.records[0]).eventID, third.eventID);
  } finally {
    await close();
  }
});
