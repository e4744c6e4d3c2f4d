// What the official clients never send, sent by hand to the IoT Analytics
// API: each must get AWS's error (x-amzn-errortype, __type, message, status),
// never a 500.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rawRequest, type RawAnswer, type RawOptions } from '../support/raw-request.ts';
import { startServer, type TestServer } from '../support/server.ts';

/** `message: null` asserts that the body carries no message at all (Coral's framework errors). */
function assertError(answer: RawAnswer, status: number, type: string, message?: string | RegExp | null): void {
  assert.equal(answer.status, status, answer.text);
  assert.equal(answer.headers['x-amzn-errortype'], type);
  assert.equal(answer.headers['content-type'], 'application/json');
  assert.equal(answer.json.__type, type);
  if (message === null) assert.equal('message' in answer.json, false, answer.text);
  else if (typeof message === 'string') assert.equal(answer.json.message, message);
  else if (message) assert.match(answer.json.message, message);
}

describe('hand-signed raw requests to IoT Analytics', () => {
  let server: TestServer;
  const send = (options: Omit<RawOptions, 'sign'> & { sign?: Partial<NonNullable<RawOptions['sign']>> | false }) =>
    rawRequest(server.url, {
      ...options,
      sign: options.sign === false ? undefined : { ...server.credentials, ...options.sign },
    });
  before(async () => {
    server = await startServer({ config: { maxBodyBytes: 4096 } });
  });
  after(() => server.stop());

  it('accepts a well-signed request and ignores unknown fields, as AWS does', async () => {
    const answer = await send({ method: 'POST', path: '/channels', body: JSON.stringify({ channelName: 'raw', surprise: { deep: [1] } }) });
    assert.equal(answer.status, 201, answer.text);
    assert.equal(answer.json.channelName, 'raw');
    assert.ok(answer.headers['x-amzn-requestid']);
  });

  it('answers broken JSON with SerializationException', async () => {
    assertError(await send({ method: 'POST', path: '/channels', body: '{"channelName": "x",' }), 400, 'SerializationException', null);
  });

  it('answers wrong JSON types with SerializationException', async () => {
    assertError(await send({ method: 'POST', path: '/channels', body: '{"channelName": 5}' }), 400, 'SerializationException', 'NUMBER_VALUE can not be converted to a String');
    assertError(await send({ method: 'POST', path: '/channels', body: '[]' }), 400, 'SerializationException', 'Start of list found where not expected');
    assertError(
      await send({ method: 'POST', path: '/datasets', body: JSON.stringify({ datasetName: 'd', actions: { actionName: 'q' } }) }),
      400,
      'SerializationException',
      'Start of structure or map found where not expected.',
    );
    assertError(await send({ method: 'GET', path: '/channels/raw', query: { includeStatistics: 'maybe' } }), 400, 'SerializationException', "Value 'maybe' for 'includeStatistics' is not a boolean");
    assertError(await send({ method: 'GET', path: '/channels', query: { maxResults: 'ten' } }), 400, 'SerializationException', "Value 'ten' for 'maxResults' is not a number");
  });

  it('answers a union with two members set with SerializationException', async () => {
    const body = JSON.stringify({
      datastoreName: 'u',
      datastoreStorage: { serviceManagedS3: {}, customerManagedS3: { bucket: 'bucket1', roleArn: 'arn:aws:iam::123456789012:role/r' } },
    });
    assertError(await send({ method: 'POST', path: '/datastores', body }), 400, 'SerializationException', "Union 'datastoreStorage' must have exactly one member set, found 2");
  });

  it('answers a missing required member with the validation message', async () => {
    assertError(await send({ method: 'POST', path: '/channels', body: '{}' }), 400, 'InvalidRequestException', "1 validation error detected: Value null at 'channelName' failed to satisfy constraint: Member must not be null");
  });

  it('answers an oversize body with 413 from the listener', async () => {
    const answer = await send({ method: 'POST', path: '/channels', body: JSON.stringify({ channelName: 'big', pad: 'x'.repeat(8192) }) });
    assertError(answer, 413, 'RequestEntityTooLargeException', 'Request must be smaller than 4096 bytes.');
  });

  it('answers signature failures with Coral\'s errors (403)', async () => {
    const body = JSON.stringify({ channelName: 'sig' });
    // The SDK's signer declares the payload hash (x-amz-content-sha256), so a body changed after signing fails that check.
    assertError(
      await send({ method: 'POST', path: '/channels', body, tamperBody: JSON.stringify({ channelName: 'sig2' }) }),
      403,
      'InvalidSignatureException',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
    assertError(
      await send({ method: 'GET', path: '/channels', sign: { secretAccessKey: 'wrong' } }),
      403,
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    assertError(await send({ method: 'GET', path: '/channels', sign: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } }), 403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    assertError(await send({ method: 'GET', path: '/channels', sign: false }), 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    const old = new Date(Date.now() - 20 * 60 * 1000);
    assertError(
      await send({ method: 'GET', path: '/channels', sign: { signingDate: old } }),
      403,
      'InvalidSignatureException',
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    assertError(await send({ method: 'GET', path: '/channels', sign: { service: 'iot' } }), 403, 'InvalidSignatureException', "Credential should be scoped to correct service: 'iotanalytics'. ");
  });

  it('answers malformed Authorization headers with IncompleteSignatureException (403, as restJson1 services do)', async () => {
    const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const headers = (authorization: string) => ({ authorization, 'x-amz-date': date });
    assertError(
      await send({ method: 'GET', path: '/channels', sign: false, headers: headers('AWS4-HMAC-SHA256 Credential=AKIA/20200101/us-east-1/iotanalytics/aws4_request') }),
      403,
      'IncompleteSignatureException',
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKIA/20200101/us-east-1/iotanalytics/aws4_request",
    );
    assertError(
      await send({ method: 'GET', path: '/channels', sign: false, headers: headers('AWS4-HMAC-SHA25 Credential=a/b/c/iotanalytics/aws4_request, SignedHeaders=host, Signature=00') }),
      403,
      'IncompleteSignatureException',
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now). ",
    );
    assertError(
      await send({ method: 'GET', path: '/channels', sign: false, headers: headers('AWS4-HMAC-SHA256 Credential=a/b/iotanalytics/aws4_request, SignedHeaders=host, Signature=00') }),
      403,
      'IncompleteSignatureException',
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/iotanalytics/aws4_request'",
    );
  });

  it('answers a route no operation has with UnknownOperationException (404), or asks an unsigned caller to authenticate', async () => {
    assertError(await send({ method: 'GET', path: '/nothing/here' }), 404, 'UnknownOperationException', null);
    assertError(await send({ method: 'PATCH', path: '/channels/raw', body: '{}' }), 404, 'UnknownOperationException', null);
    assertError(await send({ method: 'GET', path: '/nothing/here', sign: false }), 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  });

  // Every IoT Analytics operation is built now; test/s3/wire.test.ts covers the 501 of operations that are not.
  it('takes the empty body the SDKs send for CreateDatasetContent without a versionId', async () => {
    const answer = await send({ method: 'POST', path: '/datasets/raw/content', body: '{}' });
    assertError(answer, 404, 'ResourceNotFoundException', 'A resource with the name raw cannot be found.');
  });
});
