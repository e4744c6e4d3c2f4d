import type { ListChannelsRequest, ListChannelsResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { channelSummary, type ChannelConfig } from '../resources/channel.ts';
import { listPage } from '../resources/paging.ts';

export const listChannels = (deps: IotAnalyticsDeps) =>
  defineOperation<ListChannelsRequest, ListChannelsResponse>({
    name: 'ListChannels',
    readOnly: true,
    async handler(input, ctx) {
      const page = await listPage<ChannelConfig>(deps, ctx.region, 'channel', 'ListChannels', input);
      const channelSummaries = await Promise.all(
        page.items.map(async (c) => channelSummary(c, await deps.statistics.lastMessageArrival({ kind: 'channel', region: ctx.region, name: c.name }))),
      );
      return { channelSummaries, nextToken: page.nextToken };
    },
  });
