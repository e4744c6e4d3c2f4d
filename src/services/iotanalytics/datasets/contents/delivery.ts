// contentDeliveryRules: a copy of each succeeded version's file at a bucket
// and key of the user's choosing, with AWS's placeholders substituted
// (API_S3DestinationConfiguration): !{iotanalytics:scheduleTime},
// !{iotanalytics:versionId}, !{iotanalytics:creationTime}. The bucket is one
// of the server's (local, or remote as declared in the configuration). A
// delivery that cannot be made leaves the version SUCCEEDED with the reason
// in its status; IoT Events destinations are not supported (no IoT Events).
import type { DatasetContentDeliveryRule } from '@aws-sdk/client-iotanalytics';
import { BucketStoreError } from '../../../../storage/buckets/bucket-store.ts';
import type { Buckets } from '../../../../storage/buckets/buckets.ts';
import type { ContentEntry, DatasetContent } from './content-store.ts';
import type { ResultsBucket } from './results-bucket.ts';

/**
 * Times in keys as Athena prints timestamps, `2024-05-01 10:15:00.000` [I:
 * AWS documents the placeholders, not their format].
 */
export function keyTime(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export function deliveryKey(template: string, content: Pick<DatasetContent, 'versionId' | 'scheduleTime' | 'creationTime'>): string {
  return template
    .replaceAll('!{iotanalytics:scheduleTime}', keyTime(content.scheduleTime))
    .replaceAll('!{iotanalytics:creationTime}', keyTime(content.creationTime))
    .replaceAll('!{iotanalytics:versionId}', content.versionId);
}

/** Delivers the version's entries; resolves to the reasons of deliveries that could not be made. */
export async function deliverContent(
  buckets: Buckets,
  results: ResultsBucket,
  rules: readonly DatasetContentDeliveryRule[],
  content: DatasetContent,
  entries: readonly ContentEntry[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const rule of rules) {
    const iotEvents = rule.destination?.iotEventsDestinationConfiguration;
    if (iotEvents) {
      problems.push(`Delivery to the IoT Events input ${iotEvents.inputName} is not supported by Open IoT Analytics.`);
      continue;
    }
    const s3 = rule.destination!.s3DestinationConfiguration!;
    const entry = rule.entryName !== undefined ? entries.find((e) => e.entryName === rule.entryName) : entries[0];
    const key = deliveryKey(s3.key!, content);
    if (!entry) {
      problems.push(`Delivery to s3://${s3.bucket}/${key} failed: the version has no entry named ${rule.entryName}.`);
      continue;
    }
    try {
      const { body, info } = await results.read(entry.key);
      await buckets.storeFor(s3.bucket!).putObject(s3.bucket!, key, body, { contentType: info.contentType });
      if (s3.glueConfiguration) problems.push(`The file delivered to s3://${s3.bucket}/${key} was not registered in Glue (not supported).`);
    } catch (error) {
      if (!(error instanceof BucketStoreError)) throw error;
      problems.push(`Delivery to s3://${s3.bucket}/${key} failed: ${error.code}: ${error.message}`);
    }
  }
  return problems;
}
