// Why a request failed authentication, independent of how a protocol words it.
// The SigV4 verifier produces these; each codec maps them to its wire errors.

export type AuthFailureKind =
  /** No Authorization header and no presigned query parameters. */
  | 'missing'
  /** Authorization present but malformed or incomplete. */
  | 'incomplete'
  /** The access key id is not known (or has been deleted or deactivated). */
  | 'unknownKey'
  /** The signature does not match the one computed with the key's secret. */
  | 'signatureMismatch'
  /** X-Amz-Date is more than 15 minutes from the server's clock. */
  | 'skewed'
  /** A presigned URL past its X-Amz-Expires. */
  | 'expired'
  /** The session token is missing, wrong, or does not belong to the key. */
  | 'invalidToken'
  /** Temporary credentials past their expiration. */
  | 'expiredToken'
  /** The credential scope names another service or an invalid region. */
  | 'badScope'
  /** x-amz-content-sha256 does not match the body. */
  | 'contentHashMismatch';

export interface AuthFailure {
  kind: AuthFailureKind;
  /** The message AWS gives for this case. */
  message: string;
  accessKeyId?: string;
  /** For diagnostics in S3-style errors. */
  stringToSign?: string;
  canonicalRequest?: string;
  /** Facts about the request that some protocols echo in their errors (S3 does). */
  detail?: AuthFailureDetail;
}

export interface AuthFailureDetail {
  /** Where the signature was: the Authorization header or presigned-URL query parameters. */
  form?: 'header' | 'query';
  /** Which part of the signature is malformed, for protocols that word each case apart ('version2': a SigV2 signature). */
  malformed?: 'version2' | 'algorithm' | 'components' | 'credential' | 'region' | 'service' | 'date' | 'credentialDate' | 'queryParameters' | 'expires' | 'contentSha256';
  signatureProvided?: string;
  /** X-Amz-Date as sent. */
  requestTime?: string;
  serverTime?: Date;
  /** X-Amz-Expires of a presigned URL. */
  expiresSeconds?: number;
  sessionToken?: string;
  /** x-amz-content-sha256 as sent, and the hash of the body as received. */
  declaredContentSha256?: string;
  computedContentSha256?: string;
}
