// IAM errors. Names equal the model's exception shapes; the awsQuery codec
// writes their wire codes (NoSuchEntity, EntityAlreadyExists, …) and statuses
// from the model. Texts are AWS's, as seen in captures and recorded by moto.
import { ApiError } from '../../protocol/errors.ts';

const noSuchEntity = (message: string) => new ApiError('NoSuchEntityException', message);

export const errors = {
  noSuchUser: (name: string) => noSuchEntity(`The user with name ${name} cannot be found.`),
  noSuchRole: (name: string) => noSuchEntity(`The role with name ${name} cannot be found.`),
  noSuchUserPolicy: (name: string) => noSuchEntity(`The user policy with name ${name} cannot be found.`),
  noSuchRolePolicy: (name: string) => noSuchEntity(`The role policy with name ${name} cannot be found.`),
  noSuchAccessKey: (id: string) => noSuchEntity(`The Access Key with id ${id} cannot be found.`),
  /** Managed policies do not exist yet, so no permissions boundary can be attached. */
  noSuchBoundary: (arn: string) => noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`),
  userExists: (name: string) => new ApiError('EntityAlreadyExistsException', `User with name ${name} already exists.`),
  roleExists: (name: string) => new ApiError('EntityAlreadyExistsException', `Role with name ${name} already exists.`),
  deleteConflict: (what: 'access keys' | 'policies') =>
    new ApiError('DeleteConflictException', `Cannot delete entity, must delete ${what} first.`),
  limitExceeded: (message: string) => new ApiError('LimitExceededException', message),
  malformedPolicy: (message: string) => new ApiError('MalformedPolicyDocumentException', message),
  invalidInput: (message: string) => new ApiError('InvalidInputException', message),
  /** IAM's ValidationError is not modelled; it is the awsQuery validation error. */
  validation: (message: string) => new ApiError('ValidationError', message, { status: 400 }),
};
