import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateDatasetCommand,
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  ListDatasetsCommand,
  UpdateDatasetCommand,
  type CreateDatasetRequest,
  type DatasetAction,
} from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { startServer, type TestServer } from '../support/server.ts';

const ROLE = 'arn:aws:iam::123456789012:role/iota-dataset';
const sql = (query = 'SELECT * FROM dst'): DatasetAction[] => [{ actionName: 'q', queryAction: { sqlQuery: query } }];
const container = (): DatasetAction[] => [{
  actionName: 'c',
  containerAction: {
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/analysis:latest',
    executionRoleArn: ROLE,
    resourceConfiguration: { computeType: 'ACU_1', volumeSizeInGB: 2 },
  },
}];
const deltaSql = (): DatasetAction[] => [{
  actionName: 'q',
  queryAction: { sqlQuery: 'SELECT * FROM dst', filters: [{ deltaTime: { offsetSeconds: -180, timeExpression: 'from_unixtime(ts)' } }] },
}];

describe('datasets through @aws-sdk/client-iotanalytics', () => {
  let server: TestServer;
  const create = (request: CreateDatasetRequest) => server.iotanalytics().send(new CreateDatasetCommand(request));
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('creates a SQL dataset with defaults and describes it with empty arrays', async () => {
    const created = await create({ datasetName: 'd1', actions: sql() });
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.datasetArn, `arn:aws:iotanalytics:us-east-1:${server.app.account.accountId}:dataset/d1`);
    assert.deepEqual(created.retentionPeriod, { numberOfDays: 90, unlimited: false });
    const { dataset } = await server.iotanalytics().send(new DescribeDatasetCommand({ datasetName: 'd1' }));
    assert.equal(dataset?.name, 'd1');
    assert.equal(dataset?.arn, created.datasetArn);
    assert.equal(dataset?.status, 'ACTIVE');
    assert.deepEqual(dataset?.actions, [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT * FROM dst', filters: [] } }]);
    assert.deepEqual(dataset?.triggers, []);
    assert.deepEqual(dataset?.contentDeliveryRules, []);
    assert.deepEqual(dataset?.retentionPeriod, { numberOfDays: 90, unlimited: false });
    assert.equal(dataset?.versioningConfiguration, undefined);
  });

  it('keeps schedules, delivery rules, versioning and late data rules', async () => {
    const request: CreateDatasetRequest = {
      datasetName: 'full',
      actions: deltaSql(),
      triggers: [{ schedule: { expression: 'cron(0/15 * * * ? *)' } }],
      contentDeliveryRules: [
        { entryName: 'out.csv', destination: { s3DestinationConfiguration: { bucket: 'results', key: 'ds/!{iotanalytics:versionId}.csv', roleArn: ROLE } } },
        { destination: { iotEventsDestinationConfiguration: { inputName: 'alerts', roleArn: ROLE } } },
      ],
      retentionPeriod: { unlimited: true },
      versioningConfiguration: { maxVersions: 10 },
      lateDataRules: [{ ruleName: 'late', ruleConfiguration: { deltaTimeSessionWindowConfiguration: { timeoutInMinutes: 5 } } }],
    };
    await create(request);
    const { dataset } = await server.iotanalytics().send(new DescribeDatasetCommand({ datasetName: 'full' }));
    assert.deepEqual(dataset?.actions, request.actions);
    assert.deepEqual(dataset?.triggers, request.triggers);
    assert.deepEqual(dataset?.contentDeliveryRules, request.contentDeliveryRules);
    assert.deepEqual(dataset?.retentionPeriod, { unlimited: true });
    assert.deepEqual(dataset?.versioningConfiguration, { unlimited: false, maxVersions: 10 });
    assert.deepEqual(dataset?.lateDataRules, request.lateDataRules);
  });

  it('enforces the action, filter, delivery, versioning and late data rules', async () => {
    const cases: [Partial<CreateDatasetRequest>, string][] = [
      [{ actions: [{ actionName: 'x' }] }, 'Exactly one action type should be provided'],
      [{ actions: [{ actionName: 'x', queryAction: { sqlQuery: 'SELECT 1' }, containerAction: container()[0].containerAction }] }, 'Exactly one action type should be provided'],
      [{ actions: [{ actionName: 'x', queryAction: { sqlQuery: 'SELECT 1', filters: [{}] } }] }, 'A query filter must contain a deltaTime.'],
      [{ contentDeliveryRules: [{ destination: {} }] }, 'Exactly one destination type should be provided'],
      [{ versioningConfiguration: { unlimited: true, maxVersions: 3 } }, 'Only one of unlimited or maxVersions may be specified in versioningConfiguration.'],
      [{ lateDataRules: [{ ruleConfiguration: { deltaTimeSessionWindowConfiguration: { timeoutInMinutes: 5 } } }] }, 'Late data rules can only be used with a dataset whose query has a deltaTime filter.'],
      [{ actions: deltaSql(), lateDataRules: [{ ruleConfiguration: {} }] }, 'A late data rule must contain a deltaTimeSessionWindowConfiguration.'],
      [{ triggers: [{}] }, 'Exactly one trigger type should be provided'],
      [{ triggers: [{ schedule: { expression: 'rate(1 minute)' }, dataset: { name: 'd1' } }] }, 'Exactly one trigger type should be provided'],
      [{ triggers: [{ schedule: { expression: 'every day' } }] }, "Schedule expression 'every day' is not valid: use rate(value unit) or cron(minutes hours day-of-month month day-of-week year)."],
      [{ triggers: [{ schedule: { expression: 'cron(0 12 * * * *)' } }] }, "Schedule expression 'cron(0 12 * * * *)' is not valid: one of the Day-of-month and Day-of-week fields must be '?' and the other must not."],
    ];
    for (const [extra, message] of cases) {
      await rejectsWith(create({ datasetName: 'bad', actions: sql(), ...extra }), 'InvalidRequestException', { status: 400, message });
    }
    const twoVariables = container();
    twoVariables[0].containerAction!.variables = [{ name: 'v', stringValue: 'a', doubleValue: 1 }];
    await rejectsWith(create({ datasetName: 'bad', actions: twoVariables }), 'InvalidRequestException', {
      status: 400,
      message: "Variable 'v' must have exactly one of stringValue, doubleValue, datasetContentVersionValue or outputFileUriValue.",
    });
  });

  it('enforces the minimum schedule interval: 1 minute for SQL, 15 for containers', async () => {
    await create({ datasetName: 'every_minute', actions: sql(), triggers: [{ schedule: { expression: 'rate(1 minute)' } }] });
    await rejectsWith(create({ datasetName: 'bad', actions: container(), triggers: [{ schedule: { expression: 'rate(5 minutes)' } }] }), 'InvalidRequestException', {
      status: 400,
      message: 'A container dataset cannot be scheduled more often than every 15 minutes.',
    });
    await create({ datasetName: 'quarterly', actions: container(), triggers: [{ schedule: { expression: 'cron(0/15 * * * ? *)' } }] });
  });

  it('chains container datasets after SQL datasets with the documented errors', async () => {
    await create({ datasetName: 'source', actions: sql() });
    const created = await create({ datasetName: 'after_source', actions: container(), triggers: [{ dataset: { name: 'source' } }] });
    assert.equal(created.datasetName, 'after_source');
    await rejectsWith(create({ datasetName: 'bad', actions: sql(), triggers: [{ dataset: { name: 'source' } }] }), 'InvalidRequestException', {
      status: 400,
      message: 'Triggering dataset can only be added on a container dataset',
    });
    await rejectsWith(create({ datasetName: 'bad', actions: container(), triggers: [{ dataset: { name: 'source' } }, { dataset: { name: 'd1' } }] }), 'InvalidRequestException', {
      status: 400,
      message: 'There can only be one triggering dataset',
    });
    await rejectsWith(create({ datasetName: 'bad', actions: container(), triggers: [{ dataset: { name: 'after_source' } }] }), 'InvalidRequestException', {
      status: 400,
      message: 'The triggering dataset after_source cannot be triggered by a container dataset',
    });
    await rejectsWith(create({ datasetName: 'bad', actions: container(), triggers: [{ dataset: { name: 'ghost' } }] }), 'ResourceNotFoundException', {
      status: 404,
      message: 'The triggering dataset ghost cannot be found.',
    });
    // A SQL dataset others wait for cannot become a container dataset.
    await rejectsWith(server.iotanalytics().send(new UpdateDatasetCommand({ datasetName: 'source', actions: container() })), 'InvalidRequestException', {
      status: 400,
      message: 'The triggering dataset source cannot be triggered by a container dataset',
    });
  });

  it('limits the container datasets one SQL dataset triggers (quota, LimitExceededException 410)', async () => {
    const small = await startServer({ config: { quotas: { ...server.app.config.quotas, datasetsTriggeredPerDataset: 2 } } });
    try {
      const client = small.iotanalytics();
      await client.send(new CreateDatasetCommand({ datasetName: 'src', actions: sql() }));
      for (const name of ['c1', 'c2']) {
        await client.send(new CreateDatasetCommand({ datasetName: name, actions: container(), triggers: [{ dataset: { name: 'src' } }] }));
      }
      await rejectsWith(client.send(new CreateDatasetCommand({ datasetName: 'c3', actions: container(), triggers: [{ dataset: { name: 'src' } }] })), 'LimitExceededException', {
        status: 410,
        message: '2 datasets are already dependent on src dataset.',
      });
      // Updating one of the dependents does not count it twice.
      await client.send(new UpdateDatasetCommand({ datasetName: 'c2', actions: container(), triggers: [{ dataset: { name: 'src' } }] }));
    } finally {
      await small.stop();
    }
  });

  it('updates with PUT semantics: what the request leaves out returns to its default', async () => {
    const client = server.iotanalytics();
    await create({
      datasetName: 'upd', actions: sql(), triggers: [{ schedule: { expression: 'rate(1 hour)' } }],
      retentionPeriod: { numberOfDays: 3 }, versioningConfiguration: { unlimited: true },
    });
    const updated = await client.send(new UpdateDatasetCommand({ datasetName: 'upd', actions: sql('SELECT 1 FROM dst') }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    const { dataset } = await client.send(new DescribeDatasetCommand({ datasetName: 'upd' }));
    assert.equal(dataset?.actions?.[0].queryAction?.sqlQuery, 'SELECT 1 FROM dst');
    assert.deepEqual(dataset?.triggers, []);
    assert.deepEqual(dataset?.retentionPeriod, { numberOfDays: 90, unlimited: false });
    assert.equal(dataset?.versioningConfiguration, undefined);
    await rejectsWith(client.send(new UpdateDatasetCommand({ datasetName: 'ghost', actions: sql() })), 'ResourceNotFoundException', {
      status: 404,
      message: 'A resource with the name ghost cannot be found.',
    });
  });

  it('lists summaries with action types, answers duplicates, deletes', async () => {
    const client = server.iotanalytics();
    const { datasetSummaries } = await client.send(new ListDatasetsCommand({}));
    const byName = new Map(datasetSummaries?.map((s) => [s.datasetName, s]));
    assert.deepEqual(byName.get('d1')?.actions, [{ actionName: 'q', actionType: 'QUERY' }]);
    assert.deepEqual(byName.get('after_source')?.actions, [{ actionName: 'c', actionType: 'CONTAINER' }]);
    assert.deepEqual(byName.get('after_source')?.triggers, [{ dataset: { name: 'source' } }]);
    assert.equal((byName.get('d1') as Record<string, unknown>).arn, undefined);
    const error = await rejectsWith(create({ datasetName: 'd1', actions: sql() }), 'ResourceAlreadyExistsException', { status: 409, message: 'A dataset named d1 already exists.' });
    assert.match(error.resourceArn, /:dataset\/d1$/);
    assert.equal((await client.send(new DeleteDatasetCommand({ datasetName: 'd1' }))).$metadata.httpStatusCode, 204);
    await rejectsWith(client.send(new DeleteDatasetCommand({ datasetName: 'd1' })), 'ResourceNotFoundException', { status: 404 });
  });
});
