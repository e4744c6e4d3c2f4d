// oia events lookup|download|tail: the event history of a server, read through
// its signed CloudTrail API (LookupEvents) like any other client.
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { LookupAttribute, LookupAttributeKey } from '@aws-sdk/client-cloudtrail';
import { LOOKUP_ATTRIBUTE_KEYS } from '../audit/event-store/event-store.ts';
import { cloudTrailClient, lookupAll, type LookupFilter } from './events/client.ts';
import { csv, line, recordsJson, render } from './events/format.ts';
import { tail } from './events/tail.ts';

const USAGE = `usage: oia events lookup   [filters] [--max-results N] [--output table|json|csv]
       oia events download [filters] --format csv|json
       oia events tail     [--lookup-attribute Key=K,Value=V] [--output table|json] [--interval MS]

  lookup     prints the newest events (default 50) matching the filters
  download   prints every event matching the filters, as the console's download:
             CSV, or JSON {"Records":[...]}
  tail       prints events as they are recorded, until interrupted

filters:
  --lookup-attribute Key=K,Value=V   K is one of ${LOOKUP_ATTRIBUTE_KEYS.join(', ')}
  --start-time T, --end-time T       ISO-8601 (2024-05-01T12:00:00Z) or epoch seconds; inclusive

connection:
  --endpoint-url URL   the server (default http://127.0.0.1:8686)
  --region R           (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)
  --data-dir DIR       use the root key of the server's data directory; otherwise
                       AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else ./oia-data
`;

export interface EventsIo {
  out: Writable;
  env: NodeJS.ProcessEnv;
  /** Stops `tail` (SIGINT when run from the shell). */
  signal?: AbortSignal;
}

export async function eventsCommand(args: string[], io: EventsIo = { out: process.stdout, env: process.env }): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      'lookup-attribute': { type: 'string' },
      'start-time': { type: 'string' },
      'end-time': { type: 'string' },
      'max-results': { type: 'string' },
      output: { type: 'string' },
      format: { type: 'string' },
      interval: { type: 'string' },
      'endpoint-url': { type: 'string' },
      region: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const help = values.help || sub === '--help' || sub === 'help';
  if (help || !sub || !['lookup', 'download', 'tail'].includes(sub)) {
    (help ? io.out : process.stderr).write(USAGE);
    return help ? 0 : 2;
  }
  const filter: LookupFilter = {
    attribute: values['lookup-attribute'] === undefined ? undefined : parseAttribute(values['lookup-attribute']),
    startTime: values['start-time'] === undefined ? undefined : parseTime(values['start-time'], '--start-time'),
    endTime: values['end-time'] === undefined ? undefined : parseTime(values['end-time'], '--end-time'),
  };
  const client = cloudTrailClient({
    endpointUrl: values['endpoint-url'] ?? 'http://127.0.0.1:8686',
    region: values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    dataDir: values['data-dir'],
    env: io.env,
  });
  try {
    if (sub === 'lookup') {
      const events = await lookupAll(client, filter, positive(values['max-results'] ?? '50', '--max-results'));
      io.out.write(render(events, choice(values.output ?? 'table', ['table', 'json', 'csv'], '--output')));
    } else if (sub === 'download') {
      const format = choice(values.format ?? 'csv', ['csv', 'json'], '--format');
      const events = await lookupAll(client, filter);
      io.out.write(format === 'csv' ? csv(events) : recordsJson(events));
    } else {
      const format = choice(values.output ?? 'table', ['table', 'json'], '--output');
      const signal = io.signal ?? interruption();
      await tail(client, {
        filter: { attribute: filter.attribute },
        intervalMs: positive(values.interval ?? '1000', '--interval'),
        print: (event) => io.out.write(format === 'json' ? `${event.CloudTrailEvent}\n` : line(event)),
        signal,
      });
    }
    return 0;
  } finally {
    client.destroy();
  }
}

/** Key=EventName,Value=CreateChannel */
function parseAttribute(text: string): LookupAttribute {
  const m = /^Key=([^,]+),Value=(.*)$/s.exec(text);
  if (!m) throw new Error(`--lookup-attribute must look like Key=EventName,Value=CreateChannel, got '${text}'`);
  return { AttributeKey: m[1] as LookupAttributeKey, AttributeValue: m[2] };
}

function parseTime(text: string, flag: string): Date {
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`${flag} must be ISO-8601 or epoch seconds, got '${text}'`);
  return new Date(ms);
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive whole number, got '${text}'`);
  return n;
}

function choice<T extends string>(text: string, allowed: T[], flag: string): T {
  if (!allowed.includes(text as T)) throw new Error(`${flag} must be one of ${allowed.join(', ')}, got '${text}'`);
  return text as T;
}

function interruption(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  return controller.signal;
}
