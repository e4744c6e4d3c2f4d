// Reading delivered CloudTrail log files and digest files back through an S3 client, checked
// as a consumer of AWS's files would: the key layout, one gzip member,
// {"Records":[…]} with every record valid against the record schema.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { CloudTrailRecord } from '../../src/audit/record.ts';
import { verifyDigestSignature, type DigestDocument } from '../../src/audit/integrity/digest.ts';
import { publicKeyFromDer } from '../../src/audit/integrity/keys/signing-key.ts';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { createApp, type App } from '../../src/app.ts';
import { DEFAULTS, type Config } from '../../src/config/schema.ts';
import type { ManualClock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { assertValidRecord } from './record-schema.ts';

export interface LogFile {
  key: string;
  /** The region and delivery minute the key names. */
  region: string;
  stamp: string;
  records: CloudTrailRecord[];
}

const KEY = /^(?:(.+)\/)?AWSLogs\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\2_CloudTrail_\3_(\4\5\6T\d{4}Z)_[A-Za-z0-9]{16}\.json\.gz$/;

/** The body of a gzip file that holds exactly one member (Node writes a 10-byte header without optional fields). */
export function gunzipSingleMember(bytes: Buffer): string {
  assert.deepEqual([...bytes.subarray(0, 4)], [0x1f, 0x8b, 8, 0], 'a plain gzip header');
  const { buffer, engine } = inflateRawSync(bytes.subarray(10), { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
  assert.equal(10 + engine.bytesWritten + 8, bytes.length, 'one gzip member and nothing after it');
  return buffer.toString('utf8');
}

/** Every log file under `prefix` of the bucket (digest files aside), in key order, checked. */
export async function readLogFiles(s3: S3Client, bucket: string, prefix = ''): Promise<LogFile[]> {
  const files: LogFile[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (object.Key!.includes('/CloudTrail-Digest/')) continue;
      const match = KEY.exec(object.Key!);
      assert.ok(match, `a CloudTrail log file key: ${object.Key}`);
      assert.equal(match[1] ?? '', prefix.replace(/\/$/, ''));
      const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
      const json = JSON.parse(gunzipSingleMember(Buffer.from(await body.Body!.transformToByteArray()))) as { Records: CloudTrailRecord[] };
      assert.deepEqual(Object.keys(json), ['Records']);
      assert.ok(json.Records.length > 0, 'no empty files');
      for (const record of json.Records) {
        assertValidRecord(record);
        assert.equal(record.awsRegion, match[3], 'a file holds the records of its region');
      }
      files.push({ key: object.Key!, region: match[3], stamp: match[7], records: json.Records });
    }
    token = page.NextContinuationToken;
  } while (token);
  return files;
}

/** Moves the clock on by `seconds` and runs the deliveries then due, once every buffered record is written. */
export async function deliverAfter(app: App, clock: ManualClock, seconds: number): Promise<void> {
  await app.settleAudit();
  clock.advance(seconds * 1000);
  await app.trailDelivery.runOnce();
}

/** The eventNames of the records of some files, in order. */
export const eventNames = (files: LogFile[]) => files.flatMap((f) => f.records.map((r) => r.eventName));

export interface DigestFile {
  key: string;
  document: DigestDocument;
  /** The uncompressed bytes, as signed. */
  uncompressed: Buffer;
  metadata: Record<string, string>;
}

/** Every digest file of `region` under `prefix` of the bucket, oldest first (keys sort by end time). */
export async function readDigests(s3: S3Client, bucket: string, region: string, prefix = ''): Promise<DigestFile[]> {
  const digests: DigestFile[] = [];
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  for (const object of listing.Contents ?? []) {
    if (!object.Key!.includes(`/CloudTrail-Digest/${region}/`)) continue;
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
    const uncompressed = Buffer.from(gunzipSingleMember(Buffer.from(await got.Body!.transformToByteArray())), 'utf8');
    digests.push({ key: object.Key!, document: JSON.parse(uncompressed.toString()) as DigestDocument, uncompressed, metadata: got.Metadata ?? {} });
  }
  return digests;
}

/**
 * Checks that the digests form chains: each is signed by one of `publicKeys`
 * (ListPublicKeys' Value), names where it is, starts where the previous ended
 * and carries its hash and signature; a digest with null previous* fields
 * starts a new chain. Returns the chains, oldest first.
 */
export function assertChains(digests: DigestFile[], bucket: string, publicKeys: { Fingerprint?: string; Value?: Uint8Array }[]): DigestFile[][] {
  const chains: DigestFile[][] = [];
  for (const digest of digests) {
    const { document: d } = digest;
    assert.equal(d.digestS3Bucket, bucket);
    assert.equal(d.digestS3Object, digest.key);
    assert.equal(digest.metadata['signature-algorithm'], 'SHA256withRSA');
    const key = publicKeys.find((k) => k.Fingerprint === d.digestPublicKeyFingerprint);
    assert.ok(key, `the key ${d.digestPublicKeyFingerprint} is listed`);
    assert.ok(verifyDigestSignature(d, digest.uncompressed, digest.metadata.signature!, publicKeyFromDer(key.Value!)), `${digest.key} is signed`);
    const previous = chains.at(-1)?.at(-1);
    if (d.previousDigestS3Object === null) {
      assert.deepEqual([d.previousDigestS3Bucket, d.previousDigestHashValue, d.previousDigestHashAlgorithm, d.previousDigestSignature], [null, null, null, null]);
      chains.push([digest]);
      continue;
    }
    assert.ok(previous, `${digest.key} follows a digest`);
    assert.equal(d.previousDigestS3Object, previous.key);
    assert.equal(d.previousDigestS3Bucket, bucket);
    assert.equal(d.previousDigestHashValue, createHash('sha256').update(previous.uncompressed).digest('hex'));
    assert.equal(d.previousDigestSignature, previous.metadata.signature);
    assert.equal(d.digestStartTime, previous.document.digestEndTime, 'no period skipped');
    chains.at(-1)!.push(digest);
  }
  return chains;
}

/** The log file keys the digests list, in order. */
export const listedLogs = (digests: DigestFile[]) => digests.flatMap((d) => d.document.logFiles.map((f) => f.s3Object));

/** Moves the clock on by `seconds`, then runs the deliveries and the digests then due. */
export async function digestAfter(app: App, clock: ManualClock, seconds: number): Promise<void> {
  await deliverAfter(app, clock, seconds);
  await app.trailDigests.runOnce();
}

/** Apps opened by openTrailApp and not closed yet (a listening server keeps the process alive). */
const openApps = new Set<App>();

export interface TrailApp {
  app: App;
  ct: CloudTrailClient;
  iota: IoTAnalyticsClient;
  s3: S3Client;
  close(): Promise<void>;
}

/**
 * An app on `dataDir` (kept across restarts, for tests of durability) with
 * official clients for it. The clients sign at the manual clock's time, so the
 * clock may move further than SigV4's 15 minutes of skew.
 */
export async function openTrailApp(dataDir: string, clock: ManualClock, trails: Partial<Config['trails']> = {}): Promise<TrailApp> {
  const config: Config = { ...DEFAULTS, port: 0, dataDir, logLevel: 'silent', trails: { ...DEFAULTS.trails, ...trails } };
  const app = await createApp({ config, clock, logger: createLogger('silent') });
  openApps.add(app);
  const { url } = await app.listen();
  const client = () => ({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: app.account.rootAccessKeyId, secretAccessKey: app.account.rootSecretAccessKey },
    maxAttempts: 1,
    systemClockOffset: clock.now().getTime() - Date.now(),
  });
  return {
    app,
    get ct() {
      return new CloudTrailClient(client());
    },
    get iota() {
      return new IoTAnalyticsClient(client());
    },
    get s3() {
      return new S3Client({ ...client(), forcePathStyle: true });
    },
    close: async () => {
      openApps.delete(app);
      await app.close();
    },
  };
}

/** Closes the apps a failed test left open. */
async function closeTrailApps(): Promise<void> {
  for (const app of openApps) await app.close();
  openApps.clear();
}

/**
 * For a describe block of apps on disk (openTrailApp): makes a fresh data
 * directory per call. After the block, the apps a failed test left open are
 * closed and the directories removed.
 */
export function trailDataDirs(prefix: string): () => string {
  const dirs: string[] = [];
  after(async () => {
    await closeTrailApps();
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** A gate a stubbed call waits at: it awaits `arrive()`, which resolves `reached` and then waits for `open()`. */
export function gate(): { arrive(): Promise<void>; reached: Promise<void>; open(): void } {
  let arrived!: () => void;
  let opened!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const passed = new Promise<void>((resolve) => (opened = resolve));
  return {
    arrive: () => {
      arrived();
      return passed;
    },
    reached,
    open: () => opened(),
  };
}

/** Runs `body` with `target[method]` replaced by `replacement`, then puts the original back. */
export async function withReplaced<T extends object, K extends keyof T>(target: T, method: K, replacement: T[K], body: () => Promise<void>): Promise<void> {
  const original = target[method];
  target[method] = replacement;
  try {
    await body();
  } finally {
    target[method] = original;
  }
}

type PutObject = App['buckets']['local']['putObject'];

/** Runs `body` with the local bucket store's puts going through `wrap`, which is given the bucket and the real put. */
export function withPutObject(app: App, wrap: (bucket: string, put: () => ReturnType<PutObject>) => ReturnType<PutObject>, body: () => Promise<void>): Promise<void> {
  const store = app.buckets.local;
  const put = store.putObject;
  return withReplaced<typeof store, 'putObject'>(store, 'putObject', (bucket, ...rest) => wrap(bucket, () => put.call(store, bucket, ...rest)), body);
}
