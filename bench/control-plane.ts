// control-plane: DescribeChannel requests per second through the whole stack
// (listener, SigV4 verification with the key looked up in SQLite, routing,
// deserialisation, validation, authorization, the handler's SQLite read,
// serialisation), against a bare node:http server answering JSON, both
// driven by the same load generator in the same run.
//
// Each server runs in its own child process; the load generator runs in this
// one. The DescribeChannel request is signed once by the SDK's own SigV4
// signer (@smithy/signature-v4) and replayed: the server verifies the
// signature in full on every request, the client does not pay for signing.
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateChannelCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { SignatureV4 } from '@smithy/signature-v4';
import { measuredOn, writeBenchmarkSection } from './support/benchmarks-doc.ts';
import { cpuMs, startServer, type Started } from './support/child-server.ts';
import { runLoad, type LoadResult } from './support/load.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL = 0.5;

async function signedDescribeChannel(server: Started, channelName: string): Promise<Buffer> {
  const url = new URL(server.url);
  const signer = new SignatureV4({
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    region: 'us-east-1',
    service: 'iotanalytics',
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'GET',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: `/channels/${channelName}`,
    headers: { host: url.host },
  });
  const lines = [`GET /channels/${channelName} HTTP/1.1`, ...Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`), 'connection: keep-alive'];
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
}

interface Measured extends LoadResult {
  /** Server CPU per request in µs (all its threads), when measurable. */
  cpuPerRequest?: number;
}

async function measure(server: Started, request: Buffer): Promise<Measured> {
  const before = cpuMs(server.child.pid!);
  const result = await runLoad(server.url, request, { connections: CONNECTIONS, seconds: SECONDS });
  const after = cpuMs(server.child.pid!);
  const other = Object.keys(result.statuses).filter((s) => s !== '200');
  if (other.length > 0) throw new Error(`${server.url} answered ${JSON.stringify(result.statuses)}`);
  return { ...result, cpuPerRequest: before === undefined || after === undefined ? undefined : ((after - before) * 1000) / result.requests };
}

function median<T extends LoadResult>(results: T[]): T {
  return [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)];
}

const oia = await startServer('oia');
const echo = await startServer('echo');
try {
  const client = new IoTAnalyticsClient({
    endpoint: oia.url,
    region: 'us-east-1',
    credentials: { accessKeyId: oia.accessKeyId, secretAccessKey: oia.secretAccessKey },
  });
  await client.send(new CreateChannelCommand({ channelName: 'bench', retentionPeriod: { numberOfDays: 30 } }));
  client.destroy();
  const requests = { oia: await signedDescribeChannel(oia, 'bench'), echo: await signedDescribeChannel(echo, 'bench') };

  const results: Record<'oia' | 'echo', Measured[]> = { oia: [], echo: [] };
  for (const target of ['oia', 'echo'] as const) {
    await runLoad((target === 'oia' ? oia : echo).url, requests[target], { connections: CONNECTIONS, seconds: 1 }); // warm-up
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of ['oia', 'echo'] as const) {
      const result = await measure(target === 'oia' ? oia : echo, requests[target]);
      results[target].push(result);
      process.stdout.write(`round ${round + 1} ${target}: ${Math.round(result.perSecond)} req/s\n`);
    }
  }
  const full = median(results.oia).perSecond;
  const bare = median(results.echo).perSecond;
  const cpuMedian = (rs: Measured[]): number | undefined => {
    const values = rs.map((r) => r.cpuPerRequest).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    return values.length > 0 ? values[Math.floor(values.length / 2)] : undefined;
  };
  const cpu = (rs: Measured[]) => {
    const value = cpuMedian(rs);
    return value === undefined ? 'n/a' : `${Math.round(value)} µs`;
  };
  const [stackCpu, bareCpu] = [cpuMedian(results.oia), cpuMedian(results.echo)];
  const cpuRatio = stackCpu && bareCpu ? ` By CPU per request (bare ÷ stack, steadier on a shared machine): **${(bareCpu / stackCpu).toFixed(2)}**.` : '';
  const ratio = full / bare;
  const body = [
    measuredOn(),
    '',
    '| Server | DescribeChannel req/s (median of rounds) | Rounds | Server CPU per request (median) |',
    '|---|---|---|---|',
    `| Open IoT Analytics, whole stack | ${Math.round(full)} | ${results.oia.map((r) => Math.round(r.perSecond)).join(', ')} | ${cpu(results.oia)} |`,
    `| bare node:http JSON echo | ${Math.round(bare)} | ${results.echo.map((r) => Math.round(r.perSecond)).join(', ')} | ${cpu(results.echo)} |`,
    '',
    `**Ratio ${ratio.toFixed(2)}** by req/s (goal ≥ ${GOAL}).${cpuRatio}`,
    '',
    `Method: \`npm run bench -- control-plane\`. Each server runs alone in a child process; the load generator`,
    `(\`bench/support/load.ts\`: ${CONNECTIONS} keep-alive connections, one request in flight on each, no pipelining) runs in`,
    `the parent, ${ROUNDS} rounds of ${SECONDS} s per server after a 1 s warm-up, alternating. The same DescribeChannel request,`,
    'signed once by the SDK\'s SigV4 signer, is replayed: the server verifies it in full every time (key lookup,',
    'canonical request, HMAC), the client does not re-sign. Server CPU per request is the server process\'s',
    'user + system time (/proc, all threads) over the requests it answered; it is steadier than req/s on a shared',
    'machine. Client and server share the machine\'s CPUs: when the generator limits the bare server, the bare figure',
    'is too low and the ratio flatters the stack.',
  ].join('\n');
  writeBenchmarkSection('control-plane', body);
  process.stdout.write(`control-plane: ${Math.round(full)} req/s vs bare ${Math.round(bare)} req/s, ratio ${ratio.toFixed(2)}\n`);
} finally {
  oia.child.kill('SIGTERM');
  echo.child.kill('SIGTERM');
}
