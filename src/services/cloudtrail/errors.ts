// CloudTrail errors. Names equal the model's exception shapes; awsJson1_1
// answers all of them with HTTP 400. AWS's message texts for LookupEvents'
// errors are not documented: ours are chosen in docs/FIDELITY.md
// ("CloudTrail LookupEvents"). Trail messages are AWS's where the reference
// gives them (§4.4), else chosen (docs/FIDELITY.md, "Trails").
import { ApiError } from '../../protocol/errors.ts';

export const errors = {
  invalidLookupAttributes: (message: string) => new ApiError('InvalidLookupAttributesException', message),
  invalidMaxResults: (message: string) => new ApiError('InvalidMaxResultsException', message),
  invalidEventCategory: (message: string) => new ApiError('InvalidEventCategoryException', message),
  invalidNextToken: () => new ApiError('InvalidNextTokenException', 'Invalid NextToken: it is malformed or was issued for different parameters.'),
  invalidTimeRange: (message: string) => new ApiError('InvalidTimeRangeException', message),
  invalidToken: () => new ApiError('InvalidTokenException', 'Reserved for future use.'),
  invalidParameter: (message: string) => new ApiError('InvalidParameterException', message),
  throttling: () => new ApiError('ThrottlingException', 'Rate exceeded'),
  invalidTrailName: (message: string) => new ApiError('InvalidTrailNameException', message),
  trailArnInvalid: (arn: string) => new ApiError('CloudTrailARNInvalidException', `Invalid trail ARN: ${arn}`),
  trailNotFound: (name: string, accountId: string) => new ApiError('TrailNotFoundException', `Unknown trail: ${name} for the user: ${accountId}`),
  trailAlreadyExists: (name: string, accountId: string) =>
    new ApiError('TrailAlreadyExistsException', `Trail ${name} already exists for customer: ${accountId}`),
  maximumTrails: (accountId: string, limit: number, region: string) =>
    new ApiError('MaximumNumberOfTrailsExceededException', `User: ${accountId} already has ${limit} trails in ${region}.`),
  bucketDoesNotExist: (bucket: string) => new ApiError('S3BucketDoesNotExistException', `S3 bucket ${bucket} does not exist!`),
  invalidS3Prefix: (message: string) => new ApiError('InvalidS3PrefixException', message),
  invalidParameterCombination: (message: string) => new ApiError('InvalidParameterCombinationException', message),
  invalidHomeRegion: (homeRegion: string) =>
    new ApiError('InvalidHomeRegionException', `This operation must be called from the trail's home region, ${homeRegion}.`),
  invalidEventSelectors: (message: string) => new ApiError('InvalidEventSelectorsException', message),
  unsupportedOperation: (message: string) => new ApiError('UnsupportedOperationException', message),
  organizationsNotInUse: () =>
    new ApiError('OrganizationsNotInUseException', 'This account is not a member of an organization: organization trails are not available.'),
  resourceNotFound: (arn: string) => new ApiError('ResourceNotFoundException', `Resource not found: ${arn}`),
  invalidTagParameter: (message: string) => new ApiError('InvalidTagParameterException', message),
  tagsLimitExceeded: (limit: number) => new ApiError('TagsLimitExceededException', `A trail can have at most ${limit} tags.`),
};

/**
 * CloudTrail models no ValidationException: a constraint violation is
 * answered with the exception of the (first) parameter it concerns, carrying
 * the standard validation text.
 */
export function validationError(message: string, members: string[]): ApiError {
  switch (members[0]) {
    case 'MaxResults':
      return errors.invalidMaxResults(message);
    case 'EventCategory':
      return errors.invalidEventCategory(message);
    case 'LookupAttributes':
      return errors.invalidLookupAttributes(message);
    case 'TagsList':
      return errors.invalidTagParameter(message);
    case 'EventSelectors':
    case 'AdvancedEventSelectors':
      return errors.invalidEventSelectors(message);
    default:
      return errors.invalidParameter(message);
  }
}
