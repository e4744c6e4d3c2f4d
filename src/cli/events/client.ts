// The CloudTrail client `oia events` uses: the server's signed API, like any
// other client, with credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
// (and AWS_SESSION_TOKEN) or the root key in <data-dir>/account.json.
import { CloudTrailClient, LookupEventsCommand, type Event, type LookupAttribute, type LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
import { readAccount } from '../../identity/account.ts';

export interface ClientOptions {
  endpointUrl: string;
  region: string;
  /** Read the root key from here instead of the environment. */
  dataDir?: string;
  env: NodeJS.ProcessEnv;
}

export interface LookupFilter {
  attribute?: LookupAttribute;
  startTime?: Date;
  endTime?: Date;
}

export function cloudTrailClient(options: ClientOptions): CloudTrailClient {
  return new CloudTrailClient({ endpoint: options.endpointUrl, region: options.region, credentials: credentials(options), maxAttempts: 3 });
}

/** AWS_* from the environment, or the root key of a server's data directory. */
export function credentials({ dataDir, env }: Pick<ClientOptions, 'dataDir' | 'env'>): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  if (dataDir === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined };
  }
  const dir = dataDir ?? env.OIA_DATA_DIR ?? './oia-data';
  const account = readAccount(dir);
  if (!account) throw new Error(`no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --data-dir of a server (no account.json in ${dir})`);
  return { accessKeyId: account.rootAccessKeyId, secretAccessKey: account.rootSecretAccessKey };
}

/** One LookupEvents call. */
function lookupPage(client: CloudTrailClient, filter: LookupFilter, maxResults: number, nextToken?: string): Promise<LookupEventsCommandOutput> {
  return client.send(
    new LookupEventsCommand({
      LookupAttributes: filter.attribute ? [filter.attribute] : undefined,
      StartTime: filter.startTime,
      EndTime: filter.endTime,
      MaxResults: maxResults,
      NextToken: nextToken,
    }),
  );
}

/**
 * Events matching the filter, newest first, page after page until `limit`
 * (or all); `onRequest` learns the request id of each LookupEvents call.
 */
export async function lookupAll(client: CloudTrailClient, filter: LookupFilter, limit = Infinity, onRequest?: (requestId: string) => void): Promise<Event[]> {
  const events: Event[] = [];
  let token: string | undefined;
  do {
    const page = await lookupPage(client, filter, Math.min(50, limit - events.length), token);
    if (page.$metadata.requestId) onRequest?.(page.$metadata.requestId);
    events.push(...(page.Events ?? []));
    token = page.NextToken;
  } while (token && events.length < limit);
  return events;
}
