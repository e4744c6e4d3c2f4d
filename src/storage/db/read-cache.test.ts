import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqliteDatabase } from './sqlite/sqlite-database.ts';
import { ReadCache } from './read-cache.ts';

describe('ReadCache', () => {
  const open = () => {
    const db = SqliteDatabase.open(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
    return db;
  };
  const read = (db: SqliteDatabase, k: string) => async () => (await db.reader.get<{ v: string }>('SELECT v FROM t WHERE k = @k', { k }))?.v;

  it('serves a loaded value until this process commits a write', async () => {
    const db = open();
    const cache = new ReadCache<string>(db);
    await db.transaction((tx) => tx.run("INSERT INTO t VALUES ('a', '1')"));
    let loads = 0;
    const load = () => {
      loads++;
      return read(db, 'a')();
    };
    assert.equal(await cache.get('a', load), '1');
    assert.equal(await cache.get('a', load), '1');
    assert.equal(loads, 1);
    await db.transaction((tx) => tx.run("UPDATE t SET v = '2' WHERE k = 'a'"));
    assert.equal(await cache.get('a', load), '2');
    assert.equal(loads, 2);
  });

  it('remembers a missing row, and forgets it once a commit may have added it', async () => {
    const db = open();
    const cache = new ReadCache<string>(db);
    assert.equal(await cache.get('b', read(db, 'b')), undefined);
    await db.transaction((tx) => tx.run("INSERT INTO t VALUES ('b', 'x')"));
    assert.equal(await cache.get('b', read(db, 'b')), 'x');
  });

  it('does not keep a value when a commit lands while it is being loaded', async () => {
    const db = open();
    const cache = new ReadCache<string>(db);
    await db.transaction((tx) => tx.run("INSERT INTO t VALUES ('c', 'old')"));
    const stale = await cache.get('c', async () => {
      const value = await read(db, 'c')();
      await db.transaction((tx) => tx.run("UPDATE t SET v = 'new' WHERE k = 'c'"));
      return value;
    });
    assert.equal(stale, 'old');
    assert.equal(await cache.get('c', read(db, 'c')), 'new');
  });
});
