// Verifies AWS Signature Version 4 on a request, in the Authorization-header
// and the presigned-query forms. The caller supplies the secret of the access
// key; the verifier checks scope, clock skew or expiry, the signature, and the
// declared payload hash, in that order. Session tokens are returned, not
// judged: whether a token belongs to the key is the credential store's call.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthFailure, AuthFailureKind } from '../../protocol/auth-failure.ts';
import type { RawRequest } from '../../protocol/http-types.ts';
import { queryValue } from '../../protocol/http-types.ts';
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  sha256Hex,
  stringToSign,
  signingKey,
  UNSIGNED_PAYLOAD,
} from './canonical.ts';
import { AuthError, formatAmzDate, parseAmzDate, parseSignature, type ParsedSignature } from './parse.ts';

/** Requests may be signed up to 15 minutes before or after the server's clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface VerifyOptions {
  now: Date;
  /** The signing name the service expects in the credential scope. */
  signingName: string;
  /** S3 rules: the path is signed as sent, and the payload hash header is mandatory. */
  s3: boolean;
  /** The secret of an access key, or undefined when the key is unknown. */
  secretFor(accessKeyId: string): Promise<string | undefined>;
}

export interface VerifiedSignature {
  accessKeyId: string;
  region: string;
  sessionToken?: string;
  signedAt: Date;
}

const fail = (kind: AuthFailureKind, message: string, extra: Partial<AuthFailure> = {}): never => {
  throw new AuthError({ kind, message, ...extra });
};

const REGION = /^[a-z0-9-]{1,64}$/;

export class SigV4Verifier {
  private readonly signingKeys = new Map<string, Buffer>();

  async verify(req: RawRequest, options: VerifyOptions): Promise<VerifiedSignature> {
    const sig = parseSignature(req);
    try {
      return await this.check(req, sig, options);
    } catch (error) {
      if (error instanceof AuthError) {
        error.failure.detail = {
          form: sig.form,
          signatureProvided: sig.signature,
          requestTime: sig.amzDate,
          serverTime: options.now,
          expiresSeconds: sig.expires,
          sessionToken: sig.sessionToken,
          ...error.failure.detail,
        };
      }
      throw error;
    }
  }

  private async check(req: RawRequest, sig: ParsedSignature, options: VerifyOptions): Promise<VerifiedSignature> {
    const { scope } = sig;
    if (!REGION.test(scope.region)) {
      fail('badScope', `Credential should be scoped to a valid region, not '${scope.region}'. `, { detail: { malformed: 'region' } });
    }
    if (scope.service !== options.signingName) {
      fail('badScope', `Credential should be scoped to correct service: '${options.signingName}'. `, { detail: { malformed: 'service' } });
    }
    const signedAt = parseAmzDate(sig.amzDate);
    if (!signedAt) {
      fail('incomplete', `Date must be in ISO-8601 'basic format'. Got '${sig.amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`, { detail: { malformed: 'date' } });
    }
    if (!sig.amzDate.startsWith(scope.date)) {
      fail('signatureMismatch', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${sig.amzDate.slice(0, 8)}', from '${sig.amzDate}'.`, { detail: { malformed: 'credentialDate' } });
    }
    checkTime(sig, signedAt!, options.now);

    const secret = await options.secretFor(scope.accessKeyId);
    if (secret === undefined) {
      fail('unknownKey', 'The security token included in the request is invalid.', { accessKeyId: scope.accessKeyId });
    }
    const payloadHashes = this.payloadHashes(req, sig, options.s3);
    const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
    const key = this.cachedSigningKey(secret!, scope.date, scope.region, scope.service);
    let matched = false;
    let lastCanonical = '';
    let lastStringToSign = '';
    for (const payloadHash of payloadHashes) {
      lastCanonical = canonicalRequest({
        method: req.method,
        uri: canonicalUri(req.path, options.s3),
        query: canonicalQuery(req.query, sig.form === 'query' ? 'X-Amz-Signature' : undefined),
        headers: req.headers,
        signedHeaders: sig.signedHeaders,
        payloadHash,
      });
      lastStringToSign = stringToSign(sig.amzDate, credentialScope, lastCanonical);
      const expected = createHmac('sha256', key).update(lastStringToSign).digest();
      const given = Buffer.from(sig.signature, 'hex');
      if (given.length === expected.length && timingSafeEqual(given, expected)) {
        matched = true;
        break;
      }
    }
    if (!matched) {
      fail(
        'signatureMismatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        { accessKeyId: scope.accessKeyId, canonicalRequest: lastCanonical, stringToSign: lastStringToSign },
      );
    }
    const declared = req.headers['x-amz-content-sha256'];
    if (declared && /^[0-9a-f]{64}$/.test(declared) && declared !== sha256Hex(req.body)) {
      fail('contentHashMismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
        detail: { declaredContentSha256: declared, computedContentSha256: sha256Hex(req.body) },
      });
    }
    return { accessKeyId: scope.accessKeyId, region: scope.region, sessionToken: sig.sessionToken, signedAt: signedAt! };
  }

