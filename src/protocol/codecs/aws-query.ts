// aws.protocols#awsQuery (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html),
// spoken by IAM and STS: the operation is named by `Action` (with `Version`) in
// a form-urlencoded POST body or a GET query string, the input is flattened
// into parameters, and the answer is XML:
//
//   <OpResponse xmlns="…"><OpResult>…</OpResult><ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></OpResponse>
//   <ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>
//
// Error codes and statuses come from `aws.protocols#awsQueryError` when the
// model has it (NoSuchEntityException is `NoSuchEntity`, 404).
import { ApiError } from '../errors.ts';
import { parseQuery, type RawRequest, type RawResponse } from '../http-types.ts';
import type { OperationModel, ServiceModel } from '../model/service-model.ts';
import type { AuthFailure, AuthFailureKind } from '../auth-failure.ts';
import { readQueryInput } from './query-params.ts';
import type { RoutedRequest, ServerProtocol } from './server-protocol.ts';
import { renderXmlIndented, type XmlNode } from './xml.ts';
import { writeXmlMembers } from './xml-values.ts';

const CONTENT_TYPE = 'text/xml';
const PROTOCOL_PARAMS = new Set(['Action', 'Version']);

interface QueryErrorTrait {
  code: string;
  httpResponseCode: number;
}

// The query services' codes for SigV4 failures (docs/FIDELITY.md, "awsQuery
// (IAM and STS)"; captures in /work/notes/auth-errors.md §2).
const QUERY_AUTH_ERRORS: Record<AuthFailureKind, { code: string; status: number }> = {
  missing: { code: 'MissingAuthenticationToken', status: 403 },
  incomplete: { code: 'IncompleteSignature', status: 400 },
  unknownKey: { code: 'InvalidClientTokenId', status: 403 },
  invalidToken: { code: 'InvalidClientTokenId', status: 403 },
  signatureMismatch: { code: 'SignatureDoesNotMatch', status: 403 },
  skewed: { code: 'SignatureDoesNotMatch', status: 403 },
  expired: { code: 'SignatureDoesNotMatch', status: 403 },
  badScope: { code: 'SignatureDoesNotMatch', status: 403 },
  contentHashMismatch: { code: 'SignatureDoesNotMatch', status: 403 },
  expiredToken: { code: 'ExpiredToken', status: 403 },
};

export class AwsQueryProtocol implements ServerProtocol {
  private readonly namespace: string;
  private readonly parsed = new WeakMap<RawRequest, [string, string][]>();

  constructor(readonly service: ServiceModel) {
    if (!service.xmlNamespace) throw new Error(`${service.sdkId}: awsQuery needs smithy.api#xmlNamespace`);
    this.namespace = service.xmlNamespace;
  }

  /** Query-string parameters, then those of a form body (which win). */
  private params(req: RawRequest): [string, string][] {
    let params = this.parsed.get(req);
    if (!params) {
      const form = req.method === 'POST' && req.body.length > 0 ? parseQuery(req.body.toString('utf8'), true) : [];
      params = [...req.query, ...form];
      this.parsed.set(req, params);
    }
    return params;
  }

  private param(req: RawRequest, name: string): string | undefined {
    let value: string | undefined;
    for (const [k, v] of this.params(req)) if (k === name) value = v;
    return value;
  }

  route(req: RawRequest): RoutedRequest | undefined {
    if ((req.method !== 'POST' && req.method !== 'GET') || (req.path !== '/' && req.path !== '')) return undefined;
    const action = this.param(req, 'Action');
    const version = this.param(req, 'Version');
    if (!action || (version !== undefined && version !== this.service.version)) return undefined;
    const operation = this.service.operations.get(action);
    return operation ? { operation } : undefined;
  }

  deserialize(req: RawRequest, routed: RoutedRequest): Record<string, unknown> {
    const shape = routed.operation.input;
    if (!shape) return {};
    return readQueryInput(this.params(req).filter(([k]) => !PROTOCOL_PARAMS.has(k)), shape);
  }

  serialize(operation: OperationModel, output: Record<string, unknown> | undefined, requestId: string): RawResponse {
    const children: XmlNode[] = [];
    if (operation.output) {
      children.push({ name: `${operation.name}Result`, children: writeXmlMembers(output ?? {}, operation.output).children });
    }
    children.push({ name: 'ResponseMetadata', children: [{ name: 'RequestId', text: requestId }] });
    const body = renderXmlIndented({ name: `${operation.name}Response`, attributes: { xmlns: this.namespace }, children });
    return { status: 200, headers: { 'content-type': CONTENT_TYPE }, body };
  }

  serializeError(error: ApiError, requestId: string): RawResponse {
    const shape = this.service.errorShape(error.code);
    const queryError = shape?.traits['aws.protocols#awsQueryError'] as QueryErrorTrait | undefined;
    const status =
      queryError?.httpResponseCode ??
      (shape?.traits['smithy.api#httpError'] as number | undefined) ??
      error.status ??
      (error.fault === 'server' ? 500 : 400);
    const fault = shape ? shape.traits['smithy.api#error'] === 'server' : error.fault === 'server';
    const details: XmlNode[] = [
      { name: 'Type', text: fault ? 'Receiver' : 'Sender' },
      { name: 'Code', text: queryError?.code ?? error.code },
    ];
    if (error.message) details.push({ name: 'Message', text: error.message });
    if (shape) {
      const extra = Object.entries(error.fields).filter(([name]) => name.toLowerCase() !== 'message');
      details.push(...writeXmlMembers(Object.fromEntries(extra), shape).children);
    }
    const body = renderXmlIndented({
      name: 'ErrorResponse',
      attributes: { xmlns: this.namespace },
      children: [{ name: 'Error', children: details }, { name: 'RequestId', text: requestId }],
    });
    return { status, headers: { 'content-type': CONTENT_TYPE, ...error.headers }, body };
  }

  authError(failure: AuthFailure): ApiError {
    const { code, status } = QUERY_AUTH_ERRORS[failure.kind];
    return new ApiError(code, queryAuthMessage(failure), { status });
  }

  accessDenied(message: string): ApiError {
    return new ApiError('AccessDenied', message, { status: 403 });
  }

  unknownOperation(req: RawRequest): ApiError {
    const action = this.param(req, 'Action');
    if (!action) return new ApiError('MissingAction', 'Missing Action', { status: 400 });
    return new ApiError('InvalidAction', `Could not find operation ${action} for version ${this.param(req, 'Version') ?? this.service.version}`, { status: 400 });
  }
}

/**
 * The query services word two failures differently from the JSON ones: a
 * missing signature is "Request is missing Authentication Token", and a
 * signature mismatch carries the canonical request and string to sign.
 */
function queryAuthMessage(failure: AuthFailure): string {
  if (failure.kind === 'missing') return 'Request is missing Authentication Token';
  if (failure.kind === 'signatureMismatch' && failure.canonicalRequest !== undefined) {
    return (
      `${failure.message}\n\nThe Canonical String for this request should have been\n'${failure.canonicalRequest}'\n\n` +
      `The String-to-Sign should have been\n'${failure.stringToSign}'\n`
    );
  }
  return failure.message;
}
