// How AWS's JSON protocols (restJson1, awsJson1_x) put errors on the wire:
// the type in `x-amzn-ErrorType` and in the body's `__type`, the text in
// `message`, modelled members beside it. Both SDKs read the header first.
import { ApiError } from '../errors.ts';
import type { RawResponse } from '../http-types.ts';
import type { ServiceModel } from '../model/service-model.ts';
import type { AuthFailure, AuthFailureKind } from '../auth-failure.ts';
import { writeStructure, type JsonCodecOptions } from './json-values.ts';

export function renderJsonError(
  service: ServiceModel,
  error: ApiError,
  options: JsonCodecOptions,
  contentType: string,
  statusOf: (error: ApiError) => number,
): RawResponse {
  const shape = service.errorShape(error.code);
  const body: Record<string, unknown> = { __type: error.code };
  const messageMember = shape?.members.find((m) => m.name.toLowerCase() === 'message');
  Object.assign(body, shape ? writeStructure(error.fields, shape, options) : error.fields);
  // Coral sends some framework errors (SerializationException,
  // UnknownOperationException) without any message.
  if (error.message !== '') body[messageMember?.name ?? 'message'] = error.message;
  return {
    status: statusOf(error),
    headers: { 'content-type': contentType, 'x-amzn-errortype': error.code, ...error.headers },
    body: JSON.stringify(body),
  };
}

/** The status the model gives an error shape, else the error's own, else by fault. */
export function modelledStatus(service: ServiceModel, error: ApiError): number {
  const shape = service.errorShape(error.code);
  const fromModel = shape?.traits['smithy.api#httpError'] as number | undefined;
  return fromModel ?? error.status ?? (error.fault === 'server' ? 500 : 400);
}

// Coral's error types for SigV4 failures, shared by the JSON protocols.
// See docs/FIDELITY.md ("Authentication errors") for the sources.
const JSON_AUTH_ERRORS: Record<AuthFailureKind, string> = {
  missing: 'MissingAuthenticationTokenException',
  incomplete: 'IncompleteSignatureException',
  unknownKey: 'UnrecognizedClientException',
  signatureMismatch: 'InvalidSignatureException',
  skewed: 'InvalidSignatureException',
  expired: 'InvalidSignatureException',
  invalidToken: 'UnrecognizedClientException',
  expiredToken: 'ExpiredTokenException',
  badScope: 'InvalidSignatureException',
  contentHashMismatch: 'InvalidSignatureException',
};

/**
 * restJson1 services answer authentication failures with 403 (Lambda, IoT),
 * awsJson services with 400 (DynamoDB, Kinesis, Cognito); the two also word
 * the missing-signature case differently.
 */
export function jsonAuthError(failure: AuthFailure, flavour: 'restJson' | 'awsJson'): ApiError {
  const message =
    failure.kind === 'missing' && flavour === 'awsJson' ? 'Request is missing Authentication Token' : failure.message;
  return new ApiError(JSON_AUTH_ERRORS[failure.kind], message, { status: flavour === 'restJson' ? 403 : 400 });
}

export function jsonAccessDenied(message: string): ApiError {
  return new ApiError('AccessDeniedException', message, { status: 403 });
}
