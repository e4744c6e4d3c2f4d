import type { DescribeChannelRequest, DescribeChannelResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { errors } from '../errors.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { resourceStore } from '../resources/resource-store.ts';
import type { ChannelConfig } from '../resources/channel.ts';

export const describeChannel = (deps: IotAnalyticsDeps) =>
  defineOperation<DescribeChannelRequest, DescribeChannelResponse>({
    name: 'DescribeChannel',
    readOnly: true,
    resources: (input, ctx) => [resourceRef('channel', ctx, input.channelName!)],
    async handler(input, ctx) {
      const channel = await resourceStore.find<ChannelConfig>(deps.db.reader, ctx.region, 'channel', input.channelName!);
      if (!channel) throw errors.notFound(`A resource with the name ${input.channelName} cannot be found.`);
      return {
        channel: {
          name: channel.name,
          arn: channel.arn,
          status: 'ACTIVE',
          storage: channel.config.storage,
          retentionPeriod: channel.config.retentionPeriod,
          creationTime: channel.createdAt,
          lastUpdateTime: channel.updatedAt,
        },
      };
    },
  });
