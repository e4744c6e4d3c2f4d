// LookupEvents (reference §3): the event history of the region the call was
// signed for, newest first, at most one lookup attribute, 1–50 events a page.
import type { Event, LookupEventsRequest, LookupEventsResponse } from '@aws-sdk/client-cloudtrail';
import type { LookupAttributeKey } from '../../../audit/event-store/event-store.ts';
import { lookupKeys } from '../../../audit/lookup-keys.ts';
import type { CloudTrailRecord } from '../../../audit/record.ts';
import { retentionCutoff } from '../../../audit/retention.ts';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { CloudTrailDeps } from '../deps.ts';
import { errors } from '../errors.ts';

const DEFAULT_MAX_RESULTS = 50;

export const lookupEvents = (deps: CloudTrailDeps) =>
  defineOperation<LookupEventsRequest, LookupEventsResponse>({
    name: 'LookupEvents',
    readOnly: true,
    async handler(input, ctx) {
      if (deps.lookupRateLimiter && !deps.lookupRateLimiter.tryTake(`${ctx.accountId}:${ctx.region}`)) throw errors.throttling();
      const attributes = input.LookupAttributes ?? [];
      if (attributes.length > 1) throw errors.invalidLookupAttributes('You can specify at most one lookup attribute.');
      const { StartTime: start, EndTime: end } = input;
      if (start && end && start.getTime() > end.getTime()) {
        throw errors.invalidTimeRange('The start time must not be later than the end time.');
      }
      // A token is valid only with exactly the parameters it was issued for (MaxResults aside).
      const scope = `cloudtrail:LookupEvents:${ctx.accountId}:${ctx.region}:${JSON.stringify([attributes, start?.getTime(), end?.getTime(), input.EventCategory])}`;
      const cursor = input.NextToken === undefined ? undefined : deps.tokens.decode<string>(scope, input.NextToken);
      if (input.NextToken !== undefined && typeof cursor !== 'string') throw errors.invalidNextToken();
      // Insights are not generated, so an insight lookup finds nothing.
      if (input.EventCategory === 'insight') return { Events: [] };

      const cutoff = retentionCutoff(ctx.clock.now(), deps.retentionDays);
      const [attribute] = attributes;
      const page = await deps.events.lookup({
        region: ctx.region,
        attribute: attribute && { key: attribute.AttributeKey as LookupAttributeKey, value: attribute.AttributeValue! },
        startTime: start && start > cutoff ? start : cutoff,
        endTime: end,
        limit: input.MaxResults ?? DEFAULT_MAX_RESULTS,
        cursor,
      });
      return {
        Events: page.records.map(toEvent),
        NextToken: page.cursor === undefined ? undefined : deps.tokens.encode(scope, page.cursor),
      };
    },
  });

function toEvent(json: string): Event {
  const record = JSON.parse(json) as CloudTrailRecord;
  const keys = lookupKeys(record);
  return {
    EventId: keys.eventId,
    EventName: keys.eventName,
    ReadOnly: String(keys.readOnly),
    AccessKeyId: keys.accessKeyId,
    EventTime: new Date(record.eventTime),
    EventSource: keys.eventSource,
    Username: keys.username,
    Resources: keys.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: json,
  };
}
