// AWS Security Token Service (2011-06-15, awsQuery): temporary credentials
// for IAM users, roles and federated users. STS's calls are recorded in
// us-east-1, as CloudTrail does for global services.
import { defineService, type ServiceDefinition } from '../../pipeline/service-definition.ts';
import { notImplemented } from '../../pipeline/operation.ts';
import { AwsQueryProtocol } from '../../protocol/codecs/aws-query.ts';
import { ServiceModel, vendoredModelPath } from '../../protocol/model/service-model.ts';
import type { StsDeps } from './deps.ts';
import { errors } from './errors.ts';
import { assumeRole } from './operations/assume-role.ts';
import { getCallerIdentity } from './operations/get-caller-identity.ts';
import { getFederationToken } from './operations/get-federation-token.ts';
import { getSessionToken } from './operations/get-session-token.ts';

export function createStsService(deps: StsDeps): ServiceDefinition {
  const model = ServiceModel.load(vendoredModelPath('sts'));
  return defineService({
    model,
    protocol: new AwsQueryProtocol(model),
    validationError: (message) => errors.validation(message),
    recordRegion: 'us-east-1',
    operations: [
      getCallerIdentity(),
      assumeRole(deps),
      getSessionToken(),
      getFederationToken(),
      notImplemented(
        'AssumeRoleWithWebIdentity',
        'needs IAM OpenID Connect providers (CreateOpenIDConnectProvider) and token signature checks against their keys, which are not built',
      ),
      notImplemented('AssumeRoleWithSAML', 'needs IAM SAML providers, which are not built'),
      notImplemented('AssumeRoot', 'needs AWS Organizations, which this single-account server does not have'),
      notImplemented('DecodeAuthorizationMessage', 'denials carry their reason in plain text; no encoded messages are issued'),
      notImplemented(
        'GetAccessKeyInfo',
        'not planned: this single-account server would always answer with its own account ID (GetCallerIdentity gives it)',
      ),
    ],
  });
}
