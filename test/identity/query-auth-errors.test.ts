import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { rawRequest } from '../support/raw-request.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { iamClient, stsClient } from './support.ts';

describe('awsQuery authentication errors', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  // No client sends an unsigned IAM call; this one is written by hand.
  it('answers an unsigned call with MissingAuthenticationToken in the ErrorResponse layout', async () => {
    const answer = await rawRequest(server.url, {
      method: 'POST',
      path: '/',
      body: 'Action=ListUsers&Version=2010-05-08',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(answer.status, 403);
    assert.equal(answer.headers['content-type'], 'text/xml');
    const requestId = answer.headers['x-amzn-requestid'];
    assert.equal(
      answer.text,
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n  <Error>\n    <Type>Sender</Type>\n' +
        '    <Code>MissingAuthenticationToken</Code>\n    <Message>Request is missing Authentication Token</Message>\n' +
        `  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
    );
  });

  it('answers an unknown key with InvalidClientTokenId', async () => {
    const keys = { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x'.repeat(40) };
    const error = await stsClient(server, keys).send(new GetCallerIdentityCommand({})).catch((e) => e);
    assert.deepEqual([error.name, error.$metadata.httpStatusCode, error.message], ['InvalidClientTokenId', 403, 'The security token included in the request is invalid.']);
  });

  it('answers a wrong secret with SignatureDoesNotMatch and the canonical request', async () => {
    const keys = { accessKeyId: server.credentials.accessKeyId, secretAccessKey: 'y'.repeat(40) };
    const error = await iamClient(server, keys).send(new ListUsersCommand({})).catch((e) => e);
    assert.equal(error.name, 'SignatureDoesNotMatch');
    assert.equal(error.$metadata.httpStatusCode, 403);
    assert.match(error.message, /^The request signature we calculated does not match the signature you provided\. .*\n\nThe Canonical String for this request should have been\n'POST\n\/\n/s);
  });

  it('answers a signed call naming an action IAM lacks with InvalidAction', async () => {
    const answer = await rawRequest(server.url, {
      method: 'POST',
      path: '/',
      body: 'Action=ListGroupz&Version=2010-05-08',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      sign: { ...server.credentials, service: 'iam' },
    });
    assert.equal(answer.status, 400);
    assert.match(answer.text, /<Code>InvalidAction<\/Code>\n {4}<Message>Could not find operation ListGroupz for version 2010-05-08<\/Message>/);
  });
});
