import type { DeleteChannelRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import type { ChannelConfig } from '../resources/channel.ts';
import { deleteResource, requireResource } from '../resources/lifecycle.ts';

// The channel's messages and archive index go in the same transaction; the
// archive objects of service-managed storage are deleted right after
// (a customer's bucket keeps them).
export const deleteChannel = (deps: IotAnalyticsDeps) =>
  defineOperation<DeleteChannelRequest, void>({
    name: 'DeleteChannel',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('channel', ctx, input.channelName!)],
    handler: (input, ctx) =>
      ctx.mutate(async (tx) => {
        const channel = await requireResource<ChannelConfig>(tx, ctx.region, 'channel', input.channelName!);
        await deps.dataPlane.channelDeleted(tx, channel);
        await deleteResource(tx, ctx.region, 'channel', channel.name);
      }),
  });
