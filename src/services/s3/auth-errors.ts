// How S3 words authentication failures: its own codes (AccessDenied,
// InvalidAccessKeyId, SignatureDoesNotMatch, …) with the request facts it
// echoes as extra elements. Texts and element order from captures of real S3
// responses, collected with their sources in /work/notes/auth-errors.md §3;
// cases marked there as weakly sourced are noted here too.
import type { AuthFailure } from '../../protocol/auth-failure.ts';
import { ApiError } from '../../protocol/errors.ts';
import { parseAmzDate } from '../../identity/sigv4/parse.ts';
import { MAX_SKEW_MS } from '../../identity/sigv4/verifier.ts';
import { errors } from './errors.ts';

const CREDENTIAL_FORMAT = 'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".';

/** Space-separated lower-case hex of each byte, as S3's *Bytes elements. */
const bytesOf = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** 2025-09-03T16:21:50Z: ISO-8601 without milliseconds, as S3 writes ServerTime and Expires. */
const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A malformed signature: AuthorizationHeaderMalformed, or for presigned URLs AuthorizationQueryParametersError. */
function malformed(query: boolean, headerText: string, queryText = headerText): ApiError {
  return query
    ? new ApiError('AuthorizationQueryParametersError', queryText, { status: 400 })
    : new ApiError('AuthorizationHeaderMalformed', `The authorization header is malformed; ${headerText}`, { status: 400 });
}

export function s3AuthError(failure: AuthFailure): ApiError {
  const detail = failure.detail ?? {};
  const query = detail.form === 'query';
  switch (failure.kind) {
    case 'missing':
      return errors.accessDenied();
    case 'unknownKey':
      return new ApiError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
        status: 403,
        fields: { AWSAccessKeyId: failure.accessKeyId },
      });
    case 'signatureMismatch':
      if (detail.malformed === 'credentialDate') {
        return malformed(query, 'Invalid credential date. Date is not the same as X-Amz-Date.');
      }
      return new ApiError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        {
          status: 403,
          fields: {
            AWSAccessKeyId: failure.accessKeyId,
            StringToSign: failure.stringToSign,
            SignatureProvided: detail.signatureProvided,
            StringToSignBytes: failure.stringToSign && bytesOf(failure.stringToSign),
            CanonicalRequest: failure.canonicalRequest,
            CanonicalRequestBytes: failure.canonicalRequest && bytesOf(failure.canonicalRequest),
          },
        },
      );
    case 'skewed':
      // A presigned URL dated in the future gets the same answer (no capture of S3's).
      return new ApiError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
        status: 403,
        fields: {
          RequestTime: detail.requestTime,
          ServerTime: detail.serverTime && isoSeconds(detail.serverTime),
          MaxAllowedSkewMilliseconds: MAX_SKEW_MS,
        },
      });
    case 'expired': {
      const signedAt = detail.requestTime && parseAmzDate(detail.requestTime);
      return errors.accessDenied('Request has expired', {
        'X-Amz-Expires': detail.expiresSeconds,
        Expires: signedAt && detail.expiresSeconds !== undefined ? isoSeconds(new Date(signedAt.getTime() + detail.expiresSeconds * 1000)) : undefined,
        ServerTime: detail.serverTime && isoSeconds(detail.serverTime),
      });
    }
    case 'invalidToken':
      return new ApiError('InvalidToken', 'The provided token is malformed or otherwise invalid.', { status: 400, fields: { 'Token-0': detail.sessionToken } });
    case 'expiredToken':
      return new ApiError('ExpiredToken', 'The provided token has expired.', { status: 400, fields: { 'Token-0': detail.sessionToken } });
    case 'contentHashMismatch':
      return new ApiError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
        status: 400,
        fields: { ClientComputedContentSHA256: detail.declaredContentSha256, S3ComputedContentSHA256: detail.computedContentSha256 },
      });
    case 'badScope':
      if (detail.malformed === 'service') {
        return malformed(query, `incorrect service. This endpoint belongs to "s3".`, `Error parsing the X-Amz-Credential parameter; incorrect service. This endpoint belongs to "s3".`);
      }
      if (detail.malformed === 'region') {
        return malformed(query, 'Invalid region: region was not a valid DNS name.', 'Error parsing the X-Amz-Credential parameter; Invalid region: region was not a valid DNS name.');
      }
      return malformed(query, CREDENTIAL_FORMAT, `Error parsing the X-Amz-Credential parameter; ${CREDENTIAL_FORMAT}`);
    case 'incomplete':
      return incomplete(failure, query);
  }
}

function incomplete(failure: AuthFailure, query: boolean): ApiError {
  switch (failure.detail?.malformed) {
    case 'version2':
      // S3's answer to Signature Version 2 in Regions that only take SigV4.
      return errors.invalidRequest('The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
    case 'algorithm':
      return query
        ? malformed(true, '', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"')
        : errors.invalidArgument('Unsupported Authorization Type', 'Authorization');
    case 'components':
      return malformed(false, 'the authorization header requires three components: Credential, SignedHeaders, and Signature.');
    case 'credential':
      return malformed(query, CREDENTIAL_FORMAT, `Error parsing the X-Amz-Credential parameter; ${CREDENTIAL_FORMAT}`);
    case 'queryParameters':
      return malformed(
        true,
        '',
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    case 'expires':
      return malformed(true, '', 'X-Amz-Expires must be less than a week (in seconds) that is 604800');
    case 'date':
      // Weakly sourced (MinIO's wording; no capture of S3's).
      return errors.accessDenied('AWS authentication requires a valid Date or x-amz-date header');
    case 'contentSha256':
      return errors.invalidRequest('Missing required header for this request: x-amz-content-sha256');
    default:
      return malformed(query, failure.message);
  }
}
