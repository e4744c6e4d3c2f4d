// Presigned GET URLs for objects of this server's S3 API: SigV4 in the query
// string (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html),
// path-style, signing only the Host header and UNSIGNED-PAYLOAD, as the AWS
// SDKs' S3 presigners do. Datasets hand these out as content dataURIs.
import { createHmac } from 'node:crypto';
import { ALGORITHM, canonicalQuery, canonicalRequest, signingKey, stringToSign, UNSIGNED_PAYLOAD, uriEncode } from '../../identity/sigv4/canonical.ts';
import { formatAmzDate } from '../../identity/sigv4/parse.ts';

/** IoT Analytics dataset content URIs stay valid for two hours. */
export const DEFAULT_EXPIRY_SECONDS = 7200;
/** SigV4 presigned URLs are valid for at most seven days. */
export const MAX_EXPIRY_SECONDS = 604800;

export interface PresignGetObject {
  /** The server's base URL as clients reach it, e.g. http://127.0.0.1:8686. */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  bucket: string;
  key: string;
  /** Seconds the URL stays valid (default 7200, at most 604800). */
  expiresIn?: number;
  /** The signing time (the server's clock). */
  now: Date;
}

export function presignGetObject(request: PresignGetObject): string {
  const expiresIn = request.expiresIn ?? DEFAULT_EXPIRY_SECONDS;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRY_SECONDS) {
    throw new RangeError(`expiresIn must be a whole number of seconds from 1 to ${MAX_EXPIRY_SECONDS}, got ${expiresIn}`);
  }
  const base = new URL(request.endpoint);
  const path = `${base.pathname.replace(/\/$/, '')}/${uriEncode(request.bucket)}/${uriEncode(request.key, true)}`;
  const amzDate = formatAmzDate(request.now);
  const date = amzDate.slice(0, 8);
  const scope = `${date}/${request.region}/s3/aws4_request`;
  const { accessKeyId, secretAccessKey, sessionToken } = request.credentials;
  const params: [string, string][] = [
    ['X-Amz-Algorithm', ALGORITHM],
    ['X-Amz-Credential', `${accessKeyId}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(expiresIn)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  if (sessionToken) params.push(['X-Amz-Security-Token', sessionToken]);
  const query = canonicalQuery(params);
  const canonical = canonicalRequest({
    method: 'GET',
    uri: path,
    query,
    headers: { host: base.host },
    signedHeaders: ['host'],
    payloadHash: UNSIGNED_PAYLOAD,
  });
  const key = signingKey(secretAccessKey, date, request.region, 's3');
  const signature = createHmac('sha256', key).update(stringToSign(amzDate, scope, canonical)).digest('hex');
  return `${base.origin}${path}?${query}&X-Amz-Signature=${signature}`;
}
