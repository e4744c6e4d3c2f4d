// aws.protocols#restJson1 (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html):
// operations routed by URI template, inputs from labels, query, headers and a
// JSON body; outputs as JSON with the operation's success code.
import { ApiError, frameworkErrors } from '../errors.ts';
import type { RawRequest, RawResponse } from '../http-types.ts';
import type { OperationModel, ServiceModel } from '../model/service-model.ts';
import { RestRouter } from '../routing/rest-router.ts';
import type { AuthFailure } from '../auth-failure.ts';
import {
  bodyMembers,
  payloadMember,
  readBoundMembers,
  responseCode,
  writeBoundHeaders,
} from './http-bindings.ts';
import { jsonAccessDenied, jsonAuthError, modelledStatus, renderJsonError } from './json-errors.ts';
import { readStructure, readValue, writeStructure, writeValue, type JsonCodecOptions } from './json-values.ts';
import type { RoutedRequest, ServerProtocol } from './server-protocol.ts';

const OPTIONS: JsonCodecOptions = { useJsonName: true };
const CONTENT_TYPE = 'application/json';

export class RestJson1Protocol implements ServerProtocol {
  private readonly router: RestRouter;

  constructor(readonly service: ServiceModel) {
    this.router = new RestRouter(service.operations.values());
  }

  route(req: RawRequest): RoutedRequest | undefined {
    return this.router.match(req);
  }

  deserialize(req: RawRequest, routed: RoutedRequest): Record<string, unknown> {
    const shape = routed.operation.input;
    if (!shape) return {};
    const input: Record<string, unknown> = {};
    readBoundMembers(req, shape, routed.labels ?? {}, input);
    const payload = payloadMember(shape);
    if (payload) {
      if (req.body.length > 0) input[payload.name] = this.readPayload(req, payload);
      return input;
    }
    const members = bodyMembers(shape);
    if (members.length === 0 || req.body.length === 0) return input;
    Object.assign(input, readStructure(parseJsonBody(req.body), shape, OPTIONS, '', members));
    return input;
  }

  private readPayload(req: RawRequest, member: import('../model/shapes.ts').Member): unknown {
    const type = member.target.type;
    if (type === 'blob') return req.body;
    if (type === 'string') return req.body.toString('utf8');
    return readValue(parseJsonBody(req.body), member, OPTIONS, member.name);
  }

  serialize(operation: OperationModel, output: Record<string, unknown> | undefined, _requestId: string): RawResponse {
    const shape = operation.output;
    const status = responseCode(shape, output) ?? operation.http?.code ?? 200;
    const headers: Record<string, string> = shape && output ? writeBoundHeaders(shape, output) : {};
    if (status === 204 || status === 304) return { status, headers };
    headers['content-type'] = CONTENT_TYPE;
    if (!shape || !output) return { status, headers, body: '{}' };
    const payload = payloadMember(shape);
    if (payload) {
      const value = output[payload.name];
      if (value === undefined) return { status, headers, body: '{}' };
      if (Buffer.isBuffer(value) || typeof value === 'string') return { status, headers, body: value };
      return { status, headers, body: JSON.stringify(writeValue(value, payload, OPTIONS)) };
    }
    return { status, headers, body: JSON.stringify(writeStructure(output, shape, OPTIONS, bodyMembers(shape))) };
  }

  serializeError(error: ApiError, _requestId: string): RawResponse {
    return renderJsonError(this.service, error, OPTIONS, CONTENT_TYPE, (e) => modelledStatus(this.service, e));
  }

  authError(failure: AuthFailure): ApiError {
    return jsonAuthError(failure, 'restJson');
  }

  accessDenied(message: string): ApiError {
    return jsonAccessDenied(message);
  }

  // No capture of IoT Analytics exists; Coral restJson front ends answer a
  // signed request for an unknown route with 404 UnknownOperationException.
  unknownOperation(_req: RawRequest): ApiError {
    return frameworkErrors.unknownOperation();
  }
}

export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw frameworkErrors.serialization();
  }
}
