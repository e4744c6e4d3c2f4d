// Finding and reading a trail's digests in a bucket, as awscli 2.9's
// DigestProvider does (customizations/cloudtrail/validation.py): list after
// the key a digest ending one minute before start-time would have, keep the
// trail's digests by name, and stop at the first one dated after end + 1 h.
import { buffer } from 'node:stream/consumers';
import { gunzipSync } from 'node:zlib';
import { compactSeconds, digestKey } from '../layout.ts';
import type { ValidationSources } from './sources.ts';

/** The line a failed digest reports, e.g. `Digest file\ts3://b/k\tINVALID: invalid format`. */
export class DigestError extends Error {}

export const invalidDigestFormat = (bucket: string, key: string) => new DigestError(`Digest file\ts3://${bucket}/${key}\tINVALID: invalid format`);
export const digestSignatureError = (bucket: string, key: string) =>
  new DigestError(`Digest file\ts3://${bucket}/${key}\tINVALID: signature verification failed`);

export interface ValidatedTrail {
  accountId: string;
  trailName: string;
  homeRegion: string;
  /** The Region whose digests are walked (the CLI's Region). */
  sourceRegion: string;
}

export interface FetchedDigest {
  /** The parsed JSON; an object whose fields are checked by the walk. */
  data: Record<string, unknown>;
  /** The inflated bytes, which the signature's hash covers. */
  inflated: Buffer;
  signature: string;
  signatureAlgorithm: string;
}

/** awscli: `digest_s3_key[-24:-8]`, the YYYYMMDDTHHMMSSZ of the name. */
export const digestKeyDate = (key: string): string => key.slice(-24, -8);

// Strict, as Python's bytes.decode(): invalid UTF-8 is an invalid format.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\\-]/g, '\\$&');

export class DigestProvider {
  constructor(
    private readonly sources: ValidationSources,
    private readonly trail: ValidatedTrail,
  ) {}

  async keysInRange(bucket: string, prefix: string | undefined, start: Date, end: Date): Promise<string[]> {
    const { accountId, trailName, homeRegion, sourceRegion } = this.trail;
    // One minute earlier, so that a digest ending exactly at start-time is listed.
    const marker = digestKey({ prefix, accountId, region: sourceRegion, trailName, homeRegion, endTime: new Date(start.getTime() - 60_000) });
    const targetStart = compactSeconds(start);
    // An hour later, for the digest that covers logs delivered just before end-time.
    const targetEnd = compactSeconds(new Date(end.getTime() + 60 * 60 * 1000));
    const pattern = new RegExp(
      `^${prefix ? `${escape(prefix)}/` : ''}AWSLogs/${escape(accountId)}/CloudTrail\\-Digest/${escape(sourceRegion)}/\\d+/\\d+/\\d+/` +
        `${escape(accountId)}_CloudTrail\\-Digest_${escape(sourceRegion)}_${escape(trailName)}_${escape(homeRegion)}_.+\\.json\\.gz$`,
    );
    const store = this.sources.storeFor(bucket);
    const digests: string[] = [];
    let after: string | undefined = marker;
    while (after !== undefined) {
      const page = await store.listObjects(bucket, { startAfter: after });
      for (const { key } of page.objects) {
        if (!pattern.test(key)) continue;
        // Names sort by date within the trail's folder: the first one past the end ends the listing.
        const date = digestKeyDate(key);
        if (date > targetEnd) return digests;
        if (date >= targetStart) digests.push(key);
      }
      after = page.isTruncated ? page.nextMarker : undefined;
    }
    return digests;
  }

  async fetch(bucket: string, key: string): Promise<FetchedDigest> {
    const { info, body } = await this.sources.storeFor(bucket).getObject(bucket, key);
    const compressed = await buffer(body);
    let inflated: Buffer;
    let data: unknown;
    try {
      inflated = gunzipSync(compressed);
      data = JSON.parse(UTF8.decode(inflated));
    } catch {
      throw invalidDigestFormat(bucket, key);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalidDigestFormat(bucket, key);
    const { signature, 'signature-algorithm': signatureAlgorithm } = info.metadata;
    if (signature === undefined || signatureAlgorithm === undefined) throw digestSignatureError(bucket, key);
    return { data: data as Record<string, unknown>, inflated, signature, signatureAlgorithm };
  }
}
