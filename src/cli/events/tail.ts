// `oia events tail`: prints events as they are recorded, oldest first, by
// polling LookupEvents. Each poll re-reads a few seconds before the newest
// event seen, because read-only calls are recorded a few milliseconds after
// their response and may arrive with an earlier eventTime than one already
// printed; event ids already printed are skipped. The LookupEvents calls of
// the tail itself are recorded too, and are not printed.
import { ThrottlingException, type CloudTrailClient, type Event } from '@aws-sdk/client-cloudtrail';
import { lookupAll, type LookupFilter } from './client.ts';

const OVERLAP_MS = 5000;

export interface TailOptions {
  filter: Omit<LookupFilter, 'startTime' | 'endTime'>;
  intervalMs: number;
  print(event: Event): void;
  signal: AbortSignal;
}

export async function tail(client: CloudTrailClient, options: TailOptions): Promise<void> {
  /** Request ids of this tail's LookupEvents calls, with when they were made. */
  const own = new Map<string, number>();
  const seen = new Map<string, number>();
  // Start after the newest event already recorded (server time, whatever the
  // local clock says); the events of the overlap before it count as printed.
  const [newest] = await poll(client, { ...options.filter }, own, 1);
  let watermark = newest?.EventTime?.getTime() ?? 0;
  if (newest) {
    for (const event of await poll(client, { ...options.filter, startTime: new Date(watermark - OVERLAP_MS) }, own)) {
      seen.set(event.EventId!, event.EventTime!.getTime());
    }
  }

  while (!options.signal.aborted) {
    await sleep(options.intervalMs, options.signal);
    if (options.signal.aborted) return;
    let events: Event[];
    try {
      events = await poll(client, { ...options.filter, startTime: new Date(Math.max(0, watermark - OVERLAP_MS)) }, own);
    } catch (error) {
      if (error instanceof ThrottlingException) continue;
      throw error;
    }
    for (const event of events.reverse()) {
      if (seen.has(event.EventId!)) continue;
      const time = event.EventTime!.getTime();
      seen.set(event.EventId!, time);
      watermark = Math.max(watermark, time);
      options.print(event);
    }
    for (const [id, time] of seen) if (time < watermark - 2 * OVERLAP_MS) seen.delete(id);
    for (const [id, time] of own) if (time < Date.now() - 2 * OVERLAP_MS) own.delete(id);
  }
}

/** Events of a lookup, without the records of this tail's own LookupEvents calls. */
async function poll(client: CloudTrailClient, filter: LookupFilter, own: Map<string, number>, limit?: number): Promise<Event[]> {
  const events = await lookupAll(client, filter, limit, (requestId) => own.set(requestId, Date.now()));
  return events.filter((e) => !own.has((JSON.parse(e.CloudTrailEvent ?? '{}') as { requestID?: string }).requestID ?? ''));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
