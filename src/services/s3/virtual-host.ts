// Virtual-hosted-style addressing: the bucket named in the Host header
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html).
// Requests are routed as if they were path-style; the signature is still
// verified over the path as sent.

const AWS_HOST = /^(.+)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;
const LOCALHOST = /^(.+)\.localhost$/;

/** The bucket a Host header names (`b.s3.us-east-1.amazonaws.com`, `b.s3.amazonaws.com`, `b.localhost`), if any. */
export function virtualHostBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return (AWS_HOST.exec(name) ?? LOCALHOST.exec(name))?.[1];
}

const S3_ENDPOINT = /^s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;

/** True when the Host header addresses S3 (its endpoint or a virtual-hosted bucket). */
export function isS3Host(host: string | undefined): boolean {
  if (!host) return false;
  return virtualHostBucket(host) !== undefined || S3_ENDPOINT.test(host.replace(/:\d+$/, '').toLowerCase());
}

/**
 * The path-style path of a request: `/key` on `b.localhost` is `/b/key`.
 * `/b/` (a bucket with a trailing slash, as some clients send) is `/b`.
 */
export function pathStylePath(path: string, host: string | undefined): string {
  const bucket = virtualHostBucket(host);
  const full = bucket === undefined ? path : path === '/' || path === '' ? `/${bucket}` : `/${bucket}${path}`;
  return /^\/[^/]+\/$/.test(full) ? full.slice(0, -1) : full;
}
