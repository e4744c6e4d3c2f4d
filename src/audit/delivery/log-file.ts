// One CloudTrail log file (reference §5): `{"Records":[…]}` with the records'
// stored JSON, gzip (one member), under AWS's key layout.
import { createHash } from 'node:crypto';
import type { JournalEntry } from '../event-store/event-store.ts';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The body of a log file: records are JSON text already, so they are joined, not re-serialised. */
export function logFileBody(records: readonly string[]): string {
  return `{"Records":[${records.join(',')}]}`;
}

/**
 * AWS's 16 random characters, made deterministic: the same trail, region,
 * journal range and part always give the same key, so a delivery retried
 * after a crash (object written, cursor not yet committed) overwrites the
 * object instead of adding a second copy of its records.
 */
export function uniqueSuffix(trailArn: string, region: string, after: number, upto: number, part: number): string {
  const digest = createHash('sha256').update(`${trailArn}\n${region}\n${after}\n${upto}\n${part}`).digest();
  return [...digest.subarray(0, 16)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/** `[prefix/]AWSLogs/ACCT/CloudTrail/REGION/YYYY/MM/DD/ACCT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE16.json.gz`, at `at` in UTC. */
export function logFileKey(where: { prefix?: string; accountId: string; region: string }, at: Date, suffix: string): string {
  const iso = at.toISOString();
  const [yyyy, mm, dd] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  const stamp = `${yyyy}${mm}${dd}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  const { prefix, accountId, region } = where;
  const folder = `AWSLogs/${accountId}/CloudTrail/${region}/${yyyy}/${mm}/${dd}`;
  return `${prefix ? `${prefix}/` : ''}${folder}/${accountId}_CloudTrail_${region}_${stamp}_${suffix}.json.gz`;
}

/**
 * The records of each region in journal order, cut into files of at most
 * `maxBytes` of UTF-8 JSON (a single larger record gets a file of its own).
 * Bytes, not string length: a record of non-ASCII text is up to 3 bytes a character.
 */
export function splitFiles<T extends Pick<JournalEntry, 'region' | 'record'>>(entries: T[], maxBytes: number): { region: string; part: number; entries: T[] }[] {
  const parts = new Map<string, { files: T[][]; bytes: number }>();
  for (const entry of entries) {
    const size = Buffer.byteLength(entry.record) + 1;
    const region = parts.get(entry.region) ?? { files: [[]], bytes: 0 };
    parts.set(entry.region, region);
    if (region.bytes + size > maxBytes && region.files.at(-1)!.length > 0) {
      region.files.push([]);
      region.bytes = 0;
    }
    region.bytes += size;
    region.files.at(-1)!.push(entry);
  }
  return [...parts].flatMap(([region, { files }]) => files.map((part, i) => ({ region, part: i, entries: part })));
}
