// (b) Time from an API response to its event being returned by LookupEvents:
// after each response the client polls LookupEvents (EventName, last few
// seconds) until a record carries the response's request id. Read-only calls
// (recorded in batches after the response) and mutating calls (recorded in
// their transaction) are measured apart.
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateChannelCommand, DescribeChannelCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import type { ChildServer } from '../../test/support/child-server.ts';

export async function visibilityLatency(server: ChildServer, samples: number): Promise<{ readOnly: number[]; mutating: number[] }> {
  const iota = new IoTAnalyticsClient(server.clientConfig());
  const ct = new CloudTrailClient(server.clientConfig());
  const waitFor = async (eventName: string, requestId: string, answeredAt: number): Promise<number> => {
    for (;;) {
      const { Events } = await ct.send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }], StartTime: new Date(Date.now() - 5000), MaxResults: 50 }),
      );
      if (Events?.some((e) => e.CloudTrailEvent!.includes(`"requestID":"${requestId}"`))) return performance.now() - answeredAt;
    }
  };
  const readOnly: number[] = [];
  const mutating: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const channelName = `visible_${i}`;
      const created = await iota.send(new CreateChannelCommand({ channelName }));
      mutating.push(await waitFor('CreateChannel', created.$metadata.requestId!, performance.now()));
      const described = await iota.send(new DescribeChannelCommand({ channelName }));
      readOnly.push(await waitFor('DescribeChannel', described.$metadata.requestId!, performance.now()));
    }
  } finally {
    iota.destroy();
    ct.destroy();
  }
  return { readOnly, mutating };
}
