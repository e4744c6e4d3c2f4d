// dataset: (a) a typical aggregate over 10 million data-store rows through
// CreateDatasetContent → SUCCEEDED, against the same query run by DuckDB
// itself on the same files in the same run (goal: at most 1.2 times DuckDB's
// time); (b) CreateDatasetContent → SUCCEEDED for a small dataset (goal:
// under 200 ms), p50 and p99 over 50 runs.
//
// The server runs in this process (default configuration, real clock). The
// data store's Parquet files are written by DuckDB straight into the data
// store's folder and recorded in its file index, as the data plane's flush
// would leave them (ingesting 10 million rows is the ingest benchmark's
// business). "SUCCEEDED" is the moment the version's completion is
// committed (the runner's onSucceeded), after the CSV is in the results
// bucket; the SDK's CreateDatasetContent call starts the clock.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { CreateDatasetCommand, CreateDatasetContentCommand, CreateDatastoreCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { createApp, type App } from '../src/app.ts';
import { DEFAULTS } from '../src/config/schema.ts';
import { createLogger } from '../src/lib/logger.ts';
import { datastoreFileIndex } from '../src/services/iotanalytics/data-plane/datastores/datastore-files.ts';
import { dataStoreScan } from '../src/services/iotanalytics/datasets/query/data-store-scan.ts';
import { writeSyntheticDataStore } from '../src/services/iotanalytics/datasets/query/data-store-fixtures.ts';
import { measuredOn, writeBenchmarkSection } from './support/benchmarks-doc.ts';

const ROWS = Number(process.env.BENCH_DATASET_ROWS ?? 10_000_000);
const LARGE_RUNS = Number(process.env.BENCH_DATASET_RUNS ?? 7);
const WARM_UP = 2;
const SMALL_RUNS = 50;
const REGION = 'us-east-1';
const DAY = '2020-01-01';
const AGGREGATE = `SELECT deviceid, avg(temperature) AS avg_temp, approx_percentile(temperature, 0.95) AS p95, count(*) AS n
  FROM bench_store WHERE __dt = timestamp '${DAY} 00:00:00' GROUP BY deviceid ORDER BY deviceid`;

async function addDataStore(app: App, client: IoTAnalyticsClient, name: string, rows: number): Promise<string[]> {
  await client.send(new CreateDatastoreCommand({ datastoreName: name, fileFormatConfiguration: { parquetConfiguration: {} } }));
  const areaRoot = join(app.config.dataDir, 'iotanalytics', REGION);
  const files = await writeSyntheticDataStore({ dir: join(areaRoot, 'datastore', name), rows, days: 1, firstDay: DAY });
  await app.database.transaction(async (tx) => {
    for (const [i, file] of files.entries()) {
      const key = relative(areaRoot, file);
      await datastoreFileIndex.insert(tx, { region: REGION, datastore: name }, {
        key, partition: key.split('/').slice(2, -1).join('/'), day: Date.parse(`${DAY}T00:00:00Z`), format: 'parquet',
        rows, bytes: statSync(file).size, firstSeq: i + 1, lastSeq: i + 1, createdAt: Date.now(),
      });
    }
  });
  return files;
}

/** Waiting callers, each answered by the runner's onSucceeded for its dataset. */
const waiters: ((content: { dataset: string }) => boolean)[] = [];

