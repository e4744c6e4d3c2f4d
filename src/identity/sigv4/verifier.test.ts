// The verifier against AWS's published SigV4 test vectors (test/fixtures/sigv4-testsuite).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseQuery, type RawRequest } from '../../protocol/http-types.ts';
import { canonicalQuery, canonicalRequest, canonicalUri, sha256Hex } from './canonical.ts';
import { AuthError, parseAmzDate, parseSignature } from './parse.ts';
import { SigV4Verifier } from './verifier.ts';

const SUITE = fileURLToPath(new URL('../../../test/fixtures/sigv4-testsuite/', import.meta.url));
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const NOW = parseAmzDate('20150830T123600Z')!;

function vectors(dir = SUITE): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) return [];
    return readdirSync(path).some((f) => f.endsWith('.sreq')) ? [path] : vectors(path);
  });
}

/** Parses a .req/.sreq file into the RawRequest the listener would build. */
function parseRequest(text: string): RawRequest {
  const [head, ...rest] = text.split('\n\n');
  const [requestLine, ...headerLines] = head.split('\n');
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const q = target.indexOf('?');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    // HTTP parsers (Node's included) strip the optional whitespace around a value.
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    rawQuery,
    query: parseQuery(rawQuery),
    headers,
    body: Buffer.from(rest.join('\n\n')),
    remoteAddress: '127.0.0.1',
  };
}

const read = (dir: string, ext: string) => {
  const name = dir.split('/').pop();
  return readFileSync(join(dir, `${name}.${ext}`), 'utf8');
};

const options = (secret = SECRET) => ({
  now: NOW,
  signingName: 'service',
  s3: false,
  secretFor: async (id: string) => (id === 'AKIDEXAMPLE' ? secret : undefined),
});

describe('SigV4 verifier against the AWS test suite', () => {
  const all = vectors();
  it('finds the vectors', () => assert.ok(all.length >= 29, `only ${all.length} vectors`));

  for (const dir of all) {
    const name = dir.slice(SUITE.length);
    it(`${name}: canonical request and signature`, async () => {
      const req = parseRequest(read(dir, 'sreq'));
      const sig = parseSignature(req);
      const canonical = canonicalRequest({
        method: req.method,
        uri: canonicalUri(req.path, false),
        query: canonicalQuery(req.query),
        headers: req.headers,
        signedHeaders: sig.signedHeaders,
        payloadHash: sha256Hex(req.body),
      });
      assert.equal(canonical, read(dir, 'creq'));
      const verified = await new SigV4Verifier().verify(req, options());
      assert.equal(verified.accessKeyId, 'AKIDEXAMPLE');
      assert.equal(verified.region, 'us-east-1');
    });
  }

  it('rejects a vector signed with another secret', async () => {
    const req = parseRequest(read(join(SUITE, 'get-vanilla'), 'sreq'));
    const error = await new SigV4Verifier().verify(req, options('not-the-secret')).catch((e) => e);
    assert.ok(error instanceof AuthError);
    assert.equal(error.failure.kind, 'signatureMismatch');
    assert.equal(error.failure.canonicalRequest, read(join(SUITE, 'get-vanilla'), 'creq'));
  });

  it('rejects a vector once it is more than 15 minutes old', async () => {
    const req = parseRequest(read(join(SUITE, 'get-vanilla'), 'sreq'));
    const late = { ...options(), now: new Date(NOW.getTime() + 15 * 60_000 + 1000) };
    const error = await new SigV4Verifier().verify(req, late).catch((e) => e);
    assert.equal(error.failure.kind, 'skewed');
    assert.equal(
      error.failure.message,
      'Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T125101Z - 15 min.)',
    );
  });

  it('rejects an unknown key and a scope for another service', async () => {
    const req = parseRequest(read(join(SUITE, 'get-vanilla'), 'sreq'));
    const unknown = await new SigV4Verifier().verify(req, { ...options(), secretFor: async () => undefined }).catch((e) => e);
    assert.equal(unknown.failure.kind, 'unknownKey');
    const wrong = await new SigV4Verifier().verify(req, { ...options(), signingName: 'iotanalytics' }).catch((e) => e);
    assert.equal(wrong.failure.kind, 'badScope');
    assert.equal(wrong.failure.message, "Credential should be scoped to correct service: 'iotanalytics'. ");
  });
});
