// The walk of awscli 2.9's DigestTraverser (customizations/cloudtrail/
// validation.py), step for step: start at the newest digest listed in the
// range, verify it, follow previousDigestS3Object back through the chain, and
// where the chain is broken (a first digest after a stop, a missing or
// invalid digest) carry on with the next older digest of the listing. Each
// step is reported as an event, in the order awscli prints them.
import { DigestError, DigestProvider, digestKeyDate, invalidDigestFormat, digestSignatureError, type ValidatedTrail } from './digest-provider.ts';
import { displayDate, parseDate } from './dates.ts';
import { verifyDigestSignature } from '../digest.ts';
import { publicKeyFromDer } from '../keys/signing-key.ts';
import { ServiceCallError, type ValidationSources } from './sources.ts';
import { BucketStoreError } from '../../../storage/buckets/bucket-store.ts';

export interface DigestLogEntry {
  s3Bucket: string;
  s3Object: string;
  hashValue: string;
}

/** A digest whose signature verified, with the fields the report uses. */
export interface ValidDigest {
  digestS3Bucket: string;
  digestS3Object: string;
  digestStartTime: string;
  digestEndTime: string;
  logFiles: DigestLogEntry[];
}

export type TraversalEvent =
  | { kind: 'valid'; digest: ValidDigest }
  | { kind: 'invalid'; message: string }
  | { kind: 'missing'; bucket: string; key: string }
  /** The chain broke and an older digest exists: no logs were delivered between the two. */
  | { kind: 'gap'; nextEndDate: Date; lastStartDate: Date };

const REQUIRED_KEYS = ['digestPublicKeyFingerprint', 'digestS3Bucket', 'digestS3Object', 'previousDigestSignature', 'digestEndTime', 'digestStartTime'];

/** An error answered by the storage service other than NoSuchKey: awscli lets these abort the run. */
export function isServiceError(error: unknown): boolean {
  if (error instanceof BucketStoreError) return error.code !== 'NoSuchKey';
  return error instanceof ServiceCallError || (typeof error === 'object' && error !== null && '$metadata' in error);
}

const isNoSuchKey = (error: unknown) => error instanceof BucketStoreError && error.code === 'NoSuchKey';

export interface TraversalOptions {
  trail: ValidatedTrail;
  bucket: string;
  prefix?: string;
  start: Date;
  end: Date;
}

export async function* traverseDigests(sources: ValidationSources, options: TraversalOptions): AsyncGenerator<TraversalEvent> {
  const { trail, prefix, start } = options;
  const provider = new DigestProvider(sources, trail);
  let bucket = options.bucket;
  let digests = await provider.keysInRange(bucket, prefix, start, options.end);
  const publicKeys = await loadPublicKeys(sources, start, options.end);
  let [key, endDate] = lastDigest(digests);
  let lastStartDate = endDate;
  while (key && lastStartDate && start <= lastStartDate) {
    let next: { event?: TraversalEvent; found: [string | undefined, Date | undefined] };
    try {
      const digest = await loadAndValidate(provider, trail, publicKeys, bucket, key);
      endDate = parseDate(digest.digestEndTime);
      lastStartDate = parseDate(digest.digestStartTime);
      const previousBucket = digest.previousDigestS3Bucket;
      yield { kind: 'valid', digest };
      if (previousBucket === null || previousBucket === undefined) {
        const found = lastDigest(digests, key);
        [key, endDate] = found;
        if (key) yield { kind: 'gap', nextEndDate: endDate!, lastStartDate };
      } else {
        key = digest.previousDigestS3Object as string;
        if (previousBucket !== bucket) {
          bucket = previousBucket as string;
          digests = await provider.keysInRange(bucket, prefix, start, endDate);
        }
      }
      continue;
    } catch (error) {
      if (isNoSuchKey(error)) next = { event: { kind: 'missing', bucket, key: key! }, found: lastDigest(digests, key) };
      else if (isServiceError(error)) throw error;
      else if (error instanceof DigestError) next = { event: { kind: 'invalid', message: error.message }, found: lastDigest(digests, key) };
      else next = { event: { kind: 'invalid', message: `Digest file\ts3://${bucket}/${key}\tINVALID: ${(error as Error).message}` }, found: lastDigest(digests, key) };
    }
    [key, endDate] = next.found;
    yield next.event!;
  }
}

type Found = [string | undefined, Date | undefined];

/**
 * awscli's _get_last_digest: the newest listed digest, or the newest one dated
 * before `beforeKey`; consumes the list as it goes.
 */
function lastDigest(digests: string[], beforeKey?: string): Found {
  if (digests.length === 0) return [undefined, undefined];
  if (beforeKey === undefined) {
    const key = digests.pop()!;
    return [key, parseDate(digestKeyDate(key))];
  }
  const before = parseDate(digestKeyDate(beforeKey));
  while (digests.length > 0) {
    const key = digests.pop()!;
    const date = parseDate(digestKeyDate(key));
    if (date < before) return [key, date];
  }
  return [undefined, undefined];
}

async function loadPublicKeys(sources: ValidationSources, start: Date, end: Date): Promise<Map<string, Uint8Array>> {
  const keys = await sources.publicKeys(start, end);
  if (keys.length === 0) throw new Error(`No public keys found between ${displayDate(start)} and ${displayDate(end)}`);
  return new Map(keys.map((k) => [k.fingerprint, k.value]));
}

type DigestData = Record<string, unknown> & ValidDigest & { previousDigestS3Bucket?: unknown; previousDigestS3Object?: unknown };

async function loadAndValidate(
  provider: DigestProvider,
  trail: ValidatedTrail,
  publicKeys: Map<string, Uint8Array>,
  bucket: string,
  key: string,
): Promise<DigestData> {
  const { data, inflated, signature } = await provider.fetch(bucket, key);
  for (const required of REQUIRED_KEYS) if (!(required in data)) throw invalidDigestFormat(bucket, key);
  if (data.digestS3Bucket !== bucket || data.digestS3Object !== key) {
    throw new DigestError(`Digest file\ts3://${bucket}/${key}\tINVALID: has been moved from its original location`);
  }
  const fingerprint = String(data.digestPublicKeyFingerprint);
  const publicKey = publicKeys.get(fingerprint);
  if (!publicKey) {
    throw new DigestError(`Digest file\ts3://${bucket}/${key}\tINVALID: public key not found in region ${trail.homeRegion} for fingerprint ${fingerprint}`);
  }
  const document = data as DigestData & { previousDigestSignature: string | null };
  let valid: boolean;
  try {
    // awscli loads the key and unhexlifies the signature in one step: either failing reads as a bad key.
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(signature)) throw new Error('not hex');
    valid = verifyDigestSignature(document, inflated, signature, publicKeyFromDer(publicKey));
  } catch {
    throw new DigestError(`Digest file\ts3://${bucket}/${key}\tINVALID: Unable to load PKCS #1 key with fingerprint ${fingerprint}`);
  }
  if (!valid) throw digestSignatureError(bucket, key);
  return document;
}
