// The trail_signing_keys table (migration 0550).
import type { SqlExecutor } from '../../../storage/db/database.ts';
import { privateKeyFromPem, privateKeyToPem, type PublicSigningKey, type SigningKey } from './signing-key.ts';

interface PublicRow {
  fingerprint: string;
  region: string;
  public_der: Buffer;
  valid_from: number;
  valid_until: number;
}

interface KeyRow extends PublicRow {
  private_pem: string;
}

const PUBLIC_COLUMNS = 'fingerprint, region, public_der, valid_from, valid_until';

const fromPublicRow = (row: PublicRow): PublicSigningKey => ({
  fingerprint: row.fingerprint,
  region: row.region,
  publicDer: row.public_der,
  validFrom: new Date(row.valid_from),
  validUntil: new Date(row.valid_until),
});

const fromRow = (row: KeyRow): SigningKey => ({ ...fromPublicRow(row), privateKey: privateKeyFromPem(row.private_pem) });

export const signingKeyStore = {
  async insert(tx: SqlExecutor, key: SigningKey): Promise<void> {
    await tx.run(
      `INSERT INTO trail_signing_keys (${PUBLIC_COLUMNS}, private_pem) VALUES (@fingerprint, @region, @publicDer, @validFrom, @validUntil, @privatePem)`,
      {
        fingerprint: key.fingerprint,
        region: key.region,
        publicDer: key.publicDer,
        privatePem: privateKeyToPem(key.privateKey),
        validFrom: key.validFrom.getTime(),
        validUntil: key.validUntil.getTime(),
      },
    );
  },

  /** The region's most recent key. */
  async newest(db: SqlExecutor, region: string): Promise<SigningKey | undefined> {
    const row = await db.get<KeyRow>(`SELECT ${PUBLIC_COLUMNS}, private_pem FROM trail_signing_keys WHERE region = @region ORDER BY valid_from DESC LIMIT 1`, { region });
    return row && fromRow(row);
  },

  /** The region's keys whose validity overlaps [start, end] (both inclusive), oldest first. */
  async overlapping(db: SqlExecutor, region: string, start: Date, end: Date): Promise<PublicSigningKey[]> {
    const rows = await db.all<PublicRow>(
      `SELECT ${PUBLIC_COLUMNS} FROM trail_signing_keys
       WHERE region = @region AND valid_from <= @end AND valid_until >= @start ORDER BY valid_from`,
      { region, start: start.getTime(), end: end.getTime() },
    );
    return rows.map(fromPublicRow);
  },
};
