// AWS IoT Analytics (2017-11-27, restJson1): every model operation, built or
// explicitly marked as not built yet.
import { defineService, type ServiceDefinition } from '../../pipeline/service-definition.ts';
import { notImplemented } from '../../pipeline/operation.ts';
import { RestJson1Protocol } from '../../protocol/codecs/rest-json1.ts';
import { ServiceModel, vendoredModelPath } from '../../protocol/model/service-model.ts';
import type { IotAnalyticsDeps } from './deps.ts';
import { errors } from './errors.ts';
import { createChannel } from './operations/create-channel.ts';
import { describeChannel } from './operations/describe-channel.ts';

const CONTROL_PLANE = 'issue #2, control plane';
const DATA_PLANE = 'the data plane (issue #5)';
const DATASETS = 'SQL datasets (issue #6)';

export function createIotAnalyticsService(deps: IotAnalyticsDeps): ServiceDefinition {
  const model = ServiceModel.load(vendoredModelPath('iotanalytics'));
  return defineService({
    model,
    protocol: new RestJson1Protocol(model),
    // IoT Analytics models no ValidationException: constraint violations are
    // InvalidRequestException with the standard validation message.
    validationError: (message) => errors.invalidRequest(message),
    operations: [
      createChannel(deps),
      describeChannel(deps),
      notImplemented('BatchPutMessage', DATA_PLANE),
      notImplemented('SampleChannelData', DATA_PLANE),
      notImplemented('RunPipelineActivity', DATA_PLANE),
      notImplemented('StartPipelineReprocessing', DATA_PLANE),
      notImplemented('CancelPipelineReprocessing', DATA_PLANE),
      notImplemented('CreateDatasetContent', DATASETS),
      notImplemented('GetDatasetContent', DATASETS),
      notImplemented('ListDatasetContents', DATASETS),
      notImplemented('DeleteDatasetContent', DATASETS),
      ...[
        'CreateDataset', 'CreateDatastore', 'CreatePipeline',
        'DeleteChannel', 'DeleteDataset', 'DeleteDatastore', 'DeletePipeline',
        'DescribeDataset', 'DescribeDatastore', 'DescribeLoggingOptions', 'DescribePipeline',
        'ListChannels', 'ListDatasets', 'ListDatastores', 'ListPipelines', 'ListTagsForResource',
        'PutLoggingOptions', 'TagResource', 'UntagResource',
        'UpdateChannel', 'UpdateDataset', 'UpdateDatastore', 'UpdatePipeline',
      ].map((name) => notImplemented(name, CONTROL_PLANE)),
    ],
  });
}
