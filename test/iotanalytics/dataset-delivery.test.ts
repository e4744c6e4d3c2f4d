// What happens to a version's file besides GetDatasetContent: delivery to
// buckets with AWS's key placeholders, container datasets run by the SQL
// dataset that triggers them (an executable standing in for the image), the
// cap on versions generated at once, and dataURIs that expire.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateDatasetCommand, CreateDatasetContentCommand, ListDatasetContentsCommand, type DatasetAction } from '@aws-sdk/client-iotanalytics';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DEFAULTS } from '../../src/config/schema.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { keyTime } from '../../src/services/iotanalytics/datasets/contents/delivery.ts';
import { fastConfig } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { createChain, finished, ingest } from '../support/dataset-contents.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { s3Client } from '../s3/support.ts';

const ROLE = 'arn:aws:iam::123456789012:role/iota';
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/report:1';
const FAILING_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/broken:1';
const container = (image: string, variables: NonNullable<DatasetAction['containerAction']>['variables'] = []): DatasetAction[] => [
  { actionName: 'c', containerAction: { image, executionRoleArn: ROLE, resourceConfiguration: { computeType: 'ACU_1', volumeSizeInGB: 1 }, variables } },
];

describe('dataset delivery, containers and the concurrency cap', () => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  const dir = mkdtempSync(join(tmpdir(), 'oia-containers-'));
  const gate = join(dir, 'gate');
  const started = join(dir, 'started');
  before(async () => {
    // The stand-in for IMAGE: notes that it started, waits for the gate, writes its params as its output.
    const report = join(dir, 'report.sh');
    writeFileSync(
      report,
      `#!/bin/sh\necho "$IOTANALYTICS_DATASET_NAME" >> '${started}'\nwhile [ ! -f '${gate}' ]; do sleep 0.02; done\n` +
        `cp "$IOTANALYTICS_PARAMS_FILE" "$IOTANALYTICS_OUTPUT_DIR/report.json"\n`,
    );
    const broken = join(dir, 'broken.sh');
    writeFileSync(broken, '#!/bin/sh\necho "loading model" >&2\necho "ValueError: no rows to score" >&2\nexit 3\n');
    chmodSync(report, 0o755);
    chmodSync(broken, 0o755);
    const containers = { images: { [IMAGE]: report, [FAILING_IMAGE]: broken }, timeoutMs: 60_000 };
    server = await startServer({ clock, config: fastConfig({ datasets: { ...DEFAULTS.datasets, containers } }) });
    await createChain(server, 'meters');
    await ingest(server, 'meters', [{ meter: 'm1', kwh: 1.5 }, { meter: 'm2', kwh: 2 }], 2);
  });
  after(async () => {
    writeFileSync(gate, '');
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const iota = () => server.iotanalytics();
  const run = async (datasetName: string) => (await iota().send(new CreateDatasetContentCommand({ datasetName }))).versionId!;
  const download = async (uri: string) => (await fetch(uri)).text();

  it('delivers the CSV with AWS key placeholders, and says why a delivery could not be made', async () => {
    await s3Client(server).send(new CreateBucketCommand({ Bucket: 'reports' }));
    await iota().send(
      new CreateDatasetCommand({
        datasetName: 'totals',
        actions: [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT meter, kwh FROM meters ORDER BY meter' } }],
        contentDeliveryRules: [
          { destination: { s3DestinationConfiguration: { bucket: 'reports', key: 'totals/!{iotanalytics:scheduleTime}/!{iotanalytics:versionId}.csv', roleArn: ROLE } } },
          { destination: { s3DestinationConfiguration: { bucket: 'no-such-bucket', key: 'x.csv', roleArn: ROLE } } },
          { destination: { iotEventsDestinationConfiguration: { inputName: 'meters_input', roleArn: ROLE } } },
        ],
      }),
    );
    const versionId = await run('totals');
    const content = await finished(server, 'totals', versionId);
    assert.equal(content.status?.state, 'SUCCEEDED');
    assert.equal(
      content.status?.reason,
      'Delivery to s3://no-such-bucket/x.csv failed: NoSuchBucket: The specified bucket does not exist ' +
        'Delivery to the IoT Events input meters_input is not supported by Open IoT Analytics.',
    );
    const expected = '"meter","kwh"\n"m1","1.5"\n"m2","2.0"\n';
    assert.equal(await download(content.entries![0].dataURI!), expected);
    const { datasetContentSummaries } = await iota().send(new ListDatasetContentsCommand({ datasetName: 'totals' }));
    const key = `totals/${keyTime(datasetContentSummaries![0].scheduleTime!)}/${versionId}.csv`;
    const listed = await s3Client(server).send(new ListObjectsV2Command({ Bucket: 'reports' }));
    assert.deepEqual(listed.Contents?.map((o) => o.Key), [key]);
    const delivered = await s3Client(server).send(new GetObjectCommand({ Bucket: 'reports', Key: key }));
    assert.equal(await delivered.Body!.transformToString(), expected);
  });

  it('runs container datasets when the SQL dataset they name succeeds, at most two versions at once', async () => {
    await iota().send(new CreateDatasetCommand({ datasetName: 'source', actions: [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT count(*) AS n FROM meters' } }] }));
    for (const name of ['report_a', 'report_b', 'report_c']) {
      await iota().send(
        new CreateDatasetCommand({
          datasetName: name,
          actions: container(IMAGE, [
            { name: 'threshold', doubleValue: 2.5 },
            { name: 'label', stringValue: name },
            { name: 'input', datasetContentVersionValue: { datasetName: 'source' } },
            { name: 'out', outputFileUriValue: { fileName: 'report.json' } },
          ]),
          triggers: [{ dataset: { name: 'source' } }],
        }),
      );
    }
    const sourceVersion = await run('source');
    await eventually(async () => existsSync(started) && readFileSync(started, 'utf8').trim().split('\n').length === 2, 'two containers started');
    // Two run and wait at the gate; the third waits for a slot.
    assert.equal(server.app.datasetContents.runningCount, 2);
    assert.equal(readFileSync(started, 'utf8').trim().split('\n').length, 2);
    const waiting = await Promise.all(
      ['report_a', 'report_b', 'report_c'].map(async (name) => (await iota().send(new ListDatasetContentsCommand({ datasetName: name }))).datasetContentSummaries ?? []),
    );
    assert.deepEqual(waiting.map((list) => list.map((c) => c.status?.state)).flat().sort(), ['CREATING', 'CREATING', 'CREATING']);
    writeFileSync(gate, '');
    for (const [i, name] of ['report_a', 'report_b', 'report_c'].entries()) {
      const content = await finished(server, name, waiting[i][0].version!);
      assert.equal(content.status?.state, 'SUCCEEDED', content.status?.reason);
      assert.equal(content.entries?.length, 1);
      assert.equal(content.entries![0].entryName, 'report.json');
      const params = JSON.parse(await download(content.entries![0].dataURI!));
      assert.equal(params.Variables.threshold, 2.5);
      assert.equal(params.Variables.label, name);
      assert.equal(params.Variables.input, sourceVersion);
      assert.match(params.Context.OutputUris.out, /\/output\/report\.json$/);
      assert.equal(params.Variables.out, params.Context.OutputUris.out);
    }
  });

  it('fails a container whose executable exits non-zero with its stderr, and an unmapped image with how to map it', async () => {
    await iota().send(new CreateDatasetCommand({ datasetName: 'broken', actions: container(FAILING_IMAGE) }));
    const broken = await finished(server, 'broken', await run('broken'));
    assert.equal(broken.status?.state, 'FAILED');
    assert.match(broken.status!.reason!, /^The container .*broken:1 \(.*broken\.sh\) exited with code 3: loading model\nValueError: no rows to score$/);
    await iota().send(new CreateDatasetCommand({ datasetName: 'unmapped', actions: container('123456789012.dkr.ecr.us-east-1.amazonaws.com/other:2') }));
    const unmapped = await finished(server, 'unmapped', await run('unmapped'));
    assert.equal(unmapped.status?.state, 'FAILED');
    assert.match(unmapped.status!.reason!, /^No local executable is mapped to the image .*other:2\. Map it in the configuration file: \{"datasets": \{"containers": \{"images"/);
  });

  it('serves a dataURI for 7200 seconds, then answers as S3 does for an expired URL', async () => {
    const { entries } = await finished(server, 'totals', (await iota().send(new ListDatasetContentsCommand({ datasetName: 'totals' }))).datasetContentSummaries![0].version!);
    const uri = entries![0].dataURI!;
    const now = clock.now();
    clock.advance(7199_000);
    assert.equal((await fetch(uri)).status, 200);
    clock.advance(2000);
    const expired = await fetch(uri);
    clock.set(now);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message><X-Amz-Expires>7200<\/X-Amz-Expires>/);
    const forged = new URL(uri);
    forged.pathname = forged.pathname.replace(/[0-9a-f-]{36}\.csv$/, '00000000-0000-4000-8000-000000000000.csv');
    assert.match(await (await fetch(forged)).text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  });
});
