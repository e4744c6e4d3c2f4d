import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SqliteDatabase } from '../../../storage/db/sqlite/sqlite-database.ts';
import { migrateSqlite } from '../../../storage/migrations/migrate.ts';
import { KEY_SIGNING_MS, KEY_VALIDITY_MS } from './signing-key.ts';
import { SigningKeys } from './signing-keys.ts';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2024-05-01T00:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describe('digest signing keys', () => {
  let db: SqliteDatabase;
  let keys: SigningKeys;
  before(async () => {
    db = SqliteDatabase.open(':memory:');
    await migrateSqlite(db);
    keys = new SigningKeys(db);
  });
  after(() => db.close());

  it('creates a 2048-bit key per Region, published as PKCS#1 DER with its MD5 fingerprint', async () => {
    const key = await keys.signingKey('eu-west-1', T0);
    assert.equal(key.publicDer.toString('base64').slice(0, 12), 'MIIBCgKCAQEA');
    assert.equal(key.fingerprint, createHash('md5').update(key.publicDer).digest('hex'));
    assert.equal(key.privateKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.deepEqual([key.validFrom, key.validUntil], [T0, new Date(T0.getTime() + KEY_VALIDITY_MS)]);
    const other = await keys.signingKey('eu-central-1', T0);
    assert.notEqual(other.fingerprint, key.fingerprint);
  });

  it('keeps signing with the key, durably, until it is due for rotation', async () => {
    const first = await keys.signingKey('eu-west-1', at(1));
    const again = await new SigningKeys(db).signingKey('eu-west-1', at(14));
    assert.equal(again.fingerprint, first.fingerprint);
    assert.equal(again.privateKey.export({ type: 'pkcs8', format: 'pem' }), first.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  });

  it('rotates after the signing period; the old key stays valid, so validity windows overlap', async () => {
    const old = await keys.signingKey('eu-west-1', at(1));
    const rotatedAt = new Date(T0.getTime() + KEY_SIGNING_MS);
    const fresh = await keys.signingKey('eu-west-1', rotatedAt);
    assert.notEqual(fresh.fingerprint, old.fingerprint);
    assert.deepEqual(fresh.validFrom, rotatedAt);
    assert.ok(old.validUntil > fresh.validFrom);
    // Concurrent callers at the same moment agree on one key.
    const [a, b] = await Promise.all([keys.signingKey('eu-west-1', at(31)), keys.signingKey('eu-west-1', at(31))]);
    assert.equal(a.fingerprint, b.fingerprint);
  });

  it('lists the keys whose validity overlaps a range, oldest first, in the Region only', async () => {
    const fingerprints = async (start: Date, end: Date) => (await keys.publicKeys('eu-west-1', start, end)).map((k) => k.validFrom.toISOString());
    assert.deepEqual(await fingerprints(at(5), at(5)), [T0.toISOString()]);
    assert.deepEqual(await fingerprints(at(20), at(20)), [T0.toISOString(), at(15).toISOString()]);
    assert.deepEqual(await fingerprints(at(0), at(40)), [T0.toISOString(), at(15).toISOString(), at(31).toISOString()]);
    assert.deepEqual(await fingerprints(at(-10), at(-1)), []);
    assert.deepEqual((await keys.publicKeys('ap-south-1', at(0), at(40))).length, 0);
  });
});
