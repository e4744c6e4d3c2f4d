// The aws-chunked content encoding S3 clients use to stream an upload
// without knowing its hash up front
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html):
//   <hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n … 0\r\n[<trailer>:<value>\r\n]…\r\n
// Trailers carry the checksum of the whole body (x-amz-checksum-crc32, …).

export class AwsChunkedError extends Error {}

export interface DecodedChunks {
  data: Buffer;
  /** Trailing headers, names lower-cased. */
  trailers: Record<string, string>;
}

export function decodeAwsChunked(body: Buffer): DecodedChunks {
  const parts: Buffer[] = [];
  let pos = 0;
  const line = (): string => {
    const end = body.indexOf('\r\n', pos);
    if (end < 0) throw new AwsChunkedError('aws-chunked body ends inside a chunk header');
    const text = body.subarray(pos, end).toString('latin1');
    pos = end + 2;
    return text;
  };
  for (;;) {
    const header = line();
    const size = parseInt(header.split(';')[0], 16);
    if (!/^[0-9a-fA-F]+$/.test(header.split(';')[0]) || Number.isNaN(size)) {
      throw new AwsChunkedError(`bad aws-chunked chunk header '${header.slice(0, 40)}'`);
    }
    if (size === 0) break;
    if (pos + size + 2 > body.length || body.subarray(pos + size, pos + size + 2).toString('latin1') !== '\r\n') {
      throw new AwsChunkedError('aws-chunked chunk shorter than its declared size');
    }
    parts.push(body.subarray(pos, pos + size));
    pos += size + 2;
  }
  const trailers: Record<string, string> = {};
  while (pos < body.length) {
    const trailer = line();
    if (trailer === '') break;
    const colon = trailer.indexOf(':');
    if (colon > 0) trailers[trailer.slice(0, colon).trim().toLowerCase()] = trailer.slice(colon + 1).trim();
  }
  return { data: Buffer.concat(parts), trailers };
}
