// aws.protocols#awsJson1_0 / awsJson1_1
// (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html): POST / with
// the operation named by `X-Amz-Target: <prefix>.<Operation>`, the whole input
// as a JSON body, errors as HTTP 400 with `__type`.
import { ApiError, frameworkErrors } from '../errors.ts';
import type { RawRequest, RawResponse } from '../http-types.ts';
import type { OperationModel, ServiceModel } from '../model/service-model.ts';
import type { AuthFailure } from '../auth-failure.ts';
import { jsonAccessDenied, jsonAuthError, renderJsonError } from './json-errors.ts';
import { readStructure, writeStructure, type JsonCodecOptions } from './json-values.ts';
import { parseJsonBody } from './rest-json1.ts';
import type { RoutedRequest, ServerProtocol } from './server-protocol.ts';

const OPTIONS: JsonCodecOptions = { useJsonName: false };

export class AwsJsonProtocol implements ServerProtocol {
  private readonly contentType: string;

  /**
   * @param targetPrefixes the X-Amz-Target prefixes that address this service.
   *   Clients differ: botocore sends the model's target prefix
   *   (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`), and the
   *   Smithy-generated JS SDK sends the service shape name (`CloudTrail_20131101`).
   */
  constructor(
    readonly service: ServiceModel,
    readonly targetPrefixes: string[],
  ) {
    this.contentType = service.protocol === 'awsJson1_0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
  }

  route(req: RawRequest): RoutedRequest | undefined {
    const target = req.headers['x-amz-target'];
    if (req.method !== 'POST' || !target) return undefined;
    const dot = target.lastIndexOf('.');
    if (dot < 0 || !this.targetPrefixes.includes(target.slice(0, dot))) return undefined;
    const operation = this.service.operations.get(target.slice(dot + 1));
    return operation ? { operation } : undefined;
  }

  /** True when the request's X-Amz-Target names this service, whatever the operation. */
  addresses(req: RawRequest): boolean {
    const target = req.headers['x-amz-target'] ?? '';
    const dot = target.lastIndexOf('.');
    return dot > 0 && this.targetPrefixes.includes(target.slice(0, dot));
  }

  deserialize(req: RawRequest, routed: RoutedRequest): Record<string, unknown> {
    const shape = routed.operation.input;
    if (!shape || req.body.length === 0) return {};
    return readStructure(parseJsonBody(req.body), shape, OPTIONS);
  }

  serialize(operation: OperationModel, output: Record<string, unknown> | undefined): RawResponse {
    const body = operation.output && output ? writeStructure(output, operation.output, OPTIONS) : {};
    return { status: 200, headers: { 'content-type': this.contentType }, body: JSON.stringify(body) };
  }

  // CloudTrail's modelled exceptions carry awsQuery-compatible statuses in the
  // Smithy model, but the JSON service answers every client error with 400
  // (docs/FIDELITY.md, "awsJson error status").
  serializeError(error: ApiError): RawResponse {
    return renderJsonError(this.service, error, OPTIONS, this.contentType, (e) =>
      e.status ?? (e.fault === 'server' ? 500 : 400),
    );
  }

  authError(failure: AuthFailure): ApiError {
    return jsonAuthError(failure, 'awsJson');
  }

  accessDenied(message: string): ApiError {
    return jsonAccessDenied(message);
  }

  unknownOperation(req: RawRequest): ApiError {
    const target = req.headers['x-amz-target'];
    return target
      ? new ApiError('UnknownOperationException', '', { status: 400 })
      : frameworkErrors.unknownOperation();
  }
}
