import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { systemClock } from '../../src/lib/clock.ts';
import { LocalBucketStore } from '../../src/storage/buckets/local/local-bucket-store.ts';
import { SqliteDatabase } from '../../src/storage/db/sqlite/sqlite-database.ts';
import { migrateSqlite } from '../../src/storage/migrations/migrate.ts';
import { describeBucketStore } from '../conformance/bucket-store.ts';

async function openLocal(): Promise<{ store: LocalBucketStore; db: SqliteDatabase; root: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'oia-buckets-'));
  const db = SqliteDatabase.open(join(dir, 'oia.db'));
  await migrateSqlite(db);
  const root = join(dir, 'buckets');
  const store = new LocalBucketStore(db, root, systemClock);
  return {
    store,
    db,
    root,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeBucketStore('local (SQLite + files)', openLocal);

describe('local bucket store', () => {
  let local: Awaited<ReturnType<typeof openLocal>>;
  before(async () => {
    local = await openLocal();
    await local.store.createBucket('local', 'eu-west-1');
  });
  after(() => local.close());

  const blobFiles = (bucket: string) =>
    existsSync(join(local.root, bucket)) ? readdirSync(join(local.root, bucket)).flatMap((s) => readdirSync(join(local.root, bucket, s))) : [];

  it('keeps the region it was created in', async () => {
    assert.equal((await local.store.getBucket('local'))?.region, 'eu-west-1');
  });

  it('lists keys in UTF-8 byte order, as S3 does', async () => {
    await local.store.createBucket('utf8', 'us-east-1');
    // UTF-16 order would put U+1F600 (a surrogate pair) before U+FF5E.
    const keys = ['\u{1F600}', '\uFF5E', 'Z', 'a', '\u00e9'];
    for (const key of keys) await local.store.putObject('utf8', key, 'x');
    const listed = (await local.store.listObjects('utf8')).objects.map((o) => o.key);
    assert.deepEqual(listed, ['Z', 'a', '\u00e9', '\uFF5E', '\u{1F600}']);
  });

  it('keeps one file per object version and removes the replaced one', async () => {
    await local.store.createBucket('files', 'us-east-1');
    await local.store.putObject('files', 'k', 'one');
    await local.store.putObject('files', 'k', 'two');
    assert.equal(blobFiles('files').length, 1);
    await local.store.deleteObject('files', 'k');
    assert.equal(blobFiles('files').length, 0);
  });

  it('leaves the old object and no new file when the transaction rolls back', async () => {
    await local.store.putObject('local', 'kept', 'old');
    const before = blobFiles('local').length;
    const staged = await local.store.stagePut('local', 'kept', 'new');
    await assert.rejects(
      local.store.commit(staged, (apply) =>
        local.db.transaction(async (tx) => {
          await apply(tx);
          throw new Error('audit record could not be written');
        }),
      ),
      /audit record/,
    );
    assert.equal(blobFiles('local').length, before);
    const got = await local.store.getObject('local', 'kept');
    const chunks: Buffer[] = [];
    for await (const c of got.body) chunks.push(c as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), 'old');
  });

  it('sweeps files a crash left behind', async () => {
    await local.store.putObject('local', 'live', 'x');
    mkdirSync(join(local.root, 'local', 'ff'), { recursive: true });
    writeFileSync(join(local.root, 'local', 'ff', 'ff00orphan'), 'x');
    mkdirSync(join(local.root, 'deleted-bucket', '00'), { recursive: true });
    writeFileSync(join(local.root, 'deleted-bucket', '00', '00x'), 'x');
    const removed = await local.store.sweep();
    assert.equal(removed, 1);
    assert.ok(!existsSync(join(local.root, 'deleted-bucket')));
    assert.ok(!blobFiles('local').includes('ff00orphan'));
    assert.equal((await local.store.headObject('local', 'live'))?.size, 1);
  });
});
