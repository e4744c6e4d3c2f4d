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
  if (shape) {
    const messageMember = shape.members.find((m) => m.name.toLowerCase() === 'message');
    Object.assign(body, writeStructure(error.fields, shape, options));
    body[messageMember?.name ?? 'message'] = error.message;
  } else {
    Object.assign(body, error.fields);
    body.message = error.message;
  }
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

export function jsonAuthError(failure: AuthFailure): ApiError {
  const status = failure.kind === 'incomplete' ? 400 : 403;
  return new ApiError(JSON_AUTH_ERRORS[failure.kind], failure.message, { status });
}

export function jsonAccessDenied(message: string): ApiError {
  return new ApiError('AccessDeniedException', message, { status: 403 });
}
