import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { ManualClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { SqliteDatabase } from '../storage/db/sqlite/sqlite-database.ts';
import { migrateSqlite } from '../storage/migrations/migrate.ts';
import { sampleRecord } from './event-store/conformance.ts';
import { SqliteEventStore } from './event-store/sqlite/sqlite-event-store.ts';
import { RetentionJob, retentionCutoff } from './retention.ts';

it('purges events older than the retention period, on the injected clock', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oia-retention-'));
  const db = SqliteDatabase.open(join(dir, 'oia.db'));
  try {
    await migrateSqlite(db);
    const store = new SqliteEventStore(db);
    // sampleRecord(s) is at 2024-05-01T12:00:00Z + s seconds.
    const day = 24 * 60 * 60;
    await db.transaction(async (tx) => {
      await store.append(tx, [sampleRecord(0), sampleRecord(2 * day), sampleRecord(5 * day)]);
      await store.index(tx);
    });
    const clock = new ManualClock(new Date('2024-05-01T12:00:00Z'));
    const job = new RetentionJob({ store, clock, retentionDays: 3, intervalMs: 60_000, logger: createLogger('silent') });
    assert.equal(await job.runOnce(), 0);
    clock.advance(3 * day * 1000 + 1000);
    assert.equal(await job.runOnce(), 1);
    clock.advance(4 * day * 1000);
    assert.equal(await job.runOnce(), 1);
    assert.equal((await store.lookup({ region: 'us-east-1', limit: 10 })).records.length, 1);
    assert.deepEqual(retentionCutoff(new Date('2024-05-04T00:00:00Z'), 3), new Date('2024-05-01T00:00:00Z'));
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
