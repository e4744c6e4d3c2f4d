// The "done when" path of the control plane through the clients users have:
// Debian's AWS CLI v2.9 creates a channel, data store, pipeline and dataset;
// boto3 (Debian's, botocore 1.29) lists, describes, tags, updates and deletes
// them (iotanalytics_boto3.py); the JS SDK checks the result. Errors are
// checked as each client shows them (the CLI exits 254 and prints
// "An error occurred (X) when calling the Y operation: message").
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DeleteChannelCommand, DeleteDatastoreCommand, DescribeDatasetCommand, ListChannelsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { startServer, type TestServer } from '../support/server.ts';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('IoT Analytics control plane through the AWS CLI, boto3 and the JS SDK', () => {
  let server: TestServer;
  const aws = async (args: string[], env: NodeJS.ProcessEnv = server.cliEnv()) =>
    run('/usr/bin/aws', ['--endpoint-url', server.url, '--output', 'json', 'iotanalytics', ...args], env);
  const awsJson = async (args: string[]) => {
    const result = await aws(args);
    assert.equal(result.status, 0, `aws ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
  };
  const awsError = async (args: string[], code: string, operation: string, message: string, env?: NodeJS.ProcessEnv) => {
    const result = await aws(args, env);
    assert.equal(result.status, 254, result.stderr);
    assert.equal(result.stderr.trim(), `An error occurred (${code}) when calling the ${operation} operation: ${message}`);
  };

  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('creates with the CLI, manages with boto3, checks with the JS SDK', async () => {
    const account = server.app.account.accountId;
    const channel = await awsJson(['create-channel', '--channel-name', 'cli_channel', '--retention-period', 'numberOfDays=30', '--tags', 'key=cli,value=yes']);
    assert.deepEqual(channel, {
      channelName: 'cli_channel',
      channelArn: `arn:aws:iotanalytics:us-east-1:${account}:channel/cli_channel`,
      retentionPeriod: { unlimited: false, numberOfDays: 30 },
    });
    const datastore = await awsJson(['create-datastore', '--datastore-name', 'cli_store']);
    assert.deepEqual(datastore.retentionPeriod, { unlimited: true });
    const pipeline = await awsJson([
      'create-pipeline', '--pipeline-name', 'cli_pipeline', '--pipeline-activities',
      JSON.stringify([{ channel: { name: 'in', channelName: 'cli_channel', next: 'out' } }, { datastore: { name: 'out', datastoreName: 'cli_store' } }]),
    ]);
    assert.equal(pipeline.pipelineArn, `arn:aws:iotanalytics:us-east-1:${account}:pipeline/cli_pipeline`);
    const dataset = await awsJson(['create-dataset', '--dataset-name', 'cli_dataset', '--actions', JSON.stringify([{ actionName: 'q', queryAction: { sqlQuery: 'SELECT * FROM cli_store' } }])]);
    assert.deepEqual(dataset.retentionPeriod, { unlimited: false, numberOfDays: 90 });
    const described = await awsJson(['describe-dataset', '--dataset-name', 'cli_dataset']);
    assert.deepEqual(described.dataset.triggers, []);
    assert.equal(typeof described.dataset.creationTime, 'string');

    const script = fileURLToPath(new URL('./iotanalytics_boto3.py', import.meta.url));
    const env = { ...server.cliEnv(), OIA_ACCOUNT_ID: account };
    const python = await run('/usr/bin/python3', [script, server.url, 'cli_channel', 'cli_store', 'cli_pipeline', 'cli_dataset'], env);
    assert.equal(python.status, 0, `boto3 checks failed:\n${python.stdout}\n${python.stderr}`);
    assert.match(python.stdout, /boto3 checks passed/);

    const client = server.iotanalytics();
    await rejectsWith(client.send(new DescribeDatasetCommand({ datasetName: 'cli_dataset' })), 'ResourceNotFoundException', { status: 404 });
    const tags = await client.send(new ListTagsForResourceCommand({ resourceArn: channel.channelArn }));
    assert.deepEqual(tags.tags, [{ key: 'cli', value: 'yes' }, { key: 'owner', value: 'boto3' }]);
    await client.send(new DeleteChannelCommand({ channelName: 'cli_channel' }));
    await client.send(new DeleteDatastoreCommand({ datastoreName: 'cli_store' }));
    assert.deepEqual((await client.send(new ListChannelsCommand({}))).channelSummaries, []);
    // The CLI's own paginator stops on an absent nextToken.
    assert.deepEqual(await awsJson(['list-channels']), { channelSummaries: [] });
  });

  it('shows AWS\'s errors through the CLI', async () => {
    await awsJson(['create-channel', '--channel-name', 'twice']);
    await awsError(['create-channel', '--channel-name', 'twice'], 'ResourceAlreadyExistsException', 'CreateChannel', 'A channel named twice already exists.');
    await awsError(['describe-datastore', '--datastore-name', 'absent'], 'ResourceNotFoundException', 'DescribeDatastore', 'A resource with the name absent cannot be found.');
    await awsError(
      ['create-pipeline', '--pipeline-name', 'bad-name', '--pipeline-activities', JSON.stringify([{ channel: { name: 'in', channelName: 'twice', next: 'out' } }, { datastore: { name: 'out', datastoreName: 'x' } }])],
      'InvalidRequestException',
      'CreatePipeline',
      "1 validation error detected: Value 'bad-name' at 'pipelineName' failed to satisfy constraint: Member must satisfy regular expression pattern: (^(?!_{2}))(^[a-zA-Z0-9_]+$)",
    );
    await awsError(
      ['list-channels'],
      'InvalidSignatureException',
      'ListChannels',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      { ...server.cliEnv(), AWS_SECRET_ACCESS_KEY: 'not-the-secret' },
    );
    await awsError(['list-datasets'], 'UnrecognizedClientException', 'ListDatasets', 'The security token included in the request is invalid.', {
      ...server.cliEnv(),
      AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNUNKNOWN00',
    });
    // boto3 put logging options in us-east-1 above; eu-west-2 has none.
    await awsError(['describe-logging-options'], 'ResourceNotFoundException', 'DescribeLoggingOptions', 'Logging options have not been set for this account and region.', {
      ...server.cliEnv(),
      AWS_DEFAULT_REGION: 'eu-west-2',
    });
  });
});
