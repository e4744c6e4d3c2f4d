// digest: the time to build and sign one digest over a day of log files
// (288 files: one every 5 minutes; 1,440: one a minute), i.e. what the
// digest writer spends per trail and Region each period beyond reading the
// log file rows: build the document, serialize it, hash, sign
// SHA256withRSA (2048-bit) and gzip. The log files' own hashes are computed
// at delivery and are not part of it.
import { performance } from 'node:perf_hooks';
import { buildDigest, sha256Hex, signDigest, verifyDigestSignature, type DigestInput } from '../src/audit/integrity/digest.ts';
import { generateSigningKey, publicKeyFromDer } from '../src/audit/integrity/keys/signing-key.ts';
import { digestKey } from '../src/audit/integrity/layout.ts';
import { measuredOn, writeBenchmarkSection } from './support/benchmarks-doc.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const DAY_MS = 24 * 60 * 60 * 1000;

const key = await generateSigningKey('us-east-1', new Date());
const publicKey = publicKeyFromDer(key.publicDer);

function dayOfLogs(files: number): DigestInput {
  const start = new Date('2024-05-01T00:00:00Z');
  const end = new Date(start.getTime() + DAY_MS);
  const logFiles = Array.from({ length: files }, (_, i) => {
    const at = new Date(start.getTime() + ((i + 1) * DAY_MS) / files);
    const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 13);
    return {
      bucket: 'audit-logs',
      key: `AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/01/123456789012_CloudTrail_us-east-1_${stamp}Z_${String(i).padStart(16, 'x')}.json.gz`,
      sha256: sha256Hex(String(i)),
      oldestEventTime: new Date(at.getTime() - 60_000),
      newestEventTime: at,
    };
  });
  const digest = digestKey({ accountId: '123456789012', region: 'us-east-1', trailName: 'audit', homeRegion: 'us-east-1', endTime: end });
  return { accountId: '123456789012', startTime: start, endTime: end, bucket: 'audit-logs', key: digest, fingerprint: key.fingerprint, previous: null, logFiles };
}

function medianMs(run: () => void): number {
  for (let i = 0; i < 10; i++) run();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const rows: string[] = [];
for (const files of [288, 1440]) {
  const input = dayOfLogs(files);
  const sign = medianMs(() => signDigest(buildDigest(input), key.privateKey));
  const signed = signDigest(buildDigest(input), key.privateKey);
  const verify = medianMs(() => verifyDigestSignature(signed.document, signed.uncompressed, signed.signature, publicKey));
  rows.push(`| ${files} | ${sign.toFixed(2)} ms | ${verify.toFixed(3)} ms | ${(signed.uncompressed.length / 1024).toFixed(0)} KiB | ${(signed.body.length / 1024).toFixed(0)} KiB |`);
  process.stdout.write(`${files} log files: build+sign ${sign.toFixed(2)} ms, verify ${verify.toFixed(3)} ms\n`);
}

writeBenchmarkSection(
  'Trail digests',
  `${measuredOn()}

| Log files in the digest | Build, serialize, sign, gzip (median) | Verify signature (median) | JSON | gzip |
|---|---|---|---|---|
${rows.join('\n')}

Method: \`npm run bench -- digest\`. In process, no I/O: ${ROUNDS} rounds after 10 warm-up rounds, median.
A digest lists one entry per log file delivered in its period; a day of files at the 5-minute delivery
interval is 288 entries, 1,440 at a 1-minute interval (an hourly digest lists 12 or 60). The RSA-2048
signature costs the same for any size; the rest grows with the number of entries (JSON serialization,
SHA-256 and gzip of the document).`,
);
