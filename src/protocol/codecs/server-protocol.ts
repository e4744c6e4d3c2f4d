// The contract every wire protocol implements. A codec is built for one
// service model and knows nothing about what the service's operations mean.
import type { ApiError } from '../errors.ts';
import type { RawRequest, RawResponse } from '../http-types.ts';
import type { OperationModel, ServiceModel } from '../model/service-model.ts';
import type { AuthFailure } from '../auth-failure.ts';

export interface RoutedRequest {
  operation: OperationModel;
  /** Decoded URI label values (REST protocols only). */
  labels?: Record<string, string>;
}

export interface ServerProtocol {
  readonly service: ServiceModel;
  /** Finds the operation a request addresses, or undefined when none matches. */
  route(req: RawRequest): RoutedRequest | undefined;
  /** Builds the typed input of the operation; throws ApiError (SerializationException) on malformed input. */
  deserialize(req: RawRequest, routed: RoutedRequest): Record<string, unknown>;
  serialize(operation: OperationModel, output: Record<string, unknown> | undefined, requestId: string): RawResponse;
  serializeError(error: ApiError, requestId: string, operation?: OperationModel): RawResponse;
  /** The error this protocol's services answer for an authentication failure. */
  authError(failure: AuthFailure): ApiError;
  /** The error this protocol's services answer when IAM denies a call. */
  accessDenied(message: string): ApiError;
  /** The error for a request that names no operation of this service. */
  unknownOperation(req: RawRequest): ApiError;
  /**
   * RPC protocols only: the request names this service explicitly (its
   * X-Amz-Target prefix) but no operation of it. Coral answers such requests
   * UnknownOperationException before it looks at authentication.
   */
  addresses?(req: RawRequest): boolean;
}
