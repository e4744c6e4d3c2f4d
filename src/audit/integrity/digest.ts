// The digest file (reference §6.2–6.4): a JSON document listing the log files
// delivered in one period with their SHA-256, chained to the previous digest
// by its signature, and signed SHA256withRSA over a four-line string. The
// signature travels in the object's metadata, not in the body, so the hash in
// the string-to-sign covers exactly the bytes that are gzipped and uploaded:
// serialize once, then sign and store those bytes.
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { isoSeconds } from '../time.ts';

export const HASH_ALGORITHM = 'SHA-256';
export const SIGNATURE_ALGORITHM = 'SHA256withRSA';

/** One delivered log file, as the digest lists it. */
export interface DigestLogFile {
  s3Bucket: string;
  s3Object: string;
  /** Lowercase hex SHA-256 of the uncompressed log file. */
  hashValue: string;
  hashAlgorithm: typeof HASH_ALGORITHM;
  newestEventTime: string;
  oldestEventTime: string;
}

/** What the previous digest of the chain contributes; all null in the first digest. */
export interface PreviousDigest {
  bucket: string;
  key: string;
  /** Hex SHA-256 of the previous digest's uncompressed bytes. */
  hash: string;
  /** Hex signature of the previous digest. */
  signature: string;
}

/** Field order as in AWS's documented example. */
export interface DigestDocument {
  awsAccountId: string;
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  digestPublicKeyFingerprint: string;
  digestSignatureAlgorithm: typeof SIGNATURE_ALGORITHM;
  newestEventTime: string | null;
  oldestEventTime: string | null;
  previousDigestS3Bucket: string | null;
  previousDigestS3Object: string | null;
  previousDigestHashValue: string | null;
  previousDigestHashAlgorithm: typeof HASH_ALGORITHM | null;
  previousDigestSignature: string | null;
  logFiles: DigestLogFile[];
}

export interface DigestLogInput {
  bucket: string;
  key: string;
  sha256: string;
  oldestEventTime: Date;
  newestEventTime: Date;
}

export interface DigestInput {
  accountId: string;
  startTime: Date;
  endTime: Date;
  bucket: string;
  key: string;
  fingerprint: string;
  previous: PreviousDigest | null;
  logFiles: DigestLogInput[];
}

export function buildDigest(input: DigestInput): DigestDocument {
  const { previous, logFiles } = input;
  const oldest = logFiles.reduce<Date | undefined>((min, f) => (!min || f.oldestEventTime < min ? f.oldestEventTime : min), undefined);
  const newest = logFiles.reduce<Date | undefined>((max, f) => (!max || f.newestEventTime > max ? f.newestEventTime : max), undefined);
  return {
    awsAccountId: input.accountId,
    digestStartTime: isoSeconds(input.startTime),
    digestEndTime: isoSeconds(input.endTime),
    digestS3Bucket: input.bucket,
    digestS3Object: input.key,
    digestPublicKeyFingerprint: input.fingerprint,
    digestSignatureAlgorithm: SIGNATURE_ALGORITHM,
    // An empty period still gets a digest, with null event times (§6.2).
    newestEventTime: newest ? isoSeconds(newest) : null,
    oldestEventTime: oldest ? isoSeconds(oldest) : null,
    previousDigestS3Bucket: previous?.bucket ?? null,
    previousDigestS3Object: previous?.key ?? null,
    previousDigestHashValue: previous?.hash ?? null,
    previousDigestHashAlgorithm: previous ? HASH_ALGORITHM : null,
    previousDigestSignature: previous?.signature ?? null,
    logFiles: logFiles.map((f) => ({
      s3Bucket: f.bucket,
      s3Object: f.key,
      hashValue: f.sha256,
      hashAlgorithm: HASH_ALGORITHM,
      newestEventTime: isoSeconds(f.newestEventTime),
      oldestEventTime: isoSeconds(f.oldestEventTime),
    })),
  };
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * `<digestEndTime>\n<bucket>/<key>\n<hex SHA-256 of the uncompressed digest>\n<previous signature>`,
 * no trailing newline; the first digest's last line is the four characters
 * `null`, as AWS's Java implementation writes it (awscli validation.py).
 */
export function stringToSign(
  document: Pick<DigestDocument, 'digestEndTime' | 'digestS3Bucket' | 'digestS3Object' | 'previousDigestSignature'>,
  uncompressed: Uint8Array,
): Buffer {
  const previous = document.previousDigestSignature ?? 'null';
  return Buffer.from(
    `${document.digestEndTime}\n${document.digestS3Bucket}/${document.digestS3Object}\n${sha256Hex(uncompressed)}\n${previous}`,
    'utf8',
  );
}

/** A digest ready to be stored: the gzip body and the metadata that carries its signature. */
export interface SignedDigest {
  document: DigestDocument;
  /** The serialized JSON: what the hash and the next digest's previousDigestHashValue cover. */
  uncompressed: Buffer;
  /** One gzip member (validators' streaming inflaters stop after the first). */
  body: Buffer;
  /** Lowercase hex. */
  signature: string;
  /** S3 user metadata: x-amz-meta-signature and x-amz-meta-signature-algorithm. */
  metadata: { signature: string; 'signature-algorithm': typeof SIGNATURE_ALGORITHM };
}

/** Serializes once, signs RSASSA-PKCS1-v1_5 with SHA-256 (Java's SHA256withRSA). */
export function signDigest(document: DigestDocument, privateKey: KeyObject): SignedDigest {
  const uncompressed = Buffer.from(JSON.stringify(document), 'utf8');
  const signature = sign('sha256', stringToSign(document, uncompressed), privateKey).toString('hex');
  return {
    document,
    uncompressed,
    body: gzipSync(uncompressed),
    signature,
    metadata: { signature, 'signature-algorithm': SIGNATURE_ALGORITHM },
  };
}

/**
 * Whether `signatureHex` signs this digest. The caller must still check that
 * the key is the one the digest's fingerprint names and was valid at its time,
 * and that the digest was read from the bucket and key it names.
 */
export function verifyDigestSignature(
  document: Pick<DigestDocument, 'digestEndTime' | 'digestS3Bucket' | 'digestS3Object' | 'previousDigestSignature'>,
  uncompressed: Uint8Array,
  signatureHex: string,
  publicKey: KeyObject,
): boolean {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(signatureHex)) return false;
  return verify('sha256', stringToSign(document, uncompressed), publicKey, Buffer.from(signatureHex, 'hex'));
}
