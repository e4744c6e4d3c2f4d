// AWS IoT Analytics (2017-11-27, restJson1): every model operation.
import { defineService, type ServiceDefinition } from '../../pipeline/service-definition.ts';
import { RestJson1Protocol } from '../../protocol/codecs/rest-json1.ts';
import { ServiceModel, vendoredModelPath } from '../../protocol/model/service-model.ts';
import type { IotAnalyticsDeps } from './deps.ts';
import { errors } from './errors.ts';
import { batchPutMessage } from './operations/batch-put-message.ts';
import { cancelPipelineReprocessing } from './operations/cancel-pipeline-reprocessing.ts';
import { createChannel } from './operations/create-channel.ts';
import { createDataset } from './operations/create-dataset.ts';
import { createDatasetContent } from './operations/create-dataset-content.ts';
import { createDatastore } from './operations/create-datastore.ts';
import { createPipeline } from './operations/create-pipeline.ts';
import { deleteChannel } from './operations/delete-channel.ts';
import { deleteDataset } from './operations/delete-dataset.ts';
import { deleteDatasetContent } from './operations/delete-dataset-content.ts';
import { deleteDatastore } from './operations/delete-datastore.ts';
import { deletePipeline } from './operations/delete-pipeline.ts';
import { describeChannel } from './operations/describe-channel.ts';
import { describeDataset } from './operations/describe-dataset.ts';
import { describeDatastore } from './operations/describe-datastore.ts';
import { describeLoggingOptions } from './operations/describe-logging-options.ts';
import { describePipeline } from './operations/describe-pipeline.ts';
import { getDatasetContent } from './operations/get-dataset-content.ts';
import { listChannels } from './operations/list-channels.ts';
import { listDatasetContents } from './operations/list-dataset-contents.ts';
import { listDatasets } from './operations/list-datasets.ts';
import { listDatastores } from './operations/list-datastores.ts';
import { listPipelines } from './operations/list-pipelines.ts';
import { listTagsForResource } from './operations/list-tags-for-resource.ts';
import { putLoggingOptions } from './operations/put-logging-options.ts';
import { runPipelineActivity } from './operations/run-pipeline-activity.ts';
import { sampleChannelData } from './operations/sample-channel-data.ts';
import { startPipelineReprocessing } from './operations/start-pipeline-reprocessing.ts';
import { tagResource } from './operations/tag-resource.ts';
import { untagResource } from './operations/untag-resource.ts';
import { updateChannel } from './operations/update-channel.ts';
import { updateDataset } from './operations/update-dataset.ts';
import { updateDatastore } from './operations/update-datastore.ts';
import { updatePipeline } from './operations/update-pipeline.ts';

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
      updateChannel(),
      deleteChannel(deps),
      listChannels(deps),
      createDatastore(deps),
      describeDatastore(deps),
      updateDatastore(),
      deleteDatastore(deps),
      listDatastores(deps),
      createPipeline(deps),
      describePipeline(deps),
      updatePipeline(deps),
      deletePipeline(deps),
      listPipelines(deps),
      createDataset(deps),
      describeDataset(deps),
      updateDataset(deps),
      deleteDataset(deps),
      listDatasets(deps),
      tagResource(deps),
      untagResource(),
      listTagsForResource(deps),
      putLoggingOptions(),
      describeLoggingOptions(deps),
      batchPutMessage(deps),
      sampleChannelData(deps),
      runPipelineActivity(deps),
      startPipelineReprocessing(deps),
      cancelPipelineReprocessing(),
      createDatasetContent(deps),
      getDatasetContent(deps),
      listDatasetContents(deps),
      deleteDatasetContent(deps),
    ],
  });
}
