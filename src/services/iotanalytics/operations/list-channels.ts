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
      return { channelSummaries: page.items.map(channelSummary), nextToken: page.nextToken };
    },
  });
