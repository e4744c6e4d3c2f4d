// aws.protocols#restXml (https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html):
// operations routed by URI template; input from labels, query, headers and an
// XML (or blob) payload; output as headers plus an XML document, a blob or a
// stream; errors as XML, wrapped in <ErrorResponse> unless the protocol trait
// says `noErrorWrapping` (S3). Responses to HEAD carry headers only.
import { Readable } from 'node:stream';
import { ApiError, frameworkErrors } from '../errors.ts';
import type { RawRequest, RawResponse } from '../http-types.ts';
import type { OperationModel, ServiceModel } from '../model/service-model.ts';
import type { Member, Shape } from '../model/shapes.ts';
import { RestRouter } from '../routing/rest-router.ts';
import type { AuthFailure } from '../auth-failure.ts';
import { bodyMembers, payloadMember, readBoundMembers, responseCode, writeBoundHeaders } from './http-bindings.ts';
import { jsonAccessDenied, jsonAuthError } from './json-errors.ts';
import type { RoutedRequest, ServerProtocol } from './server-protocol.ts';
import { parseXml, renderXml, XML_DECLARATION, XmlSyntaxError, type XmlElement, type XmlNode } from './xml.ts';
import { readXmlStructure, rootName, writeXmlMembers, writeXmlValue } from './xml-values.ts';

const CONTENT_TYPE = 'application/xml';
/** Smithy's S3 customization: the output document is the single member's element itself. */
const UNWRAPPED_OUTPUT = 'aws.customizations#s3UnwrappedXmlOutput';

export class RestXmlProtocol implements ServerProtocol {
  protected readonly router: RestRouter;
  private readonly noErrorWrapping: boolean;

