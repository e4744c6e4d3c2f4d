import type { DescribeLoggingOptionsRequest, DescribeLoggingOptionsResponse, LoggingOptions } from '@aws-sdk/client-iotanalytics';
import { defineOperation } from '../../../pipeline/operation.ts';
import type { IotAnalyticsDeps } from '../deps.ts';
import { errors } from '../errors.ts';
import { resourceStore } from '../resources/resource-store.ts';

// Before PutLoggingOptions was ever called there is nothing to describe: the
// model lists ResourceNotFoundException for this operation and nothing else
// could be missing (docs/FIDELITY.md, "Logging options").
export const describeLoggingOptions = (deps: IotAnalyticsDeps) =>
  defineOperation<DescribeLoggingOptionsRequest, DescribeLoggingOptionsResponse>({
    name: 'DescribeLoggingOptions',
    readOnly: true,
    async handler(_input, ctx) {
      const loggingOptions = await resourceStore.loggingOptions<LoggingOptions>(deps.db.reader, ctx.region);
      if (!loggingOptions) throw errors.notFound('Logging options have not been set for this account and region.');
      return { loggingOptions };
    },
  });
