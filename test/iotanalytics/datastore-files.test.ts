// What pipelines write into data stores: Parquet (with a schemaDefinition or
// inferred columns) and gzip JSON lines, under `__dt` and custom partition
// folders as Hive lays them out; in a customer's bucket, readable with the
// S3 API; merged by compaction; dropped by retention.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  BatchPutMessageCommand,
  CreateChannelCommand,
  CreateDatastoreCommand,
  CreatePipelineCommand,
  DeleteDatastoreCommand,
  DescribeDatastoreCommand,
  IoTAnalyticsClient,
  type CreateDatastoreRequest,
} from '@aws-sdk/client-iotanalytics';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { existsSync } from 'node:fs';
import { ManualClock } from '../../src/lib/clock.ts';
import { fastConfig, json, queryFiles, readDatastore } from '../support/data-plane.ts';
import { eventually } from '../support/eventually.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { s3Client } from '../s3/support.ts';

const ROLE = 'arn:aws:iam::123456789012:role/storage';
const DAY = 86_400_000;

describe('data-store files', () => {
  let server: TestServer;
  let seq = 0;
  // The server's clock moves (retention) only when the test says so; clients
  // sign with the same offset so that their signatures stay current.
  const clock = new ManualClock(Date.now());
  const today = () => `__dt=${clock.now().toISOString().slice(0, 10)} 00:00:00`;
  const iota = () => new IoTAnalyticsClient({ ...server.clientConfig(), systemClockOffset: clock.now().getTime() - Date.now() });

  before(async () => {
    server = await startServer({ clock, config: fastConfig({ dataPlane: { compactionMinFiles: 3 } }) });
  });
  after(() => server.stop());

  async function store(name: string, settings: Omit<CreateDatastoreRequest, 'datastoreName'>) {
    const client = iota();
    await client.send(new CreateChannelCommand({ channelName: `${name}_in` }));
    await client.send(new CreateDatastoreCommand({ datastoreName: name, ...settings }));
    await client.send(
      new CreatePipelineCommand({
        pipelineName: `${name}_pipeline`,
        pipelineActivities: [{ channel: { name: 'in', channelName: `${name}_in`, next: 'out' } }, { datastore: { name: 'out', datastoreName: name } }],
      }),
    );
    return async (payloads: unknown[]) => {
      const answer = await iota().send(new BatchPutMessageCommand({ channelName: `${name}_in`, messages: payloads.map((p) => ({ messageId: String(++seq), payload: json(p) })) }));
      assert.deepEqual(answer.batchPutMessageErrorEntries, []);
    };
  }

  const files = async (name: string) => (await server.app.dataPlane.datastoreFiles(server.region, name))!;
  const stored = async (name: string, count: number) =>
    eventually(async () => {
      const rows = await readDatastore(server, name);
      return rows.length === count && rows;
    }, `${count} rows in ${name}`);

  it('Parquet with a schemaDefinition: declared types, case-insensitive names, values that do not fit as NULL', async () => {
    const send = await store('typed', {
      fileFormatConfiguration: {
        parquetConfiguration: {
          schemaDefinition: {
            columns: [
              { name: 'device', type: 'string' },
              { name: 'temp', type: 'double' },
              { name: 'count', type: 'int' },
              { name: 'tags', type: 'array<string>' },
              { name: 'location', type: 'struct<lat:double,lon:double>' },
            ],
          },
        },
      },
    });
    await send([
      { device: 'a', temp: 21, count: 3, tags: ['x', 'y'], location: { lat: 52.5, lon: 13.4 }, extra: 'dropped' },
      { Device: 'b', temp: 'warm', count: 1 },
    ]);
    const rows = await stored('typed', 2);
    assert.deepEqual(
      rows.map(({ __dt, ...r }) => r).sort((x, y) => String(x.device).localeCompare(String(y.device))),
      [
        { device: 'a', temp: 21, count: 3, tags: ['x', 'y'], location: { lat: 52.5, lon: 13.4 } },
        { device: 'b', count: 1 },
      ],
    );
    const types = Object.fromEntries((await queryFiles([(await files('typed')).files[0].path!], 'parquet', 'DESCRIBE SELECT * FROM t')).map((c) => [c.column_name, c.column_type]));
    assert.deepEqual(types, {
      device: 'VARCHAR',
      temp: 'DOUBLE',
      count: 'INTEGER',
      tags: 'VARCHAR[]',
      location: 'STRUCT(lat DOUBLE, lon DOUBLE)',
      __dt: 'TIMESTAMP',
    });
  });

  it('Parquet without a schema: columns inferred and widened, under __dt=YYYY-MM-DD 00:00:00', async () => {
    const send = await store('inferred', { fileFormatConfiguration: { parquetConfiguration: {} } });
    await send([{ n: 1, s: 'a', nested: { x: 1 } }, { n: 2.5, s: 'b', nested: { x: 2, y: 'z' }, odd: 1 }, { n: 3, s: 'c', odd: 'text' }]);
    const rows = await stored('inferred', 3);
    const listing = await files('inferred');
    assert.deepEqual(listing.partitionColumns, ['__dt']);
    assert.equal(listing.files[0].key.slice(0, listing.files[0].key.lastIndexOf('/')), `datastore/inferred/${today()}`);
    assert.match(listing.files[0].key, /\/\d+_\d+\.parquet$/);
    assert.deepEqual(listing.files[0].partitionValues, { __dt: today().slice(5) });
    assert.ok(listing.files[0].path!.startsWith(server.dataDir));
    const byS = Object.fromEntries(rows.map((r) => [r.s, r]));
    assert.equal(byS.b.n, 2.5);
    assert.equal(byS.a.n, 1);
    assert.deepEqual(byS.b.nested, { x: 2, y: 'z' });
    // A column seen as both a number and text is kept as JSON text.
    assert.equal(byS.b.odd, '1');
    assert.equal(byS.c.odd, '"text"');
  });

  it('JSON lines, gzipped, with attribute and timestamp partitions', async () => {
    const send = await store('partitioned', {
      fileFormatConfiguration: { jsonConfiguration: {} },
      datastorePartitions: {
        partitions: [
          { attributePartition: { attributeName: 'site' } },
          { timestampPartition: { attributeName: 'at', timestampFormat: "yyyy-MM-dd'T'HH:mm:ssXXX" } },
        ],
      },
    });
    await send([
      { site: 'berlin', at: '2024-04-30T23:30:00+02:00', v: 1 },
      { site: 'a/b=c', at: '2024-04-30T23:30:00Z', v: 2 },
      { v: 3, at: 'not a time' },
    ]);
    const rows = await stored('partitioned', 3);
    const listing = await files('partitioned');
    assert.deepEqual(listing.partitionColumns, ['__dt', '__partition_site', '__year', '__month', '__day', '__hour']);
    const none = '__HIVE_DEFAULT_PARTITION__';
    assert.deepEqual(listing.files.map((f) => f.partition).sort(), [
      `${today()}/__partition_site=a%2Fb%3Dc/__year=2024/__month=04/__day=30/__hour=23`,
      `${today()}/__partition_site=berlin/__year=2024/__month=04/__day=30/__hour=21`,
      `${today()}/__partition_site=${none}/__year=${none}/__month=${none}/__day=${none}/__hour=${none}`,
    ].sort());
    const bySite = Object.fromEntries(rows.map((r) => [String(r.v), r]));
    assert.equal(bySite['2'].__partition_site, 'a/b=c');
    assert.equal(bySite['1'].__hour, 21);
    assert.equal(bySite['3'].__partition_site, undefined);
    const file = listing.files.find((f) => f.partitionValues.__partition_site === 'berlin')!;
    assert.equal(file.format, 'json');
    assert.match(file.key, /\.json\.gz$/);
    const { readFileSync } = await import('node:fs');
    assert.deepEqual(gunzipSync(readFileSync(file.path!)).toString('utf8'), `${JSON.stringify({ site: 'berlin', at: '2024-04-30T23:30:00+02:00', v: 1 })}\n`);
  });

  it('writes to a customer-managed bucket, where standard S3 clients read the files', async () => {
    const s3 = s3Client(server, { systemClockOffset: clock.now().getTime() - Date.now() });
    await s3.send(new CreateBucketCommand({ Bucket: 'customer-data' }));
    const send = await store('in_bucket', {
      datastoreStorage: { customerManagedS3: { bucket: 'customer-data', keyPrefix: 'iot/', roleArn: ROLE } },
      fileFormatConfiguration: { parquetConfiguration: {} },
    });
    await send([{ a: 1 }, { a: 2 }]);
    const rows = await stored('in_bucket', 2);
    assert.deepEqual(rows.map((r) => r.a).sort(), [1, 2]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'customer-data', Prefix: 'iot/datastore/in_bucket/' }));
    const keys = listed.Contents?.map((o) => o.Key) ?? [];
    assert.equal(keys.length, 1);
    assert.ok(keys[0]!.startsWith(`iot/datastore/in_bucket/${today()}/`), keys[0]);
    const object = await s3.send(new GetObjectCommand({ Bucket: 'customer-data', Key: keys[0] }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    assert.equal(bytes.subarray(0, 4).toString(), 'PAR1');
    assert.deepEqual((await files('in_bucket')).root, { bucket: 'customer-data', prefix: 'iot/datastore/in_bucket/' });
  });

  it('compacts a partition of small files into one, with the same rows', async () => {
    // compactionMinFiles is 3 here: three flushes make three files, then one.
    const send = await store('compacted', { fileFormatConfiguration: { parquetConfiguration: {} } });
    for (let i = 0; i < 3; i++) {
      await send([{ round: i }]);
      await eventually(async () => (await readDatastore(server, 'compacted')).length === i + 1, `round ${i} stored`);
    }
    const merged = await eventually(async () => {
      const listing = await files('compacted');
      return listing.files.length === 1 && listing.files[0].rows === 3 && listing;
    }, 'the three files merged into one');
    assert.match(merged.files[0].key, /\/\d+_\d+\.parquet$/);
    assert.deepEqual((await readDatastore(server, 'compacted')).map((r) => r.round).sort(), [0, 1, 2]);
  });

  it('drops files past the retention period, and deletes the files of a deleted data store', async () => {
    const client = iota();
    const send = await store('short_lived', { retentionPeriod: { numberOfDays: 2 } });
    await send([{ old: true }]);
    await stored('short_lived', 1);
    const [file] = (await files('short_lived')).files;
    const size = (await client.send(new DescribeDatastoreCommand({ datastoreName: 'short_lived', includeStatistics: true }))).statistics?.size?.estimatedSizeInBytes;
    assert.equal(size, file.bytes);
    // Two days on, the file's day ended less than two days ago: it stays.
    clock.advance(2 * DAY);
    await send([{ old: false }]);
    await stored('short_lived', 2);
    clock.advance(DAY);
    await eventually(async () => (await files('short_lived')).files.every((f) => f.key !== file.key), 'the expired file dropped');
    await eventually(async () => !existsSync(file.path!), 'the expired file deleted');
    assert.deepEqual((await readDatastore(server, 'short_lived')).map((r) => r.old), [false]);

    const [kept] = (await files('short_lived')).files;
    await iota().send(new DeleteDatastoreCommand({ datastoreName: 'short_lived' }));
    await eventually(async () => !existsSync(kept.path!), 'the files of the deleted data store deleted');
  });
});
