// The digest-signing keys of every Region: which key signs now (rotating to a
// fresh key when the current one has signed for KEY_SIGNING_MS), and which
// keys ListPublicKeys shows for a time range.
import type { Database } from '../../../storage/db/database.ts';
import { generateSigningKey, KEY_SIGNING_MS, type PublicSigningKey, type SigningKey } from './signing-key.ts';
import { signingKeyStore } from './signing-key-store.ts';

export class SigningKeys {
  constructor(
    private readonly db: Database,
    /** Key generation, replaceable so tests need not wait for RSA key generation. */
    private readonly generate: (region: string, validFrom: Date) => Promise<SigningKey> = generateSigningKey,
  ) {}

  /** The key that signs in `region` at `now`; creates the region's first key, or its successor when due. */
  async signingKey(region: string, now: Date): Promise<SigningKey> {
    const current = await signingKeyStore.newest(this.db.reader, region);
    if (current && isSigning(current, now)) return current;
    const fresh = await this.generate(region, now);
    return this.db.transaction(async (tx) => {
      // Another caller may have rotated while this key was being generated: theirs wins.
      const newest = await signingKeyStore.newest(tx, region);
      if (newest && isSigning(newest, now)) return newest;
      await signingKeyStore.insert(tx, fresh);
      return fresh;
    });
  }

  /** The region's keys valid at any moment of [start, end], oldest first. */
  publicKeys(region: string, start: Date, end: Date): Promise<PublicSigningKey[]> {
    return signingKeyStore.overlapping(this.db.reader, region, start, end);
  }
}

// A key from the future (the clock was set back) keeps signing rather than rotating on every call.
const isSigning = (key: SigningKey, now: Date): boolean => now.getTime() - key.validFrom.getTime() < KEY_SIGNING_MS;
