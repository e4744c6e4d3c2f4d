import type { SampleChannelDataRequest, SampleChannelDataResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import type { ChannelConfig } from '../resources/channel.ts';
import { requireResource } from '../resources/lifecycle.ts';

/** The model's MaxMessages is 1-10 and the documented default 10. */
const DEFAULT_MAX_MESSAGES = 10;

export const sampleChannelData = (deps: IotAnalyticsDeps) =>
  defineOperation<SampleChannelDataRequest, SampleChannelDataResponse>({
    name: 'SampleChannelData',
    readOnly: true,
    resources: (input, ctx) => [resourceRef('channel', ctx, input.channelName!)],
    async handler(input, ctx) {
      const channel = await requireResource<ChannelConfig>(deps.db.reader, ctx.region, 'channel', input.channelName!);
      const from = input.startTime?.getTime() ?? 0;
      const to = input.endTime?.getTime() ?? Number.MAX_SAFE_INTEGER;
      if (from >= to) throw errors.invalidRequest('The startTime must be earlier than the endTime.');
      const payloads = await deps.dataPlane.sample(channel, { maxMessages: input.maxMessages ?? DEFAULT_MAX_MESSAGES, from, to });
      return { payloads };
    },
  });
