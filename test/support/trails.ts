// Reading delivered CloudTrail log files back through an S3 client, checked
// as a consumer of AWS's files would: the key layout, one gzip member,
// {"Records":[…]} with every record valid against the record schema.
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { CloudTrailRecord } from '../../src/audit/record.ts';
import type { App } from '../../src/app.ts';
import type { ManualClock } from '../../src/lib/clock.ts';
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

/** Every log file under `prefix` of the bucket, in key order, checked. */
export async function readLogFiles(s3: S3Client, bucket: string, prefix = ''): Promise<LogFile[]> {
  const files: LogFile[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
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
