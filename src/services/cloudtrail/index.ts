// AWS CloudTrail (2013-11-01, awsJson1_1): the event history (LookupEvents)
// of the calls the audit recorder writes, and the digest-signing keys
// (ListPublicKeys). Every other operation of the model is marked as not built
// yet.
import { defineService, type ServiceDefinition } from '../../pipeline/service-definition.ts';
import { notImplemented, type OperationEntry } from '../../pipeline/operation.ts';
import { AwsJsonProtocol } from '../../protocol/codecs/aws-json.ts';
import { ServiceModel, vendoredModelPath } from '../../protocol/model/service-model.ts';
import type { CloudTrailDeps } from './deps.ts';
import { validationError } from './errors.ts';
import { listPublicKeys } from './operations/list-public-keys.ts';
import { lookupEvents } from './operations/lookup-events.ts';

const TRAILS = 'trails (issue #4)';

// botocore sends the model's target prefix; the Smithy-generated JS SDK
// (@aws-sdk/client-cloudtrail) sends the bare service shape name.
const TARGET_PREFIXES = ['com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101', 'CloudTrail_20131101'];

export function createCloudTrailService(deps: CloudTrailDeps): ServiceDefinition {
  const model = ServiceModel.load(vendoredModelPath('cloudtrail'));
  const built: OperationEntry[] = [lookupEvents(deps), listPublicKeys(deps)];
  const names = new Set(built.map((op) => op.name));
  return defineService({
    model,
    protocol: new AwsJsonProtocol(model, TARGET_PREFIXES),
    validationError,
    operations: [...built, ...[...model.operations.keys()].filter((name) => !names.has(name)).map((name) => notImplemented(name, TRAILS))],
  });
}
