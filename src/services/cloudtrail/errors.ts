// CloudTrail errors. Names equal the model's exception shapes; awsJson1_1
// answers all of them with HTTP 400. AWS's message texts for LookupEvents'
// errors are not documented: ours are chosen in docs/FIDELITY.md
// ("CloudTrail LookupEvents").
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
    default:
      return errors.invalidParameter(message);
  }
}
