// Reading the audit trail back through the official CloudTrail client.
import { LookupEventsCommand, type CloudTrailClient, type Event, type LookupAttributeKey } from '@aws-sdk/client-cloudtrail';
import type { CloudTrailRecord } from '../../src/audit/record.ts';
import { eventually } from './eventually.ts';

export async function lookup(client: CloudTrailClient, key?: LookupAttributeKey, value?: string): Promise<Event[]> {
  const { Events } = await client.send(
    new LookupEventsCommand({ LookupAttributes: key ? [{ AttributeKey: key, AttributeValue: value }] : undefined }),
  );
  return Events ?? [];
}

/** The record of the call that was answered with `requestId`, once LookupEvents returns it. */
export function recordOf(client: CloudTrailClient, eventName: string, requestId: string): Promise<{ event: Event; record: CloudTrailRecord }> {
  return eventually(async () => {
    for (const event of await lookup(client, 'EventName', eventName)) {
      const record = JSON.parse(event.CloudTrailEvent!) as CloudTrailRecord;
      if (record.requestID === requestId) return { event, record };
    }
    return undefined;
  }, `the ${eventName} record of request ${requestId}`, { timeoutMs: 5_000, intervalMs: 20 });
}
