import type { CreateChannelRequest, CreateChannelResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceArn, resourceRef } from '../arns.ts';
import { errors } from '../errors.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { resourceStore } from '../resources/resource-store.ts';
import { type ChannelConfig, channelRetention, validateChannelStorage } from '../resources/channel.ts';

export const createChannel = (deps: IotAnalyticsDeps) =>
  defineOperation<CreateChannelRequest, CreateChannelResponse>({
    name: 'CreateChannel',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('channel', ctx, input.channelName!)],
    async handler(input, ctx) {
      const name = input.channelName!;
      const storage = validateChannelStorage(input.channelStorage);
      const retentionPeriod = channelRetention(input.retentionPeriod, storage);
      const arn = resourceArn('channel', ctx.region, ctx.accountId, name);
      return ctx.mutate(async (tx) => {
        if (await resourceStore.find(tx, ctx.region, 'channel', name)) {
          throw errors.alreadyExists(`A channel named ${name} already exists.`, name, arn);
        }
        if ((await resourceStore.count(tx, ctx.region, 'channel')) >= deps.quotas.channels) {
          throw errors.limitExceeded(`You have reached the limit of ${deps.quotas.channels} channels.`);
        }
        const now = ctx.receivedAt;
        await resourceStore.insert<ChannelConfig>(tx, {
          region: ctx.region,
          kind: 'channel',
          name,
          arn,
          config: { storage, retentionPeriod },
          createdAt: now,
          updatedAt: now,
        });
        await resourceStore.putTags(tx, arn, (input.tags ?? []).map((t) => ({ key: t.key!, value: t.value! })));
        return { channelName: name, channelArn: arn, retentionPeriod };
      });
    },
  });
