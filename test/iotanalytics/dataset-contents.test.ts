// Dataset contents end to end through @aws-sdk/client-iotanalytics: messages
// in through BatchPutMessage, a pipeline into a data store, the dataset's
// Athena SQL on DuckDB, the CSV downloaded with a plain GET of the dataURI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateDatasetCommand,
  CreateDatasetContentCommand,
  DeleteDatasetContentCommand,
  GetDatasetContentCommand,
  ListDatasetContentsCommand,
} from '@aws-sdk/client-iotanalytics';
import { rejectsWith } from '../support/api-error.ts';
import { fastConfig } from '../support/data-plane.ts';
import { createChain, finished, ingest } from '../support/dataset-contents.ts';
import { startServer, type TestServer } from '../support/server.ts';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) / 1000;
const READINGS = [
  { device: 'pump1', temp: 20.5, ts: T0 },
  { device: 'pump1', temp: 21.5, ts: T0 + 60 },
  { device: 'pump2', temp: 30, ts: T0 + 120 },
  { device: 'pump2', temp: 31, ts: T0 + 180 },
  { device: 'pump3', temp: 5.25, ts: T0 + 240 },
];

describe('dataset contents through @aws-sdk/client-iotanalytics', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ config: fastConfig() });
    await createChain(server, 'plant');
    await ingest(server, 'plant', READINGS, READINGS.length);
  });
  after(() => server.stop());

  const createDataset = (datasetName: string, sqlQuery: string) =>
    server.iotanalytics().send(new CreateDatasetCommand({ datasetName, actions: [{ actionName: 'q', queryAction: { sqlQuery } }] }));
  const run = async (datasetName: string) => (await server.iotanalytics().send(new CreateDatasetContentCommand({ datasetName }))).versionId!;

  it('runs the SQL and serves the CSV at the dataURI', async () => {
    await createDataset(
      'by_device',
      `SELECT device, avg(temp) AS avg_temp, count(*) AS n, from_unixtime(min(ts)) AS first_seen
       FROM plant WHERE __dt >= current_date - interval '3650' day GROUP BY device ORDER BY device`,
    );
    const versionId = await run('by_device');
    assert.match(versionId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const content = await finished(server, 'by_device', versionId);
    assert.deepEqual(content.status, { state: 'SUCCEEDED' });
    assert.equal(content.entries?.length, 1);
    const uri = content.entries![0].dataURI!;
    assert.match(uri, /X-Amz-Expires=7200/);
    const response = await fetch(uri);
    assert.equal(response.status, 200);
    assert.equal(
      await response.text(),
      [
        '"device","avg_temp","n","first_seen"',
        '"pump1","21.0","2","2024-05-01 10:00:00.000"',
        '"pump2","30.5","2","2024-05-01 10:02:00.000"',
        '"pump3","5.25","1","2024-05-01 10:04:00.000"',
        '',
      ].join('\n'),
    );
  });

  it('lists versions newest first, resolves $LATEST and $LATEST_SUCCEEDED, and deletes them', async () => {
    await createDataset('versions', 'SELECT count(*) AS n FROM plant');
    const first = await run('versions');
    await finished(server, 'versions', first);
    const iota = server.iotanalytics();
    await iota.send(new CreateDatasetCommand({ datasetName: 'broken', actions: [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT nope FROM plant' } }] }));
    const failed = await finished(server, 'broken', await run('broken'));
    assert.equal(failed.status?.state, 'FAILED');
    assert.match(failed.status!.reason!, /^SYNTAX_ERROR: line 1:8: Column 'nope' cannot be resolved/);
    assert.deepEqual(failed.entries, []);
    await rejectsWith(iota.send(new GetDatasetContentCommand({ datasetName: 'broken' })), 'ResourceNotFoundException', { status: 404 });
    const latest = await iota.send(new GetDatasetContentCommand({ datasetName: 'broken', versionId: '$LATEST' }));
    assert.equal(latest.status?.state, 'FAILED');

    const listed = await iota.send(new ListDatasetContentsCommand({ datasetName: 'versions' }));
    assert.equal(listed.datasetContentSummaries?.length, 1);
    const summary = listed.datasetContentSummaries![0];
    assert.equal(summary.version, first);
    assert.equal(summary.status?.state, 'SUCCEEDED');
    assert.deepEqual(summary.scheduleTime, summary.creationTime);
    assert.ok(summary.completionTime! >= summary.creationTime!);

    await iota.send(new DeleteDatasetContentCommand({ datasetName: 'versions', versionId: first }));
    await rejectsWith(iota.send(new GetDatasetContentCommand({ datasetName: 'versions', versionId: first })), 'ResourceNotFoundException', { status: 404 });
    await rejectsWith(iota.send(new ListDatasetContentsCommand({ datasetName: 'nowhere' })), 'ResourceNotFoundException', { status: 404 });
    await rejectsWith(iota.send(new CreateDatasetContentCommand({ datasetName: 'nowhere' })), 'ResourceNotFoundException', { status: 404 });
    await rejectsWith(
      iota.send(new CreateDatasetContentCommand({ datasetName: 'versions', versionId: first })),
      'InvalidRequestException',
      { status: 400, message: 'To specify versionId for a dataset content, the dataset must use a DeltaTime filter.' },
    );
  });
});
