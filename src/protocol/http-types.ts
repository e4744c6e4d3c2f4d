// The HTTP request and response as the protocol layer sees them: already read
// off the socket, independent of node:http.
import type { Readable } from 'node:stream';

export interface RawRequest {
  method: string;
  /** The path exactly as it arrived, still percent-encoded. */
  path: string;
  /** The query string as it arrived, without the leading '?'. */
  rawQuery: string;
  /** Query parameters, percent-decoded, in arrival order. */
  query: [string, string][];
  /** Header names lower-cased; repeated headers joined with ','. */
  headers: Record<string, string>;
  body: Buffer;
  remoteAddress: string;
  /** Set when the listener terminated TLS. */
  tls?: { version: string; cipherSuite: string };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body?: Buffer | string | Readable;
}

export function queryValue(req: RawRequest, name: string): string | undefined {
  return req.query.find(([k]) => k === name)?.[1];
}

export function queryValues(req: RawRequest, name: string): string[] {
  return req.query.filter(([k]) => k === name).map(([, v]) => v);
}

/**
 * Splits a raw query string into decoded pairs. '+' is kept literally, as
 * SigV4 requires, unless `plusIsSpace` (form-urlencoded bodies).
 */
export function parseQuery(rawQuery: string, plusIsSpace = false): [string, string][] {
  if (!rawQuery) return [];
  const decode = (text: string) => safeDecode(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  return rawQuery
    .split('&')
    .filter((part) => part.length > 0)
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      return [decode(key), decode(value)];
    });
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
