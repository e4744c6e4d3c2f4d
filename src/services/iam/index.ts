// AWS Identity and Access Management (2010-05-08, awsQuery): users, roles,
// their access keys and inline policies. IAM is global: its calls are
// recorded in us-east-1 whatever region a client signs for.
import { defineService, type ServiceDefinition } from '../../pipeline/service-definition.ts';
import { notImplemented, type OperationEntry } from '../../pipeline/operation.ts';
import { AwsQueryProtocol } from '../../protocol/codecs/aws-query.ts';
import { ServiceModel, vendoredModelPath } from '../../protocol/model/service-model.ts';
import type { IamDeps } from './deps.ts';
import { errors } from './errors.ts';
import { createAccessKey } from './operations/create-access-key.ts';
import { createRole } from './operations/create-role.ts';
import { createUser } from './operations/create-user.ts';
import { deleteAccessKey } from './operations/delete-access-key.ts';
import { deleteRolePolicy } from './operations/delete-role-policy.ts';
import { deleteRole } from './operations/delete-role.ts';
import { deleteUserPolicy } from './operations/delete-user-policy.ts';
import { deleteUser } from './operations/delete-user.ts';
import { getRolePolicy } from './operations/get-role-policy.ts';
import { getRole } from './operations/get-role.ts';
import { getUserPolicy } from './operations/get-user-policy.ts';
import { getUser } from './operations/get-user.ts';
import { listAccessKeys } from './operations/list-access-keys.ts';
import { listRolePolicies } from './operations/list-role-policies.ts';
import { listRoles } from './operations/list-roles.ts';
import { listUserPolicies } from './operations/list-user-policies.ts';
import { listUsers } from './operations/list-users.ts';
import { putRolePolicy } from './operations/put-role-policy.ts';
import { putUserPolicy } from './operations/put-user-policy.ts';
import { updateAccessKey } from './operations/update-access-key.ts';
import { updateAssumeRolePolicy } from './operations/update-assume-role-policy.ts';

const NOT_BUILT = 'outside the issue #3 subset (users, roles, access keys, inline policies)';

export function createIamService(deps: IamDeps): ServiceDefinition {
  const model = ServiceModel.load(vendoredModelPath('iam'));
  const built: OperationEntry[] = [
    createUser(),
    getUser(deps),
    listUsers(deps),
    deleteUser(deps),
    createAccessKey(deps),
    listAccessKeys(deps),
    updateAccessKey(deps),
    deleteAccessKey(deps),
    createRole(),
    getRole(deps),
    listRoles(deps),
    deleteRole(deps),
    updateAssumeRolePolicy(deps),
    putUserPolicy(deps),
    getUserPolicy(deps),
    listUserPolicies(deps),
    deleteUserPolicy(deps),
    putRolePolicy(deps),
    getRolePolicy(deps),
    listRolePolicies(deps),
    deleteRolePolicy(deps),
  ];
  const names = new Set(built.map((op) => op.name));
  const rest = [...model.operations.keys()].filter((name) => !names.has(name)).map((name) => notImplemented(name, NOT_BUILT));
  return defineService({
    model,
    protocol: new AwsQueryProtocol(model),
    validationError: (message) => errors.validation(message),
    operations: [...built, ...rest],
    recordRegion: 'us-east-1',
  });
}
