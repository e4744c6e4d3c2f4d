import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeLoggingOptionsCommand, PutLoggingOptionsCommand } from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { startServer, type TestServer } from '../support/server.ts';

const ROLE = 'arn:aws:iam::123456789012:role/iota-logging';

describe('logging options through @aws-sdk/client-iotanalytics', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('answers ResourceNotFoundException before any were put', async () => {
    await rejectsWith(server.iotanalytics().send(new DescribeLoggingOptionsCommand({})), 'ResourceNotFoundException', {
      status: 404,
      message: 'Logging options have not been set for this account and region.',
    });
  });

  it('puts and describes them per region, replacing earlier ones', async () => {
    const client = server.iotanalytics();
    const put = await client.send(new PutLoggingOptionsCommand({ loggingOptions: { roleArn: ROLE, level: 'ERROR', enabled: true } }));
    assert.equal(put.$metadata.httpStatusCode, 200);
    assert.deepEqual((await client.send(new DescribeLoggingOptionsCommand({}))).loggingOptions, { roleArn: ROLE, level: 'ERROR', enabled: true });
    await client.send(new PutLoggingOptionsCommand({ loggingOptions: { roleArn: ROLE, level: 'ERROR', enabled: false } }));
    assert.deepEqual((await client.send(new DescribeLoggingOptionsCommand({}))).loggingOptions, { roleArn: ROLE, level: 'ERROR', enabled: false });
    await rejectsWith(server.iotanalytics({ region: 'eu-west-1' }).send(new DescribeLoggingOptionsCommand({})), 'ResourceNotFoundException', { status: 404 });
  });

  it('validates the level against the model', async () => {
    await rejectsWith(
      server.iotanalytics().send(new PutLoggingOptionsCommand({ loggingOptions: { roleArn: ROLE, level: 'DEBUG' as 'ERROR', enabled: true } })),
      'InvalidRequestException',
      { status: 400, message: "1 validation error detected: Value 'DEBUG' at 'loggingOptions.level' failed to satisfy constraint: Member must satisfy enum value set: [ERROR]" },
    );
  });
});
