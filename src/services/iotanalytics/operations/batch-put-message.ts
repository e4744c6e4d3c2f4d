import type { BatchPutMessageRequest, BatchPutMessageResponse } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceRef } from '../arns.ts';
import { channelLog } from '../data-plane/channels/channel-log.ts';
import { checkBatchStructure, screenMessages } from '../data-plane/messages/message-rules.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { requireResource } from '../resources/lifecycle.ts';

// A data event (CloudTrail category Data). The accepted messages are written
// in the call's own transaction, so a message is acknowledged only once it
// is durable: the answer is sent after the commit.
export const batchPutMessage = (deps: IotAnalyticsDeps) =>
  defineOperation<BatchPutMessageRequest, BatchPutMessageResponse>({
    name: 'BatchPutMessage',
    readOnly: false,
    category: 'Data',
    resources: (input, ctx) => [resourceRef('channel', ctx, input.channelName!)],
    async handler(input, ctx) {
      const messages = input.messages!.map((m) => ({ messageId: m.messageId!, payload: asBuffer(m.payload!) }));
      checkBatchStructure(messages);
      const { accepted, rejected } = screenMessages(messages);
      const where = { region: ctx.region, channel: input.channelName! };
      const output = await ctx.mutate(async (tx) => {
        await requireResource(tx, ctx.region, 'channel', where.channel);
        if (accepted.length > 0) await channelLog.append(tx, where, accepted, ctx.receivedAt);
        return { batchPutMessageErrorEntries: rejected };
      });
      if (accepted.length > 0) deps.dataPlane.ingested(where.region, where.channel);
      return output;
    },
  });

// The codec decodes blobs into Buffers already; no copy needed.
const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
