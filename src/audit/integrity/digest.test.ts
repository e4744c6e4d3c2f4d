import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildDigest, sha256Hex, signDigest, stringToSign, verifyDigestSignature, type DigestInput } from './digest.ts';
import { generateSigningKey, publicKeyFromDer } from './keys/signing-key.ts';
import { compactSeconds, digestKey, parseCompactTime } from './layout.ts';

const input: DigestInput = {
  accountId: '111122223333',
  startTime: new Date('2015-08-17T14:01:31Z'),
  endTime: new Date('2015-08-17T15:01:31.456Z'),
  bucket: 'bucket',
  key: 'AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_trail_us-east-1_20150817T150131Z.json.gz',
  fingerprint: '31e8b5433410dfb61a9dc45cc65b22ff',
  previous: null,
  logFiles: [
    { bucket: 'bucket', key: 'a.json.gz', sha256: 'aa', oldestEventTime: new Date('2015-08-17T14:42:27Z'), newestEventTime: new Date('2015-08-17T14:45:00Z') },
    { bucket: 'bucket', key: 'b.json.gz', sha256: 'bb', oldestEventTime: new Date('2015-08-17T14:50:00Z'), newestEventTime: new Date('2015-08-17T14:52:27Z') },
  ],
};

describe('digest key layout', () => {
  it('names the digest after digestEndTime, to the second, with the prefix and both Regions', () => {
    const key = digestKey({ prefix: 'team/logs', accountId: '111122223333', region: 'us-east-2', trailName: 'trail', homeRegion: 'us-east-1', endTime: new Date('2015-08-17T15:01:31.999Z') });
    assert.equal(key, 'team/logs/' + input.key);
    // awscli reads the date back from the last 24 characters of the name.
    assert.equal(key.slice(-24, -8), '20150817T150131Z');
  });

  it('writes and reads compact times', () => {
    assert.equal(compactSeconds(new Date('2024-01-02T03:04:05.678Z')), '20240102T030405Z');
    assert.deepEqual(parseCompactTime('20240102T030405Z'), new Date('2024-01-02T03:04:05Z'));
    assert.deepEqual(parseCompactTime('20240102T0304Z'), new Date('2024-01-02T03:04:00Z'));
    assert.equal(parseCompactTime('20240230T000000Z'), undefined);
    assert.equal(parseCompactTime('2024-01-02'), undefined);
  });
});

describe('digest document', () => {
  it('has every field, in the documented order, times to the second', () => {
    const document = buildDigest(input);
    assert.deepEqual(Object.keys(document), [
      'awsAccountId',
      'digestStartTime',
      'digestEndTime',
      'digestS3Bucket',
      'digestS3Object',
      'digestPublicKeyFingerprint',
      'digestSignatureAlgorithm',
      'newestEventTime',
      'oldestEventTime',
      'previousDigestS3Bucket',
      'previousDigestS3Object',
      'previousDigestHashValue',
      'previousDigestHashAlgorithm',
      'previousDigestSignature',
      'logFiles',
    ]);
    assert.equal(document.digestEndTime, '2015-08-17T15:01:31Z');
    assert.equal(document.oldestEventTime, '2015-08-17T14:42:27Z');
    assert.equal(document.newestEventTime, '2015-08-17T14:52:27Z');
    assert.equal(document.digestSignatureAlgorithm, 'SHA256withRSA');
    assert.deepEqual(document.logFiles[1], {
      s3Bucket: 'bucket',
      s3Object: 'b.json.gz',
      hashValue: 'bb',
      hashAlgorithm: 'SHA-256',
      newestEventTime: '2015-08-17T14:52:27Z',
      oldestEventTime: '2015-08-17T14:50:00Z',
    });
  });

  it('first digest: every previous* field present and null; an empty period: no event times', () => {
    const json = JSON.parse(JSON.stringify(buildDigest({ ...input, logFiles: [] })));
    for (const field of ['previousDigestS3Bucket', 'previousDigestS3Object', 'previousDigestHashValue', 'previousDigestHashAlgorithm', 'previousDigestSignature']) {
      assert.ok(field in json && json[field] === null, field);
    }
    assert.equal(json.newestEventTime, null);
    assert.equal(json.oldestEventTime, null);
    assert.deepEqual(json.logFiles, []);
  });

  it('chains to the previous digest', () => {
    const document = buildDigest({ ...input, previous: { bucket: 'old', key: 'old-key', hash: 'ab'.repeat(32), signature: 'cd'.repeat(256) } });
    assert.equal(document.previousDigestS3Bucket, 'old');
    assert.equal(document.previousDigestS3Object, 'old-key');
    assert.equal(document.previousDigestHashValue, 'ab'.repeat(32));
    assert.equal(document.previousDigestHashAlgorithm, 'SHA-256');
    assert.equal(document.previousDigestSignature, 'cd'.repeat(256));
  });
});

describe('digest signature', () => {
  it('string-to-sign: end time, bucket/key, hex SHA-256 of the uncompressed bytes, previous signature or "null"', () => {
    const bytes = Buffer.from('{"x":1}');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const first = buildDigest(input);
    assert.equal(stringToSign(first, bytes).toString(), `2015-08-17T15:01:31Z\nbucket/${input.key}\n${hash}\nnull`);
    const next = { ...first, previousDigestSignature: 'abc' };
    assert.equal(stringToSign(next, bytes).toString(), `2015-08-17T15:01:31Z\nbucket/${input.key}\n${hash}\nabc`);
  });

  it('signs SHA256withRSA with a 2048-bit key, over the gzipped bytes as stored', async () => {
    const key = await generateSigningKey('us-east-1', new Date());
    const signed = signDigest(buildDigest({ ...input, fingerprint: key.fingerprint }), key.privateKey);
    assert.match(signed.signature, /^[0-9a-f]{512}$/);
    assert.deepEqual(signed.metadata, { signature: signed.signature, 'signature-algorithm': 'SHA256withRSA' });
    assert.deepEqual(gunzipSync(signed.body), signed.uncompressed);
    assert.deepEqual(JSON.parse(signed.uncompressed.toString()), signed.document);
    // Checked with the public key as ListPublicKeys publishes it, independently of our verifier.
    const publicKey = createPublicKey({ key: key.publicDer, format: 'der', type: 'pkcs1' });
    assert.ok(verify('sha256', stringToSign(signed.document, signed.uncompressed), publicKey, Buffer.from(signed.signature, 'hex')));
    assert.ok(verifyDigestSignature(signed.document, signed.uncompressed, signed.signature, publicKeyFromDer(key.publicDer)));
    assert.equal(sha256Hex(signed.uncompressed).length, 64);
  });

  it('does not verify a changed digest, another key, or a signature that is not hex', async () => {
    const key = await generateSigningKey('us-east-1', new Date());
    const other = await generateSigningKey('us-east-1', new Date());
    const signed = signDigest(buildDigest(input), key.privateKey);
    const publicKey = publicKeyFromDer(key.publicDer);
    const changed = Buffer.from(signed.uncompressed.toString().replace('"aa"', '"ab"'));
    assert.equal(verifyDigestSignature(signed.document, changed, signed.signature, publicKey), false);
    assert.equal(verifyDigestSignature(signed.document, signed.uncompressed, signed.signature, publicKeyFromDer(other.publicDer)), false);
    assert.equal(verifyDigestSignature({ ...signed.document, previousDigestSignature: 'x' }, signed.uncompressed, signed.signature, publicKey), false);
    assert.equal(verifyDigestSignature(signed.document, signed.uncompressed, 'zz', publicKey), false);
  });
});
