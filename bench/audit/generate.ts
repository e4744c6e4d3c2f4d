// Fills an event store with synthetic but realistic CloudTrail records
// (~800-byte records, 89 days of history, three regions, 10% data events),
// straight through EventStore.append and index in large transactions.
import { randomUUID } from 'node:crypto';
import { newEventId } from '../../src/audit/event-id.ts';
import type { EventStore } from '../../src/audit/event-store/event-store.ts';
import type { CloudTrailRecord } from '../../src/audit/record.ts';
import type { UserIdentity } from '../../src/audit/user-identity.ts';
import type { Database } from '../../src/storage/db/database.ts';

const ACCOUNT = '123456789012';
const DAY = 24 * 60 * 60 * 1000;
export const REGIONS = ['us-east-1', 'us-east-1', 'us-east-1', 'us-east-1', 'us-east-1', 'us-east-1', 'us-east-1', 'us-east-1', 'eu-west-1', 'ap-southeast-2'];
const KINDS = [
  ['channel', 'Channel'],
  ['datastore', 'Datastore'],
  ['pipeline', 'Pipeline'],
  ['dataset', 'Dataset'],
] as const;
// Operations by how often they are called (repeats weigh them); reads dominate.
export const OPERATIONS = [
  ...Array(8).fill('DescribeChannel'), ...Array(6).fill('DescribeDatastore'), ...Array(6).fill('DescribePipeline'), ...Array(6).fill('DescribeDataset'),
  ...Array(6).fill('ListChannels'), ...Array(4).fill('ListDatasets'), ...Array(4).fill('GetDatasetContent'), ...Array(4).fill('LookupEvents'),
  'CreateChannel', 'CreateDatastore', 'CreatePipeline', 'CreateDataset', 'UpdateChannel', 'UpdatePipeline', 'UpdateDataset',
  'DeleteChannel', 'DeleteDataset', 'CreateDatasetContent', 'SampleChannelData', 'RunPipelineActivity', 'StartPipelineReprocessing',
  'CancelPipelineReprocessing', 'PutLoggingOptions', 'DescribeLoggingOptions', 'TagResource', 'ListTagsForResource',
] as string[];
export const USERS = Array.from({ length: 50 }, (_, i) => `user${i}`);
export const SESSIONS = Array.from({ length: 20 }, (_, i) => `session${i}`);
export const NAMES_PER_KIND = 5000;

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

function identity(): UserIdentity {
  const r = Math.random();
  if (r < 0.3) return { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: 'AKIAROOTROOTROOTROOT' };
  if (r < 0.8) {
    const user = pick(USERS);
    return { type: 'IAMUser', principalId: `AIDA${user.toUpperCase().padEnd(17, 'X')}`, arn: `arn:aws:iam::${ACCOUNT}:user/${user}`, accountId: ACCOUNT, accessKeyId: accessKey(user), userName: user };
  }
  const session = pick(SESSIONS);
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEROLEID0001:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Operator/${session}`,
    accountId: ACCOUNT,
    accessKeyId: accessKey(session),
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEROLEID0001', arn: `arn:aws:iam::${ACCOUNT}:role/Operator`, accountId: ACCOUNT, userName: 'Operator' },
      attributes: { creationDate: '2024-05-01T11:00:00Z', mfaAuthenticated: 'false' },
    },
  };
}

export function accessKey(who: string): string {
  return `AKIA${who.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(16, 'Q')}`.slice(0, 20);
}

function record(time: number): CloudTrailRecord {
  const region = pick(REGIONS);
  const data = Math.random() < 0.1;
  const eventName = data ? 'BatchPutMessage' : pick(OPERATIONS);
  const readOnly = /^(Describe|Get|List|Lookup|Sample)/.test(eventName);
  const [kind, type] = pick(KINDS);
  const name = `${kind}_${Math.floor(Math.random() * NAMES_PER_KIND)}`;
  const addressed = !/^(List|Lookup|PutLogging|DescribeLogging)/.test(eventName);
  const arn = `arn:aws:iotanalytics:${region}:${ACCOUNT}:${data ? 'channel' : kind}/${name}`;
  return {
    eventVersion: '1.09',
    userIdentity: identity(),
    eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: eventName === 'LookupEvents' ? 'cloudtrail.amazonaws.com' : 'iotanalytics.amazonaws.com',
    eventName,
    awsRegion: region,
    sourceIPAddress: `10.0.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
    userAgent: 'aws-cli/2.9.19 Python/3.11.2 Linux/6.1.0 source/x86_64.debian.12 prompt/off command/iotanalytics',
    ...(Math.random() < 0.03 && { errorCode: 'ResourceNotFoundException', errorMessage: `A resource with the name ${name} cannot be found.` }),
    requestParameters: addressed ? { [`${kind}Name`]: name } : null,
    responseElements: readOnly || !addressed ? null : { [`${kind}Name`]: name, [`${kind}Arn`]: arn },
    requestID: randomUUID(),
    eventID: newEventId(new Date(time)),
    readOnly,
    ...(addressed && { resources: [{ ARN: arn, accountId: ACCOUNT, type: `AWS::IoTAnalytics::${data ? 'Channel' : type}` }] }),
    eventType: 'AwsApiCall',
    managementEvent: !data,
    recipientAccountId: ACCOUNT,
    eventCategory: data ? 'Data' : 'Management',
  };
}

export interface Generated {
  /** Management events kept as EventId lookup samples. */
  samples: { eventId: string; region: string }[];
  first: Date;
  last: Date;
}

/** Appends `count` records spread evenly over the 89 days before `end`, oldest first. */
export async function generate(db: Database, store: EventStore, count: number, end: Date, progress: (done: number) => void): Promise<Generated> {
  const first = end.getTime() - 89 * DAY;
  const step = (end.getTime() - first) / count;
  const samples: Generated['samples'] = [];
  const batch = 5000;
  for (let done = 0; done < count; done += batch) {
    const records: CloudTrailRecord[] = [];
    for (let i = done; i < Math.min(count, done + batch); i++) {
      const r = record(first + i * step);
      if (i % 1000 === 0 && r.eventCategory === 'Management') samples.push({ eventId: r.eventID, region: r.awsRegion });
      records.push(r);
    }
    // As the recorder does: append, then index what was appended.
    await db.transaction(async (tx) => {
      await store.append(tx, records);
      await store.index(tx);
    });
    progress(Math.min(count, done + batch));
  }
  return { samples, first: new Date(first), last: end };
}
