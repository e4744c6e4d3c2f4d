// STS errors. Modelled ones use the model's shape names (the codec writes
// their wire codes, e.g. PackedPolicyTooLarge); AccessDenied and
// ValidationError are the awsQuery protocol's own.
import { ApiError } from '../../protocol/errors.ts';

export const errors = {
  accessDenied: (message: string) => new ApiError('AccessDenied', message, { status: 403 }),
  validation: (message: string) => new ApiError('ValidationError', message, { status: 400 }),
  malformedPolicy: (message: string) => new ApiError('MalformedPolicyDocumentException', message),
  packedPolicyTooLarge: (percent: number) =>
    new ApiError('PackedPolicyTooLargeException', `Packed policy consumes ${percent}% of allotted space, please use smaller policy for this request.`),
  /** No MFA devices exist on this server, so no serial number and code can be valid. */
  invalidMfa: () => new ApiError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', { status: 403 }),
  /** Request members this server does not honour, rather than silently ignoring them. */
  unsupported: (member: string) => new ApiError('ValidationError', `${member} is not supported by Open IoT Analytics (see docs/FIDELITY.md, "STS").`, { status: 400 }),
};