  constructor(readonly service: ServiceModel) {
    this.router = new RestRouter(service.operations.values());
    const trait = service.shape.traits['aws.protocols#restXml'] as { noErrorWrapping?: boolean } | undefined;
    this.noErrorWrapping = trait?.noErrorWrapping === true;
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
      const value = this.readPayload(req.body, payload);
      if (value !== undefined) input[payload.name] = value;
      return input;
    }
    const members = bodyMembers(shape);
    if (members.length > 0 && req.body.length > 0) {
      Object.assign(input, readXmlStructure(this.parseDocument(req.body, rootName(shape)), shape, members));
    }
    return input;
  }

  /** A blob payload is always present (an empty body is an empty blob); a structure only when a body was sent. */
  private readPayload(body: Buffer, member: Member): unknown {
    const target = member.target;
    if (target.type === 'blob') return body;
    if (body.length === 0) return undefined;
    if (target.type === 'string' || target.type === 'enum') return body.toString('utf8');
    const name = (member.traits['smithy.api#xmlName'] as string | undefined) ?? rootName(target);
    return readXmlStructure(this.parseDocument(body, name), target);
  }

  protected parseDocument(body: Buffer, expectedRoot: string): XmlElement {
    let root: XmlElement;
    try {
      root = parseXml(body.toString('utf8'));
    } catch (error) {
      if (error instanceof XmlSyntaxError) throw frameworkErrors.serialization(error.message);
      throw error;
    }
    if (root.name !== expectedRoot) {
      throw frameworkErrors.serialization(`Expected the document element <${expectedRoot}>, got <${root.name}>`);
    }
    return root;
  }

  serialize(operation: OperationModel, output: Record<string, unknown> | undefined, _requestId: string): RawResponse {
    const shape = operation.output;
    const status = responseCode(shape, output) ?? operation.http?.code ?? 200;
    const headers: Record<string, string> = shape && output ? writeBoundHeaders(shape, output) : {};
    if (operation.http?.method === 'HEAD' || status === 204 || status === 304 || !shape || !output) {
      return { status, headers };
    }
    const payload = payloadMember(shape);
    if (payload) return { status, ...this.payloadBody(output[payload.name], payload, headers) };
    if (UNWRAPPED_OUTPUT in operation.shape.traits) {
      const [member] = bodyMembers(shape);
      const value = member && output[member.name];
      const node: XmlNode = value === undefined || value === null ? { name: rootName(shape) } : writeXmlValue(rootName(shape), value, member);
      return { status, headers: { ...headers, 'content-type': CONTENT_TYPE }, body: this.document(node) };
    }
    const members = bodyMembers(shape);
    if (members.length === 0) return { status, headers };
    const { children, attributes } = writeXmlMembers(output, shape, members);
    const body = this.document({ name: rootName(shape), attributes, children });
    return { status, headers: { ...headers, 'content-type': CONTENT_TYPE }, body };
  }

  private payloadBody(value: unknown, member: Member, headers: Record<string, string>): Pick<RawResponse, 'body' | 'headers'> {
    if (value === undefined || value === null) return { headers };
    if (value instanceof Readable || Buffer.isBuffer(value) || typeof value === 'string') return { headers, body: value };
    if (value instanceof Uint8Array) return { headers, body: Buffer.from(value) };
    const target = member.target;
    const name = (member.traits['smithy.api#xmlName'] as string | undefined) ?? rootName(target);
    const node = writeXmlValue(name, value, member);
    return { headers: { ...headers, 'content-type': CONTENT_TYPE }, body: this.document(node) };
  }

  /** A document whose root element carries the service's namespace. */
  protected document(root: XmlNode): string {
    const xmlns = this.service.xmlNamespace;
    const attributes = xmlns && !root.attributes?.xmlns ? { xmlns, ...root.attributes } : root.attributes;
    return XML_DECLARATION + renderXml({ ...root, attributes });
  }

  serializeError(error: ApiError, requestId: string, operation?: OperationModel): RawResponse {
    const shape = this.service.errorShape(error.code);
    const status = (shape?.traits['smithy.api#httpError'] as number | undefined) ?? error.status ?? (error.fault === 'server' ? 500 : 400);
    const headers = { ...error.headers };
    if (operation?.http?.method === 'HEAD' || status === 304) return { status, headers };
    const fields = this.errorFields(error, shape);
    const code: XmlNode[] = [{ name: 'Code', text: error.code }, { name: 'Message', text: error.message }, ...fields];
    const body = this.noErrorWrapping
      ? renderXml({ name: 'Error', children: [...code, ...this.errorTrailer(requestId)] })
      : renderXml({
          name: 'ErrorResponse',
          attributes: this.service.xmlNamespace ? { xmlns: this.service.xmlNamespace } : {},
          children: [
            { name: 'Error', children: [{ name: 'Type', text: error.fault === 'server' ? 'Receiver' : 'Sender' }, ...code] },
            ...this.errorTrailer(requestId),
          ],
        });
    return { status, headers: { ...headers, 'content-type': CONTENT_TYPE }, body: XML_DECLARATION + body };
  }

  /** What follows the error's fields: the request id. */
  protected errorTrailer(requestId: string): XmlNode[] {
    return [{ name: 'RequestId', text: requestId }];
  }

  /** Modelled members of the error, then any other fields as text elements, in the order given. */
  protected errorFields(error: ApiError, shape: Shape | undefined): XmlNode[] {
    const modelled = shape ? writeXmlMembers(error.fields, shape).children : [];
    const known = new Set(shape?.members.map((m) => m.name) ?? []);
    const extra = Object.entries(error.fields)
      .filter(([name, value]) => !known.has(name) && value !== undefined && value !== null)
      .map(([name, value]) => ({ name, text: value instanceof Date ? value.toISOString() : String(value) }));
    return [...modelled, ...extra];
  }

  // Coral's words for authentication and authorization failures, as the
  // restJson1 services give them; S3 words them its own way (S3Protocol).
  authError(failure: AuthFailure): ApiError {
    return jsonAuthError(failure, 'restJson');
  }

  accessDenied(message: string): ApiError {
    return jsonAccessDenied(message);
  }

  unknownOperation(_req: RawRequest): ApiError {
    return frameworkErrors.unknownOperation();
  }
}
