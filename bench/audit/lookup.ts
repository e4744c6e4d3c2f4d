// (c) LookupEvents with millions of stored events: per lookup attribute,
// p50/p99 of the event store's lookup (what the database does) and of the
// whole LookupEvents call through the SDK (HTTP, SigV4, JSON included).
// Half the queries ask for the newest page, half for a random one-day window.
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import type { EventStore, LookupAttributeKey, LookupQuery } from '../../src/audit/event-store/event-store.ts';
import { accessKey, NAMES_PER_KIND, OPERATIONS, REGIONS, SESSIONS, USERS, type Generated } from './generate.ts';

const DAY = 24 * 60 * 60 * 1000;
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

type Attribute = LookupAttributeKey | 'none';
export const ATTRIBUTES: Attribute[] = ['none', 'EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];

function query(attribute: Attribute, generated: Generated): LookupQuery {
  const sample = pick(generated.samples);
  const region = attribute === 'EventId' ? sample.region : pick(REGIONS);
  const value: Record<LookupAttributeKey, () => string> = {
    EventId: () => sample.eventId,
    EventName: () => pick(OPERATIONS),
    ReadOnly: () => pick(['true', 'false']),
    Username: () => pick([...USERS, ...SESSIONS, 'root']),
    ResourceType: () => `AWS::IoTAnalytics::${pick(['Channel', 'Datastore', 'Pipeline', 'Dataset'])}`,
    ResourceName: () => `${pick(['channel', 'datastore', 'pipeline', 'dataset'])}_${Math.floor(Math.random() * NAMES_PER_KIND)}`,
    EventSource: () => pick(['iotanalytics.amazonaws.com', 'cloudtrail.amazonaws.com']),
    AccessKeyId: () => (Math.random() < 0.3 ? 'AKIAROOTROOTROOTROOT' : accessKey(pick([...USERS, ...SESSIONS]))),
  };
  const windowed = Math.random() < 0.5;
  const start = generated.first.getTime() + Math.random() * (generated.last.getTime() - generated.first.getTime() - DAY);
  return {
    region,
    attribute: attribute === 'none' ? undefined : { key: attribute, value: value[attribute]() },
    startTime: windowed ? new Date(start) : undefined,
    endTime: windowed ? new Date(start + DAY) : undefined,
    limit: 50,
  };
}

export async function storeLookups(store: EventStore, generated: Generated, perAttribute: number): Promise<Map<Attribute, number[]>> {
  const timings = new Map<Attribute, number[]>();
  for (const attribute of ATTRIBUTES) {
    const samples: number[] = [];
    for (let i = 0; i < perAttribute; i++) {
      const q = query(attribute, generated);
      const began = performance.now();
      const page = await store.lookup(q);
      samples.push(performance.now() - began);
      if (attribute === 'EventId' && q.startTime === undefined && page.records.length !== 1) throw new Error(`EventId ${q.attribute!.value} not found`);
    }
    timings.set(attribute, samples);
  }
  return timings;
}

export async function apiLookups(clientConfig: object, generated: Generated, perAttribute: number): Promise<Map<Attribute, number[]>> {
  const clients = new Map<string, CloudTrailClient>();
  const client = (region: string) => {
    if (!clients.has(region)) clients.set(region, new CloudTrailClient({ ...clientConfig, region }));
    return clients.get(region)!;
  };
  const timings = new Map<Attribute, number[]>();
  for (const attribute of ATTRIBUTES) {
    const samples: number[] = [];
    for (let i = 0; i < perAttribute; i++) {
      const q = query(attribute, generated);
      const input: LookupEventsCommandInput = {
        LookupAttributes: q.attribute && [{ AttributeKey: q.attribute.key, AttributeValue: q.attribute.value }],
        StartTime: q.startTime,
        EndTime: q.endTime,
        MaxResults: q.limit,
      };
      const began = performance.now();
      await client(q.region).send(new LookupEventsCommand(input));
      samples.push(performance.now() - began);
    }
    timings.set(attribute, samples);
  }
  for (const c of clients.values()) c.destroy();
  return timings;
}
