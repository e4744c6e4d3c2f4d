// S3's dialect of restXml: virtual-hosted-style addressing, aws-chunked
// uploads, S3's error codes for what the protocol layer and the SigV4
// verifier reject, the x-amz-request-id / x-amz-id-2 headers (and RequestId /
// HostId elements) on every answer, and 206 for ranged GetObject.
import { createHash } from 'node:crypto';
import type { AuthFailure } from '../../protocol/auth-failure.ts';
import type { RoutedRequest } from '../../protocol/codecs/server-protocol.ts';
import { RestXmlProtocol } from '../../protocol/codecs/rest-xml.ts';
import type { XmlElement, XmlNode } from '../../protocol/codecs/xml.ts';
import { ApiError } from '../../protocol/errors.ts';
import type { RawRequest, RawResponse } from '../../protocol/http-types.ts';
import type { OperationModel } from '../../protocol/model/service-model.ts';
import { s3AuthError } from './auth-errors.ts';
import { AwsChunkedError, decodeAwsChunked } from './aws-chunked.ts';
import { errors } from './errors.ts';
import { isS3Host, pathStylePath } from './virtual-host.ts';
import { hasSignature } from '../../identity/sigv4/parse.ts';

/** The body hash value of uploads sent in aws-chunked encoding without per-chunk signatures. */
const UNSIGNED_CHUNKED = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

export class S3Protocol extends RestXmlProtocol {
  /**
   * Every service shares one port, and S3's path-style templates match almost
   * any path. A signed request names S3 in its credential scope; an unsigned
   * one is S3's only when its Host says so (`s3.…amazonaws.com`, a
   * virtual-hosted bucket). Other unsigned requests are left to the other
   * services, which ask for authentication as AWS's front ends do.
   */
  override route(req: RawRequest): RoutedRequest | undefined {
    const signed = hasSignature(req) || req.query.some(([k]) => k === 'AWSAccessKeyId'); // SigV2 is S3's alone
    if (!signed && !isS3Host(req.headers['host'])) return undefined;
    return this.router.match({ ...req, path: pathStylePath(req.path, req.headers['host']) });
  }

  override deserialize(req: RawRequest, routed: RoutedRequest): Record<string, unknown> {
    return super.deserialize(dechunked(req), routed);
  }

  protected override parseDocument(body: Buffer, expectedRoot: string): XmlElement {
    try {
      return super.parseDocument(body, expectedRoot);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SerializationException') throw errors.malformedXml();
      throw error;
    }
  }

  override serialize(operation: OperationModel, output: Record<string, unknown> | undefined, requestId: string): RawResponse {
    const response = super.serialize(operation, output, requestId);
    if (operation.name === 'GetObject' && output?.ContentRange !== undefined) response.status = 206;
    Object.assign(response.headers, idHeaders(requestId));
    return response;
  }

  override serializeError(error: ApiError, requestId: string, operation?: OperationModel): RawResponse {
    const response = super.serializeError(frameworkErrorInS3Terms(error), requestId, operation);
    Object.assign(response.headers, idHeaders(requestId));
    return response;
  }

  protected override errorTrailer(requestId: string): XmlNode[] {
    return [
      { name: 'RequestId', text: requestId },
      { name: 'HostId', text: hostId(requestId) },
    ];
  }

  override authError(failure: AuthFailure): ApiError {
    return s3AuthError(failure);
  }

  override accessDenied(message: string): ApiError {
    return errors.accessDenied(message);
  }

  override unknownOperation(req: RawRequest): ApiError {
    const segments = pathStylePath(req.path, req.headers['host']).split('/').filter(Boolean).length;
    return errors.methodNotAllowed(req.method, segments === 0 ? 'SERVICE' : segments === 1 ? 'BUCKET' : 'OBJECT');
  }
}

/** The protocol layer's own failures, in the codes S3 gives them. */
function frameworkErrorInS3Terms(error: ApiError): ApiError {
  switch (error.code) {
    case 'SerializationException':
      return errors.invalidArgument(error.message || 'Invalid Argument');
    case 'NotImplementedException':
      return errors.notImplemented(error.message);
    case 'InternalFailureException':
      return errors.internalError();
    default:
      return error;
  }
}

/**
 * The body as sent in aws-chunked encoding, decoded; checksum trailers become
 * headers. Chunks signed one by one (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) are
 * refused: their signatures would have to be verified, which we do not.
 */
function dechunked(req: RawRequest): RawRequest {
  const hash = req.headers['x-amz-content-sha256'] ?? '';
  const encodings = (req.headers['content-encoding'] ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (!hash.startsWith('STREAMING-') && !encodings.includes('aws-chunked')) return req;
  if (hash !== UNSIGNED_CHUNKED) {
    throw errors.notImplemented(
      `Uploads signed chunk by chunk (x-amz-content-sha256: ${hash}) are not supported; sign the whole payload, or send UNSIGNED-PAYLOAD or ${UNSIGNED_CHUNKED}.`,
    );
  }
  let decoded;
  try {
    decoded = decodeAwsChunked(req.body);
  } catch (error) {
    if (error instanceof AwsChunkedError) throw errors.incompleteBody();
    throw error;
  }
  const declared = req.headers['x-amz-decoded-content-length'];
  if (declared !== undefined && Number(declared) !== decoded.data.length) throw errors.incompleteBody();
  const headers = { ...req.headers };
  for (const [name, value] of Object.entries(decoded.trailers)) if (name.startsWith('x-amz-checksum-')) headers[name] = value;
  const remaining = encodings.filter((e) => e !== 'aws-chunked');
  if (remaining.length > 0) headers['content-encoding'] = remaining.join(',');
  else delete headers['content-encoding'];
  return { ...req, headers, body: decoded.data };
}

function hostId(requestId: string): string {
  return createHash('sha256').update(requestId).digest('base64');
}

function idHeaders(requestId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId) };
}
