import type { DescribeChannelRequest, DescribeChannelResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { channelDescription, type ChannelConfig } from '../resources/channel.ts';
import { requireResource } from '../resources/lifecycle.ts';
import { requireStatisticsSupport } from '../resources/storage.ts';
import { estimatedResourceSize } from '../statistics.ts';

export const describeChannel = (deps: IotAnalyticsDeps) =>
  defineOperation<DescribeChannelRequest, DescribeChannelResponse>({
    name: 'DescribeChannel',
    readOnly: true,
    resources: (input, ctx) => [resourceRef('channel', ctx, input.channelName!)],
    async handler(input, ctx) {
      const channel = await requireResource<ChannelConfig>(deps.db.reader, ctx.region, 'channel', input.channelName!);
      const subject = { kind: 'channel' as const, region: ctx.region, name: channel.name };
      const output: DescribeChannelResponse = { channel: channelDescription(channel, await deps.statistics.lastMessageArrival(subject)) };
      if (input.includeStatistics) {
        requireStatisticsSupport(channel.config.storage, 'channel');
        output.statistics = { size: await estimatedResourceSize(deps.statistics, subject) };
      }
      return output;
    },
  });
