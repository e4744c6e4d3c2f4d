// encoding-type=url: S3 URL-encodes keys (and prefixes, delimiters, markers)
// in listings so that keys with characters XML 1.0 cannot carry survive.
// Spaces become '+', '/' and '*' stay as they are, everything outside
// A-Z a-z 0-9 - _ . is percent-encoded as UTF-8 — the form MinIO documents as
// S3's (s3URLEncode). botocore and the AWS CLI decode it with unquote_plus.
export function urlEncodeKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.*/]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
