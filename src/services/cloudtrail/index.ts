// AWS CloudTrail (2013-11-01, awsJson1_1): the event history (LookupEvents)
// of the calls the audit recorder writes, trails that deliver log files to
// buckets, and the digest-signing keys (ListPublicKeys). Every other
// operation of the model is marked as not planned.
import { defineService, type ServiceDefinition } from '../../pipeline/service-definition.ts';
import { notImplemented, type OperationEntry } from '../../pipeline/operation.ts';
import { AwsJsonProtocol } from '../../protocol/codecs/aws-json.ts';
import { ServiceModel, vendoredModelPath } from '../../protocol/model/service-model.ts';
import type { CloudTrailDeps } from './deps.ts';
import { validationError } from './errors.ts';
import { addTags } from './operations/add-tags.ts';
import { createTrail } from './operations/create-trail.ts';
import { deleteTrail } from './operations/delete-trail.ts';
import { describeTrails } from './operations/describe-trails.ts';
import { getEventSelectors } from './operations/get-event-selectors.ts';
import { getTrail } from './operations/get-trail.ts';
import { getTrailStatus } from './operations/get-trail-status.ts';
import { listPublicKeys } from './operations/list-public-keys.ts';
import { listTags } from './operations/list-tags.ts';
import { listTrails } from './operations/list-trails.ts';
import { lookupEvents } from './operations/lookup-events.ts';
import { putEventSelectors } from './operations/put-event-selectors.ts';
import { removeTags } from './operations/remove-tags.ts';
import { startLogging } from './operations/start-logging.ts';
import { stopLogging } from './operations/stop-logging.ts';
import { updateTrail } from './operations/update-trail.ts';

// Event data stores (Lake), channels, insights, imports and the like are not part of the plan.
const NOT_PLANNED = 'not planned (CloudTrail Lake, channels, insights)';

// botocore sends the model's target prefix; the Smithy-generated JS SDK
// (@aws-sdk/client-cloudtrail) sends the bare service shape name.
const TARGET_PREFIXES = ['com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101', 'CloudTrail_20131101'];

export function createCloudTrailService(deps: CloudTrailDeps): ServiceDefinition {
  const model = ServiceModel.load(vendoredModelPath('cloudtrail'));
  const built: OperationEntry[] = [
    lookupEvents(deps),
    createTrail(deps),
    updateTrail(deps),
    deleteTrail(deps),
    describeTrails(deps),
    getTrail(deps),
    listTrails(deps),
    getTrailStatus(deps),
    startLogging(deps),
    stopLogging(deps),
    putEventSelectors(deps),
    getEventSelectors(deps),
    addTags(deps),
    listTags(deps),
    removeTags(deps),
    listPublicKeys(deps),
  ];
  const names = new Set(built.map((op) => op.name));
  return defineService({
    model,
    protocol: new AwsJsonProtocol(model, TARGET_PREFIXES),
    validationError,
    operations: [...built, ...[...model.operations.keys()].filter((name) => !names.has(name)).map((name) => notImplemented(name, NOT_PLANNED))],
  });
}
