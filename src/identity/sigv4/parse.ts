// Reads the signature of a request: from the Authorization header or from
// presigned-URL query parameters. Pure; no key lookups.
import type { AuthFailure, AuthFailureDetail } from '../../protocol/auth-failure.ts';
import type { RawRequest } from '../../protocol/http-types.ts';
import { queryValue } from '../../protocol/http-types.ts';
import { ALGORITHM } from './canonical.ts';

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
}

export interface ParsedSignature {
  form: 'header' | 'query';
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
  /** X-Amz-Date (or Date) as sent, basic ISO-8601: 20150830T123600Z. */
  amzDate: string;
  /** Presigned URLs only: validity in seconds. */
  expires?: number;
  sessionToken?: string;
}

export class AuthError extends Error {
  constructor(readonly failure: AuthFailure) {
    super(failure.message);
  }
}

const fail = (kind: AuthFailure['kind'], message: string, detail?: AuthFailureDetail): never => {
  throw new AuthError({ kind, message, detail });
};
const inHeader = (malformed: AuthFailureDetail['malformed']): AuthFailureDetail => ({ form: 'header', malformed });
const inQuery = (malformed: AuthFailureDetail['malformed']): AuthFailureDetail => ({ form: 'query', malformed });

/** The credential scope of a request, without validating anything else (used for routing). */
export function peekScope(req: RawRequest): CredentialScope | undefined {
  const header = req.headers['authorization'];
  const credential = header
    ? /Credential=([^,\s]+)/.exec(header)?.[1]
    : queryValue(req, 'X-Amz-Credential');
  return credential ? splitCredential(credential) : undefined;
}

function splitCredential(credential: string): CredentialScope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts;
  return { accessKeyId, date, region, service, terminator };
}

export function hasSignature(req: RawRequest): boolean {
  return req.headers['authorization'] !== undefined || queryValue(req, 'X-Amz-Signature') !== undefined;
}

export function parseSignature(req: RawRequest): ParsedSignature {
  const header = req.headers['authorization'];
  if (header !== undefined) return parseHeader(req, header);
  if (queryValue(req, 'X-Amz-Algorithm') !== undefined || queryValue(req, 'X-Amz-Signature') !== undefined) {
    return parseQuery(req);
  }
  // Signature Version 2 presigned URLs (AWSAccessKeyId, Signature, Expires), which boto3 still makes for S3.
  if (queryValue(req, 'AWSAccessKeyId') !== undefined && queryValue(req, 'Signature') !== undefined) {
    fail('incomplete', `Unsupported AWS 'algorithm': 'AWS' (only ${ALGORITHM} for now). `, inQuery('version2'));
  }
  return fail('missing', 'Missing Authentication Token');
}

function parseHeader(req: RawRequest, header: string): ParsedSignature {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    fail('incomplete', `Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now). `, inHeader(algorithm === 'AWS' ? 'version2' : 'algorithm'));
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((f) => !fields.get(f));
  if (missing.length > 0) {
    fail('incomplete', missing.map((f) => `Authorization header requires '${f}' parameter.`).join(' ') + ` Authorization=${header}`, inHeader('components'));
  }
  const credential = fields.get('Credential')!;
  const scope = splitCredential(credential);
  if (!scope) {
    fail('incomplete', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`, inHeader('credential'));
  }
  if (scope!.terminator !== 'aws4_request') {
    fail('badScope', `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope!.terminator}'. `, inHeader('credential'));
  }
  const amzDate = req.headers['x-amz-date'] ?? toBasicIso(req.headers['date']);
  if (!amzDate) {
    fail('incomplete', `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`, inHeader('date'));
  }
  return {
    form: 'header',
    scope: scope!,
    signedHeaders: fields.get('SignedHeaders')!.split(';'),
    signature: fields.get('Signature')!,
    amzDate: amzDate!,
    sessionToken: req.headers['x-amz-security-token'],
  };
}

function parseQuery(req: RawRequest): ParsedSignature {
  const get = (name: string) => queryValue(req, name);
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
  const missing = required.filter((name) => !get(name));
  if (missing.length > 0) {
    fail('incomplete', missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ') + ' Re-examine the query-string parameters.', inQuery('queryParameters'));
  }
  if (get('X-Amz-Algorithm') !== ALGORITHM) fail('incomplete', `X-Amz-Algorithm only supports "${ALGORITHM}"`, inQuery('algorithm'));
  const credential = get('X-Amz-Credential')!;
  const scope = splitCredential(credential);
  if (!scope) {
    fail('incomplete', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`, inQuery('credential'));
  }
  if (scope!.terminator !== 'aws4_request') {
    fail('badScope', `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope!.terminator}'. `, inQuery('credential'));
  }
  const expires = get('X-Amz-Expires');
  const expiresSeconds = expires === undefined ? undefined : Number(expires);
  if (expiresSeconds !== undefined && (!Number.isInteger(expiresSeconds) || expiresSeconds < 0 || expiresSeconds > 604800)) {
    fail('incomplete', 'X-Amz-Expires must be a non-negative integer no greater than 604800 (seven days).', inQuery('expires'));
  }
  return {
    form: 'query',
    scope: scope!,
    signedHeaders: get('X-Amz-SignedHeaders')!.split(';'),
    signature: get('X-Amz-Signature')!,
    amzDate: get('X-Amz-Date')!,
    expires: expiresSeconds,
    sessionToken: get('X-Amz-Security-Token'),
  };
}

/** HTTP-date → 20150830T123600Z (the Date header may stand in for X-Amz-Date). */
function toBasicIso(httpDate: string | undefined): string | undefined {
  if (!httpDate) return undefined;
  const ms = Date.parse(httpDate);
  return Number.isNaN(ms) ? undefined : formatAmzDate(new Date(ms));
}

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function parseAmzDate(amzDate: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}
