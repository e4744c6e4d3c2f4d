import type { DeleteChannelRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { deleteResource } from '../resources/lifecycle.ts';

export const deleteChannel = () =>
  defineOperation<DeleteChannelRequest, void>({
    name: 'DeleteChannel',
    readOnly: false,
    resources: (input, ctx) => [resourceRef('channel', ctx, input.channelName!)],
    handler: (input, ctx) => ctx.mutate((tx) => deleteResource(tx, ctx.region, 'channel', input.channelName!)),
  });
