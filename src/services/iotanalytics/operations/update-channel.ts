import type { UpdateChannelRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { updatedChannelConfig, type ChannelConfig } from '../resources/channel.ts';
import { replaceConfig, requireResource } from '../resources/lifecycle.ts';

export const updateChannel = () =>
  defineOperation<UpdateChannelRequest, void>({
    name: 'UpdateChannel',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('channel', ctx, input.channelName!)],
    async handler(input, ctx) {
      return ctx.mutate(async (tx) => {
        const channel = await requireResource<ChannelConfig>(tx, ctx.region, 'channel', input.channelName!);
        await replaceConfig(tx, channel, updatedChannelConfig(channel.config, input), ctx.receivedAt);
      });
    },
  });
