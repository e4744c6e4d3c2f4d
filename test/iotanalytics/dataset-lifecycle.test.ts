// Versions whose dataset or whose own row goes away while they wait or run,
// a server stopped while a version is CREATING, and a container that
// outlives its time limit. Container datasets stand in for long runs: the
// executable waits for a gate file the test creates (no sleeps, no timing).
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateDatasetCommand,
  CreateDatasetContentCommand,
  DeleteDatasetCommand,
  DeleteDatasetContentCommand,
  GetDatasetContentCommand,
  ListDatasetContentsCommand,
  type DatasetAction,
} from '@aws-sdk/client-iotanalytics';
import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DEFAULTS, type DatasetsConfig } from '../../src/config/schema.ts';
import { rejectsWith } from '../support/api-error.ts';
import { fastConfig } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { finished } from '../support/dataset-contents.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { s3Client } from '../s3/support.ts';

const ROLE = 'arn:aws:iam::123456789012:role/iota';
const GATED = '123456789012.dkr.ecr.us-east-1.amazonaws.com/gated:1';
const gatedAction: DatasetAction[] = [
  {
    actionName: 'c',
    containerAction: {
      image: GATED,
      executionRoleArn: ROLE,
      resourceConfiguration: { computeType: 'ACU_1', volumeSizeInGB: 1 },
      variables: [{ name: 'out', outputFileUriValue: { fileName: 'out.txt' } }],
    },
  },
];

describe('dataset versions whose dataset, row or server goes away', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oia-lifecycle-'));
  const started = (dataset: string) => join(dir, `started-${dataset}`);
  const open = (dataset: string) => writeFileSync(join(dir, `gate-${dataset}`), '');
  const datasetsConfig = (more: Partial<DatasetsConfig> = {}): Partial<DatasetsConfig> => ({
    ...DEFAULTS.datasets,
    containers: { images: { [GATED]: join(dir, 'gated.sh') }, timeoutMs: 60_000 },
    ...more,
  });
  let server: TestServer;
  before(async () => {
    // Notes that it started, waits for its dataset's gate, writes its output.
    writeFileSync(
      join(dir, 'gated.sh'),
      `#!/bin/sh\ntouch '${dir}/started-'"$IOTANALYTICS_DATASET_NAME"\n` +
        `while [ ! -f '${dir}/gate-'"$IOTANALYTICS_DATASET_NAME" ]; do sleep 0.02; done\n` +
        `echo done > "$IOTANALYTICS_OUTPUT_DIR/out.txt"\n`,
    );
    chmodSync(join(dir, 'gated.sh'), 0o755);
    server = await startServer({ config: fastConfig({ datasets: datasetsConfig({ concurrentContents: 1 }) as DatasetsConfig }) });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const iota = () => server.iotanalytics();
  const run = async (datasetName: string) => (await iota().send(new CreateDatasetContentCommand({ datasetName }))).versionId!;
  const states = async (datasetName: string) =>
    ((await iota().send(new ListDatasetContentsCommand({ datasetName }))).datasetContentSummaries ?? []).map((c) => c.status?.state);

  it('removes a waiting version with its dataset; a dataset created again under the name starts afresh', async () => {
    await iota().send(new CreateDatasetCommand({ datasetName: 'holder', actions: gatedAction }));
    const holding = await run('holder');
    await eventually(async () => existsSync(started('holder')), 'the only slot taken');
    await iota().send(new CreateDatasetCommand({ datasetName: 'doomed', actions: gatedAction }));
    await run('doomed');
    assert.deepEqual(await states('doomed'), ['CREATING']);
    await iota().send(new DeleteDatasetCommand({ datasetName: 'doomed' }));
    await iota().send(new CreateDatasetCommand({ datasetName: 'doomed', actions: gatedAction }));
    assert.deepEqual(await states('doomed'), []);
    open('holder');
    assert.equal((await finished(server, 'holder', holding)).status?.state, 'SUCCEEDED');
    // The runner is free again: nothing of the old dataset is left to generate.
    open('doomed');
    const fresh = await run('doomed');
    assert.equal((await finished(server, 'doomed', fresh)).status?.state, 'SUCCEEDED');
    assert.deepEqual(await states('doomed'), ['SUCCEEDED']);
  });

  it('stops a version deleted while it is generated: nothing is delivered for it', async () => {
    await s3Client(server).send(new CreateBucketCommand({ Bucket: 'deliveries' }));
    await iota().send(
      new CreateDatasetCommand({
        datasetName: 'cancelled',
        actions: gatedAction,
        contentDeliveryRules: [{ destination: { s3DestinationConfiguration: { bucket: 'deliveries', key: '!{iotanalytics:versionId}.txt', roleArn: ROLE } } }],
      }),
    );
    const versionId = await run('cancelled');
    await eventually(async () => existsSync(started('cancelled')), 'the version being generated');
    await iota().send(new DeleteDatasetContentCommand({ datasetName: 'cancelled', versionId }));
    await eventually(async () => server.app.datasetContents.runningCount === 0, 'the run stopped');
    open('cancelled');
    await rejectsWith(iota().send(new GetDatasetContentCommand({ datasetName: 'cancelled', versionId })), 'ResourceNotFoundException', { status: 404 });
    const delivered = await s3Client(server).send(new ListObjectsV2Command({ Bucket: 'deliveries' }));
    assert.deepEqual(delivered.Contents ?? [], []);
  });

  it('finishes, after a restart, a version that was CREATING when the server stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oia-restart-'));
    const config = fastConfig({ dataDir, datasets: datasetsConfig() as DatasetsConfig });
    const first = await startServer({ config });
    await first.iotanalytics().send(new CreateDatasetCommand({ datasetName: 'interrupted', actions: gatedAction }));
    const { versionId } = await first.iotanalytics().send(new CreateDatasetContentCommand({ datasetName: 'interrupted' }));
    await eventually(async () => existsSync(started('interrupted')), 'the version being generated');
    await first.app.close();
    open('interrupted');
    const second = await startServer({ config });
    try {
      const content = await finished(second, 'interrupted', versionId!);
      assert.equal(content.status?.state, 'SUCCEEDED', content.status?.reason);
      assert.equal(await (await fetch(content.entries![0].dataURI!)).text(), 'done\n');
    } finally {
      await second.stop();
    }
  });

  it('fails a container that outlives datasets.containers.timeoutMs, saying so', async () => {
    const limited = await startServer({ config: fastConfig({ datasets: datasetsConfig({ containers: { images: { [GATED]: join(dir, 'gated.sh') }, timeoutMs: 200 } }) as DatasetsConfig }) });
    try {
      // Its gate is never opened.
      await limited.iotanalytics().send(new CreateDatasetCommand({ datasetName: 'endless', actions: gatedAction }));
      const { versionId } = await limited.iotanalytics().send(new CreateDatasetContentCommand({ datasetName: 'endless' }));
      const content = await finished(limited, 'endless', versionId!);
      assert.equal(content.status?.state, 'FAILED');
      assert.match(content.status!.reason!, /^The container .*gated:1 \(.*gated\.sh\) did not finish within 200 ms \(datasets\.containers\.timeoutMs\) and was stopped$/);
    } finally {
      await limited.stop();
    }
  });
});
