import type { LoggingOptions, PutLoggingOptionsRequest } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import { resourceStore } from '../resources/resource-store.ts';

export const putLoggingOptions = () =>
  defineOperation<PutLoggingOptionsRequest, void>({
    name: 'PutLoggingOptions',
    readOnly: false,
    async handler(input, ctx) {
      const { roleArn, level, enabled } = input.loggingOptions!;
      const options: LoggingOptions = { roleArn, level, enabled: enabled ?? false };
      return ctx.mutate((tx) => resourceStore.putLoggingOptions(tx, ctx.region, options));
    },
  });
