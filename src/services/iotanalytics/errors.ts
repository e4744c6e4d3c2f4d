// IoT Analytics errors. Names equal the model's exception shapes; the codec
// takes each status from the model (LimitExceededException is 410).
import { ApiError } from '../../protocol/errors.ts';

export const errors = {
  invalidRequest: (message: string) => new ApiError('InvalidRequestException', message),
  notFound: (message: string) => new ApiError('ResourceNotFoundException', message),
  alreadyExists: (message: string, resourceId: string, resourceArn: string) =>
    new ApiError('ResourceAlreadyExistsException', message, { fields: { resourceId, resourceArn } }),
  limitExceeded: (message: string) => new ApiError('LimitExceededException', message),
  throttled: (message = 'Rate exceeded') => new ApiError('ThrottlingException', message),
};
