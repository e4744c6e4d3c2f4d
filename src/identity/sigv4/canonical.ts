// The canonical request and string to sign of AWS Signature Version 4
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
import { createHash, createHmac } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ is percent-encoded (UTF-8, upper-case hex). */
export function uriEncode(text: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * The canonical URI. For every service but S3, clients normalise the path
 * (removing `.` and `..` segments and empty segments) and URI-encode it once
 * more, so the wire path — already encoded once — is encoded again. S3 signs
 * the path exactly as sent.
 */
export function canonicalUri(wirePath: string, s3: boolean): string {
  if (s3) return wirePath === '' ? '/' : wirePath;
  const segments: string[] = [];
  for (const segment of wirePath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = wirePath.length > 1 && wirePath.endsWith('/') && segments.length > 0 ? '/' : '';
  return '/' + segments.map((s) => uriEncode(s)).join('/') + trailing;
}

/** Query parameters re-encoded strictly and sorted by name, then value. */
export function canonicalQuery(pairs: [string, string][], exclude?: string): string {
  return pairs
    .filter(([k]) => k !== exclude)
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Header values are trimmed and runs of spaces collapsed. */
export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

export interface CanonicalRequestParts {
  method: string;
  uri: string;
  query: string;
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadHash: string;
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const headerLines = parts.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(parts.headers[name] ?? '')}\n`);
  return [
    parts.method,
    parts.uri,
    parts.query,
    headerLines.join(''),
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

// Most requests (GET, DELETE) have no body; its hash is a constant.
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export function sha256Hex(data: string | Buffer): string {
  if (data.length === 0) return EMPTY_SHA256;
  return createHash('sha256').update(data).digest('hex');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

/** The key a secret derives for one day, region and service: HMAC chain over "AWS4" + secret. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}
