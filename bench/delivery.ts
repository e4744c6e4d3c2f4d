// npm run bench -- delivery [--records N] [--keep]
// Trail log-file delivery (docs/BENCHMARKS.md, "Trail delivery"): records per
// second from the event store to delivered gzip files in a local bucket
// (goal ≥ 50,000/s). N synthetic records (default 1 million; ~800 bytes, 10%
// data events, three regions: bench/audit/generate.ts) are appended while a
// multi-region trail with the default selectors logs; then one forced
// delivery run writes them all, timed from start to the last commit.
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { createApp } from '../src/app.ts';
import { DEFAULTS } from '../src/config/schema.ts';
import { generate } from './audit/generate.ts';
import { ROOT } from './audit/report.ts';
import { measuredOn, writeBenchmarkSection } from './support/benchmarks-doc.ts';

const GOAL = 50_000;
const { values } = parseArgs({ args: process.argv.slice(3), options: { records: { type: 'string', default: '1000000' }, keep: { type: 'boolean', default: false } } });
const count = Number(values.records);
const dataDir = join(ROOT, '.bench-data', 'delivery');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const log = (message: string) => process.stderr.write(`[delivery bench] ${message}\n`);

const app = await createApp({ config: { ...DEFAULTS, dataDir, port: 0, logLevel: 'error' } });
try {
  const { url } = await app.listen();
  const ct = new CloudTrailClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: app.account.rootAccessKeyId, secretAccessKey: app.account.rootSecretAccessKey },
  });
  await app.buckets.local.createBucket('bench-logs', 'us-east-1');
  await ct.send(new CreateTrailCommand({ Name: 'bench', S3BucketName: 'bench-logs', IsMultiRegionTrail: true }));
  await ct.send(new StartLoggingCommand({ Name: 'bench' }));
  await app.settleAudit();

  log(`appending ${count.toLocaleString('en')} records`);
  await generate(app.database, app.events, count, new Date(), (done) => done % 100_000 === 0 && log(`${done.toLocaleString('en')}`));

  log('delivering');
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  await app.trailDelivery.runOnce(true);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  let files = 0;
  let bytes = 0;
  for (let marker: string | undefined, more = true; more; ) {
    const page = await app.buckets.local.listObjects('bench-logs', { startAfter: marker });
    files += page.objects.length;
    bytes += page.objects.reduce((sum, o) => sum + o.size, 0);
    [marker, more] = [page.nextMarker, page.isTruncated];
  }
  const rate = count / seconds;
  const load = loadavg()[0];
  log(`${rate.toFixed(0)} records/s, ${files} files, ${seconds.toFixed(1)} s`);

  writeBenchmarkSection(
    'Trail delivery',
    `
${measuredOn()} Shared machine: figures are indicative (1-minute load average ${load.toFixed(1)} on ${cpus().length} cores when the run ended). Command: \`npm run bench -- delivery\` (\`--records N\`, default 1,000,000).

What is measured: ${count.toLocaleString('en')} synthetic records (~800 bytes of JSON each, 10% data events, three regions; \`bench/audit/generate.ts\`) are in the event store, logged by one multi-region trail with the default selectors (all management events, so the data events are read and skipped). One delivery run (\`TrailDelivery.runOnce(true)\`, in process, the default \`trails\` configuration: ${DEFAULTS.trails.maxFileRecords.toLocaleString('en')} journal records per delivery) reads the journal, selects, writes \`{"Records":[…]}\`, hashes it (SHA-256 for the integrity side), gzips it, puts the file into the local bucket and commits the files and the cursor, until nothing is left.

| records | seconds | records/s | goal | files | compressed MB | process CPU s |
|---|---|---|---|---|---|---|
| ${count.toLocaleString('en')} | ${seconds.toFixed(1)} | **${Math.round(rate).toLocaleString('en')}** | ≥ ${GOAL.toLocaleString('en')} | ${files} | ${(bytes / 1e6).toFixed(0)} | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} |
`,
  );
} finally {
  await app.close();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
}
