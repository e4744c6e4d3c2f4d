// Writes what a trail with log file validation leaves in its bucket (gzip log
// files and a signed, chained digest per period) straight into a bucket
// store, for validation tests that must not depend on delivery.
import { gzipSync } from 'node:zlib';
import { logFileKey, uniqueSuffix } from '../../src/audit/delivery/log-file.ts';
import { buildDigest, sha256Hex, signDigest, type PreviousDigest } from '../../src/audit/integrity/digest.ts';
import type { SigningKeys } from '../../src/audit/integrity/keys/signing-keys.ts';
import { digestKey } from '../../src/audit/integrity/layout.ts';
import type { BucketStore } from '../../src/storage/buckets/bucket-store.ts';

export interface TrailFilesOptions {
  store: BucketStore;
  signingKeys: SigningKeys;
  bucket: string;
  prefix?: string;
  accountId: string;
  region: string;
  trailName: string;
  /** digestStartTime of the first digest. */
  start: Date;
  periods: number;
  periodMs: number;
  /** Log files per period (0: empty periods). */
  logsPerPeriod: number;
}

export interface TrailFiles {
  trailArn: string;
  /** Oldest first. */
  digests: string[];
  logs: string[];
}

export async function writeTrailFiles(options: TrailFilesOptions): Promise<TrailFiles> {
  const { store, bucket, prefix, accountId, region, trailName, periodMs } = options;
  const files: TrailFiles = { trailArn: `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`, digests: [], logs: [] };
  let previous: PreviousDigest | null = null;
  for (let period = 0; period < options.periods; period++) {
    const startTime = new Date(options.start.getTime() + period * periodMs);
    const endTime = new Date(startTime.getTime() + periodMs);
    const logFiles = [];
    for (let i = 0; i < options.logsPerPeriod; i++) {
      const at = new Date(startTime.getTime() + ((i + 1) * periodMs) / (options.logsPerPeriod + 1));
      const key = logFileKey({ prefix, accountId, region }, at, uniqueSuffix(files.trailArn, region, period, i, 0));
      const json = JSON.stringify({ Records: [{ eventVersion: '1.09', eventTime: at.toISOString().slice(0, 19) + 'Z', eventName: 'ListChannels', n: i }] });
      await store.putObject(bucket, key, gzipSync(json));
      logFiles.push({ bucket, key, sha256: sha256Hex(json), oldestEventTime: at, newestEventTime: at });
      files.logs.push(key);
    }
    const key = digestKey({ prefix, accountId, region, trailName, homeRegion: region, endTime });
    const signingKey = await options.signingKeys.signingKey(region, endTime);
    const signed = signDigest(
      buildDigest({ accountId, startTime, endTime, bucket, key, fingerprint: signingKey.fingerprint, previous, logFiles }),
      signingKey.privateKey,
    );
    await store.putObject(bucket, key, signed.body, { metadata: signed.metadata });
    files.digests.push(key);
    previous = { bucket, key, hash: sha256Hex(signed.uncompressed), signature: signed.signature };
  }
  return files;
}