  /**
   * The payload hashes a signature may have been made with. The header form
   * uses x-amz-content-sha256 when sent (S3 requires it), else the body's
   * hash. Presigned URLs are signed with UNSIGNED-PAYLOAD by S3 clients and
   * with the (empty) body's hash by other clients.
   */
  private payloadHashes(req: RawRequest, sig: ParsedSignature, s3: boolean): string[] {
    const declared = req.headers['x-amz-content-sha256'];
    if (sig.form === 'header') {
      if (declared) return [declared];
      if (s3) fail('incomplete', 'Missing required header for this request: x-amz-content-sha256', { detail: { malformed: 'contentSha256' } });
      return [sha256Hex(req.body)];
    }
    const hashed = queryValue(req, 'X-Amz-Content-Sha256') ?? declared;
    return hashed ? [hashed] : [UNSIGNED_PAYLOAD, sha256Hex(req.body)];
  }

  private cachedSigningKey(secret: string, date: string, region: string, service: string): Buffer {
    const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
    let key = this.signingKeys.get(cacheKey);
    if (!key) {
      key = signingKey(secret, date, region, service);
      if (this.signingKeys.size >= 1024) this.signingKeys.clear();
      this.signingKeys.set(cacheKey, key);
    }
    return key;
  }
}

function checkTime(sig: ParsedSignature, signedAt: Date, now: Date): void {
  const nowMs = now.getTime();
  if (sig.form === 'query') {
    if (signedAt.getTime() - nowMs > MAX_SKEW_MS) {
      fail('skewed', `Signature not yet current: ${sig.amzDate} is still later than ${formatAmzDate(new Date(nowMs + MAX_SKEW_MS))} (${formatAmzDate(now)} + 15 min.)`);
    }
    const expiresAt = signedAt.getTime() + (sig.expires ?? 0) * 1000;
    if (sig.expires !== undefined && expiresAt < nowMs) {
      fail('expired', `Signature expired: ${sig.amzDate} is now earlier than ${formatAmzDate(new Date(nowMs - (sig.expires ?? 0) * 1000))} (${formatAmzDate(now)} - ${sig.expires} sec.)`);
    }
    return;
  }
  if (nowMs - signedAt.getTime() > MAX_SKEW_MS) {
    fail('skewed', `Signature expired: ${sig.amzDate} is now earlier than ${formatAmzDate(new Date(nowMs - MAX_SKEW_MS))} (${formatAmzDate(now)} - 15 min.)`);
  }
  if (signedAt.getTime() - nowMs > MAX_SKEW_MS) {
    fail('skewed', `Signature not yet current: ${sig.amzDate} is still later than ${formatAmzDate(new Date(nowMs + MAX_SKEW_MS))} (${formatAmzDate(now)} + 15 min.)`);
  }
}
