// Opaque pagination tokens: the position of the next page, bound to the
// listing it came from and MAC'd with the server's secret, so a token that was
// edited, or replayed against another listing, is rejected.
import { createHmac, timingSafeEqual } from 'node:crypto';

export class PageTokens {
  constructor(private readonly secret: string) {}

  /** @param scope what the token is valid for, e.g. "iotanalytics:ListChannels:us-east-1". */
  encode(scope: string, position: unknown): string {
    const body = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${body}.${this.mac(scope, body)}`;
  }

  /** The position, or undefined when the token is malformed, tampered with or from another scope. */
  decode<T>(scope: string, token: string): T | undefined {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(scope, body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }

  private mac(scope: string, body: string): string {
    return createHmac('sha256', this.secret).update(`${scope}\n${body}`).digest('base64url').slice(0, 22);
  }
}
