import type { CreateChannelRequest, CreateChannelResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { newChannelConfig } from '../resources/channel.ts';
import { createResource } from '../resources/lifecycle.ts';
import { tagPairs } from '../resources/tags.ts';

export const createChannel = (deps: IotAnalyticsDeps) =>
  defineOperation<CreateChannelRequest, CreateChannelResponse>({
    name: 'CreateChannel',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('channel', ctx, input.channelName!)],
    async handler(input, ctx) {
      const config = newChannelConfig(input);
      const tags = tagPairs(input.tags);
      return ctx.mutate(async (tx) => {
        const channel = await createResource(tx, deps.quotas, ctx, { kind: 'channel', name: input.channelName!, config, tags, at: ctx.receivedAt });
        return { channelName: channel.name, channelArn: channel.arn, retentionPeriod: config.retentionPeriod };
      });
    },
  });
