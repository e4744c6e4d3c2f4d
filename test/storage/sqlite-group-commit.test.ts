// Group commit in the SQLite database: transactions that queue up behind one
// another share one COMMIT, yet each is still all-or-nothing on its own and
// answered only once durable.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteDatabase } from '../../src/storage/db/sqlite/sqlite-database.ts';

describe('SQLite transactions committed in groups', () => {
  let dir: string;
  let db: SqliteDatabase;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'oia-group-'));
    db = SqliteDatabase.open(join(dir, 'test.db'));
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
  });
  after(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const names = async () => (await db.reader.all<{ name: string }>('SELECT name FROM items ORDER BY id')).map((r) => r.name);

  it('rolls back only the transaction that failed among those queued together', async () => {
    const results = await Promise.allSettled([
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO items (name) VALUES ('a')");
        return 'first';
      }),
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO items (name) VALUES ('b')");
        throw new Error('changed my mind');
      }),
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO items (name) VALUES ('c')");
        await tx.run("INSERT INTO items (name) VALUES ('a')");
        return 'never';
      }),
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO items (name) VALUES ('d')");
        return 'last';
      }),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    assert.equal((results[0] as PromiseFulfilledResult<string>).value, 'first');
    assert.match(String((results[2] as PromiseRejectedResult).reason), /UNIQUE/);
    assert.deepEqual(await names(), ['a', 'd']);
  });

  it('answers a transaction only once what it wrote is visible to readers', async () => {
    const seen: string[][] = [];
    await Promise.all(
      ['e', 'f', 'g'].map((name) =>
        db.transaction((tx) => tx.run('INSERT INTO items (name) VALUES (@name)', { name })).then(async () => seen.push(await names())),
      ),
    );
    for (const view of seen) assert.ok(['e', 'f', 'g'].every((n) => view.includes(n)), `a transaction was answered before its group committed: ${view}`);
  });

  it('lets a transaction see the changes of those before it in its group', async () => {
    const [, count] = await Promise.all([
      db.transaction((tx) => tx.run("INSERT INTO items (name) VALUES ('h')")),
      db.transaction(async (tx) => (await tx.get<{ n: number }>("SELECT COUNT(*) AS n FROM items WHERE name = 'h'"))!.n),
    ]);
    assert.equal(count, 1);
  });
});
