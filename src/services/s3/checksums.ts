// Integrity headers of an upload: Content-MD5 and the flexible checksums
// (x-amz-checksum-crc32, -crc32c, -sha1, -sha256, base64 of the big-endian
// digest). A mismatch is BadDigest and nothing is stored.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { errors } from './errors.ts';

export interface Checksums {
  ChecksumCRC32?: string;
  ChecksumCRC32C?: string;
  ChecksumSHA1?: string;
  ChecksumSHA256?: string;
}

const ALGORITHMS: [keyof Checksums, string, (body: Buffer) => Buffer][] = [
  ['ChecksumCRC32', 'CRC32', (body) => uint32(crc32(body))],
  ['ChecksumCRC32C', 'CRC32C', (body) => uint32(crc32c(body))],
  ['ChecksumSHA1', 'SHA1', (body) => createHash('sha1').update(body).digest()],
  ['ChecksumSHA256', 'SHA256', (body) => createHash('sha256').update(body).digest()],
];

/** Verifies what the client sent; returns the checksums to echo in the response. */
export function verifyChecksums(body: Buffer, input: Checksums & { ContentMD5?: string }): Checksums {
  if (input.ContentMD5 !== undefined) {
    const expected = Buffer.from(input.ContentMD5, 'base64');
    if (expected.length !== 16 || expected.toString('base64') !== input.ContentMD5) throw errors.invalidDigest(input.ContentMD5);
    const calculated = createHash('md5').update(body).digest('base64');
    if (calculated !== input.ContentMD5) throw errors.badDigest(input.ContentMD5, calculated);
  }
  const verified: Checksums = {};
  for (const [member, name, digest] of ALGORITHMS) {
    const given = input[member];
    if (given === undefined) continue;
    if (digest(body).toString('base64') !== given) throw errors.badChecksum(name);
    verified[member] = given;
  }
  return verified;
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78); Node has only CRC-32.
const CRC32C_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32c(body: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of body) crc = CRC32C_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
