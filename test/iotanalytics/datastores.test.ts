import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateDatastoreCommand,
  DeleteDatastoreCommand,
  DescribeDatastoreCommand,
  ListDatastoresCommand,
  UpdateDatastoreCommand,
} from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { startServer, type TestServer } from '../support/server.ts';

const ROLE = 'arn:aws:iam::123456789012:role/iota-datastore';
const PARQUET = { parquetConfiguration: { schemaDefinition: { columns: [{ name: 'temp', type: 'double' }, { name: 'device', type: 'string' }] } } };

describe('data stores through @aws-sdk/client-iotanalytics', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('creates a data store with defaults and describes it', async () => {
    const client = server.iotanalytics();
    const created = await client.send(new CreateDatastoreCommand({ datastoreName: 'ds1' }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.datastoreArn, `arn:aws:iotanalytics:us-east-1:${server.app.account.accountId}:datastore/ds1`);
    assert.deepEqual(created.retentionPeriod, { unlimited: true });
    const { datastore, statistics } = await client.send(new DescribeDatastoreCommand({ datastoreName: 'ds1' }));
    assert.equal(statistics, undefined);
    assert.equal(datastore?.name, 'ds1');
    assert.equal(datastore?.arn, created.datastoreArn);
    assert.equal(datastore?.status, 'ACTIVE');
    assert.deepEqual(datastore?.storage, { serviceManagedS3: {} });
    assert.deepEqual(datastore?.fileFormatConfiguration, { jsonConfiguration: {} });
    assert.deepEqual(datastore?.retentionPeriod, { unlimited: true });
  });

  it('keeps Parquet schemas and partitions, and summarises them', async () => {
    const client = server.iotanalytics();
    const partitions = {
      partitions: [{ attributePartition: { attributeName: 'device' } }, { timestampPartition: { attributeName: 'ts', timestampFormat: 'yyyy-MM-dd' } }],
    };
    await client.send(new CreateDatastoreCommand({
      datastoreName: 'pq', fileFormatConfiguration: PARQUET, datastorePartitions: partitions, retentionPeriod: { numberOfDays: 30 },
    }));
    const { datastore } = await client.send(new DescribeDatastoreCommand({ datastoreName: 'pq' }));
    assert.deepEqual(datastore?.fileFormatConfiguration, PARQUET);
    assert.deepEqual(datastore?.datastorePartitions, partitions);
    const { datastoreSummaries } = await client.send(new ListDatastoresCommand({}));
    const summary = datastoreSummaries?.find((s) => s.datastoreName === 'pq');
    assert.equal(summary?.fileFormatType, 'PARQUET');
    assert.deepEqual(summary?.datastorePartitions, partitions);
    assert.deepEqual(summary?.datastoreStorage, { serviceManagedS3: {} });
    assert.equal((summary as Record<string, unknown>).arn, undefined);
    assert.equal(datastoreSummaries?.find((s) => s.datastoreName === 'ds1')?.fileFormatType, 'JSON');
  });

  it('enforces the partition and format rules', async () => {
    const client = server.iotanalytics();
    const cases: [Record<string, unknown>, string][] = [
      [{ datastorePartitions: { partitions: [{ timestampPartition: { attributeName: 'a' } }, { timestampPartition: { attributeName: 'b' } }] } }, 'A data store can have at most one timestamp partition.'],
      [{ datastorePartitions: { partitions: [{ attributePartition: { attributeName: 'a' } }, { attributePartition: { attributeName: 'a' } }] } }, "Partition attribute names must be unique; 'a' is used more than once."],
      [{ datastorePartitions: { partitions: [{ attributePartition: { attributeName: 'a' }, timestampPartition: { attributeName: 'b' } }] } }, 'Exactly one partition type should be provided'],
      [{ fileFormatConfiguration: { jsonConfiguration: {}, parquetConfiguration: {} } }, 'Only one of jsonConfiguration or parquetConfiguration may be specified.'],
      [{ fileFormatConfiguration: { parquetConfiguration: { schemaDefinition: { columns: [{ name: 'x', type: 'int' }, { name: 'X', type: 'int' }] } } } }, "Column names must be unique; 'X' is used more than once."],
    ];
    for (const [extra, message] of cases) {
      await rejectsWith(client.send(new CreateDatastoreCommand({ datastoreName: 'bad', ...extra })), 'InvalidRequestException', { status: 400, message });
    }
  });

  it('accepts customer-managed and SiteWise storage, without statistics', async () => {
    const client = server.iotanalytics();
    const storages = {
      cmds: { customerManagedS3: { bucket: 'my-bucket', keyPrefix: 'ds/', roleArn: ROLE } },
      swds: { iotSiteWiseMultiLayerStorage: { customerManagedS3Storage: { bucket: 'my-bucket', keyPrefix: 'sw/' } } },
    };
    for (const [name, storage] of Object.entries(storages)) {
      await client.send(new CreateDatastoreCommand({ datastoreName: name, datastoreStorage: storage }));
      const { datastore } = await client.send(new DescribeDatastoreCommand({ datastoreName: name }));
      assert.deepEqual(datastore?.storage, storage);
      await rejectsWith(client.send(new DescribeDatastoreCommand({ datastoreName: name, includeStatistics: true })), 'InvalidRequestException', {
        status: 400,
        message: "includeStatistics can't be used with a data store whose S3 storage is customer-managed.",
      });
    }
    const stats = await client.send(new DescribeDatastoreCommand({ datastoreName: 'ds1', includeStatistics: true }));
    assert.equal(stats.statistics?.size?.estimatedSizeInBytes, 0);
  });

  it('updates retention and Parquet schema but never the storage kind or file format', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateDatastoreCommand({ datastoreName: 'upd', fileFormatConfiguration: PARQUET, retentionPeriod: { numberOfDays: 7 } }));
    await rejectsWith(
      client.send(new UpdateDatastoreCommand({ datastoreName: 'upd', fileFormatConfiguration: { jsonConfiguration: {} } })),
      'InvalidRequestException',
      { status: 400, message: "The file format of a data store can't be changed after it is created." },
    );
    await rejectsWith(
      client.send(new UpdateDatastoreCommand({ datastoreName: 'upd', datastoreStorage: { customerManagedS3: { bucket: 'bkt', roleArn: ROLE } } })),
      'InvalidRequestException',
      { status: 400, message: "The storage type of a data store can't be changed after it is created." },
    );
    const wider = { parquetConfiguration: { schemaDefinition: { columns: [...PARQUET.parquetConfiguration.schemaDefinition.columns, { name: 'hum', type: 'double' }] } } };
    await client.send(new UpdateDatastoreCommand({ datastoreName: 'upd', fileFormatConfiguration: wider, retentionPeriod: { unlimited: true } }));
    const { datastore } = await client.send(new DescribeDatastoreCommand({ datastoreName: 'upd' }));
    assert.deepEqual(datastore?.fileFormatConfiguration, wider);
    assert.deepEqual(datastore?.retentionPeriod, { unlimited: true });
    // PUT semantics: retention left out goes back to unlimited; the format (fixed) stays.
    await client.send(new UpdateDatastoreCommand({ datastoreName: 'upd', retentionPeriod: { numberOfDays: 3 } }));
    await client.send(new UpdateDatastoreCommand({ datastoreName: 'upd' }));
    const reset = await client.send(new DescribeDatastoreCommand({ datastoreName: 'upd' }));
    assert.deepEqual(reset.datastore?.retentionPeriod, { unlimited: true });
    assert.deepEqual(reset.datastore?.fileFormatConfiguration, wider);
  });

  it('answers duplicates and missing data stores as AWS does', async () => {
    const client = server.iotanalytics();
    const error = await rejectsWith(client.send(new CreateDatastoreCommand({ datastoreName: 'ds1' })), 'ResourceAlreadyExistsException', {
      status: 409,
      message: 'A data store named ds1 already exists.',
    });
    assert.match(error.resourceArn, /:datastore\/ds1$/);
    for (const command of [new DescribeDatastoreCommand({ datastoreName: 'x' }), new UpdateDatastoreCommand({ datastoreName: 'x' }), new DeleteDatastoreCommand({ datastoreName: 'x' })]) {
      await rejectsWith(client.send(command as any), 'ResourceNotFoundException', { status: 404, message: 'A resource with the name x cannot be found.' });
    }
  });

  it('deletes a data store', async () => {
    const client = server.iotanalytics();
    await client.send(new CreateDatastoreCommand({ datastoreName: 'gone' }));
    assert.equal((await client.send(new DeleteDatastoreCommand({ datastoreName: 'gone' }))).$metadata.httpStatusCode, 204);
    await rejectsWith(client.send(new DescribeDatastoreCommand({ datastoreName: 'gone' })), 'ResourceNotFoundException', { status: 404 });
  });
});