/** Milliseconds from sending CreateDatasetContent to the version's SUCCEEDED being committed. */
async function timeToSucceeded(client: IoTAnalyticsClient, datasetName: string): Promise<number> {
  const start = performance.now();
  const finished = new Promise<number>((resolve) => {
    waiters.push((content) => {
      if (content.dataset !== datasetName) return false;
      resolve(performance.now() - start);
      return true;
    });
  });
  await client.send(new CreateDatasetContentCommand({ datasetName }));
  return finished;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** DuckDB on its own: one instance, the query's result written as CSV, as the server's runner does. */
async function openDirect(files: string[], outputDir: string): Promise<{ run(): Promise<number>; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // The query the server's translation amounts to, written for DuckDB by hand:
  // approx_percentile is DuckDB's quantile_disc there (docs/SQL.md), the scan the same.
  const sql = `SELECT deviceid, avg(temperature) AS avg_temp, quantile_disc(temperature, 0.95) AS p95, count(*) AS n
    FROM ${dataStoreScan({ format: 'parquet', files })} WHERE __dt = TIMESTAMP '${DAY} 00:00:00' GROUP BY deviceid ORDER BY deviceid`;
  let runs = 0;
  return {
    async run() {
      const start = performance.now();
      await connection.run(`COPY (${sql}) TO '${join(outputDir, `direct-${runs++}.csv`)}' (HEADER, FORCE_QUOTE *)`);
      return performance.now() - start;
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'oia-bench-dataset-'));
const app = await createApp({ config: { ...DEFAULTS, port: 0, dataDir, logLevel: 'silent' }, logger: createLogger('silent') });
try {
  const { url } = await app.listen();
  app.datasetContents.onSucceeded((content) => {
    const i = waiters.findIndex((w) => w(content));
    if (i >= 0) waiters.splice(i, 1);
  });
  const client = new IoTAnalyticsClient({
    endpoint: url,
    region: REGION,
    credentials: { accessKeyId: app.account.rootAccessKeyId, secretAccessKey: app.account.rootSecretAccessKey },
  });

  process.stderr.write(`writing ${ROWS} rows…\n`);
  const files = await addDataStore(app, client, 'bench_store', ROWS);
  await client.send(new CreateDatasetCommand({ datasetName: 'daily_by_device', actions: [{ actionName: 'q', queryAction: { sqlQuery: AGGREGATE } }] }));
  // Both warmed up (file cache, Parquet footers), then run in turns so that neither gets a quieter machine.
  const direct = await openDirect(files, dataDir);
  const serverTimes: number[] = [];
  const directTimes: number[] = [];
  for (let i = 0; i < WARM_UP + LARGE_RUNS; i++) {
    const s = await timeToSucceeded(client, 'daily_by_device');
    const d = await direct.run();
    if (i >= WARM_UP) {
      serverTimes.push(s);
      directTimes.push(d);
    }
  }
  direct.close();
  const server = percentile(serverTimes, 50);
  const directMedian = percentile(directTimes, 50);

  await addDataStore(app, client, 'small_store', 100);
  await client.send(new CreateDatasetCommand({ datasetName: 'small', actions: [{ actionName: 'q', queryAction: { sqlQuery: 'SELECT * FROM small_store ORDER BY epoch' } }] }));
  await timeToSucceeded(client, 'small');
  const small: number[] = [];
  for (let i = 0; i < SMALL_RUNS; i++) small.push(await timeToSucceeded(client, 'small'));

  const ratio = server / directMedian;
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  const body = `
${measuredOn()}

\`npm run bench -- dataset\`. The server runs in the benchmark's process with the default configuration;
the data store's Parquet files are written by DuckDB into its folder and recorded in its file index,
as the data plane leaves them. Times run from sending \`CreateDatasetContent\` (JS SDK) to the commit of
the version's SUCCEEDED, after its CSV is in the results bucket.

| Measurement | Result | Goal |
|---|---|---|
| (a) \`GROUP BY\` device with \`avg\`, \`approx_percentile\`, \`count\` over one day of ${ROWS.toLocaleString('en')} rows, through the server (median of ${LARGE_RUNS}) | ${f(server)} | |
| (a) the same query by DuckDB directly on the same files (\`quantile_disc\`, which \`approx_percentile\` becomes), \`COPY … TO\` CSV (median of ${LARGE_RUNS}) | ${f(directMedian)} | |
| (a) ratio | ${ratio.toFixed(2)}× | ≤ 1.2× ${ratio <= 1.2 ? '(met)' : '(not met)'} |
| (b) small dataset (100 rows), p50 of ${SMALL_RUNS} | ${f(percentile(small, 50))} | < 200 ms ${percentile(small, 50) < 200 ? '(met)' : '(not met)'} |
| (b) small dataset, p99 of ${SMALL_RUNS} | ${f(percentile(small, 99))} | |
`;
  writeBenchmarkSection('Datasets', body);
  process.stdout.write(body);
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
