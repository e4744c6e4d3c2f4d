// What the benchmarks share: a server in a child process, a request signed
// once by the SDK's own SigV4 signer (@smithy/signature-v4) to be replayed,
// and the server's CPU time per request from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { runLoad, type LoadResult } from './load.ts';

export interface Started {
  child: ChildProcess;
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The server's data directory (oia only). */
  dataDir?: string;
}

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Starts support/bench-server.ts in a child process; `oia` takes configuration keys that override the defaults. */
export async function startServer(mode: 'oia' | 'echo', config: object = {}): Promise<Started> {
  const script = fileURLToPath(new URL('./bench-server.ts', import.meta.url));
  // BENCH_PROFILE=DIR: V8 CPU profiles of every server thread, written to DIR when it exits.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...profile, script, mode, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { child, ...JSON.parse(line) };
}

/** The raw bytes of a GET for `path`, signed for IoT Analytics with `keys`. */
export async function signedGet(url: string, keys: Keys, path: string): Promise<Buffer> {
  const { hostname, port, host } = new URL(url);
  const signer = new SignatureV4({ credentials: keys, region: 'us-east-1', service: 'iotanalytics', sha256: Sha256 });
  const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname, port: Number(port), path, headers: { host } });
  const lines = [`GET ${path} HTTP/1.1`, ...Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`), 'connection: keep-alive'];
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
}

/** CPU time (user + system, ms) a process has used so far, all threads; undefined where /proc is missing. */
export function cpuMs(pid: number): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface Measured extends LoadResult {
  /** Server CPU per request in µs (all its threads), when measurable. */
  cpuPerRequest?: number;
}

export async function measure(server: Started, request: Buffer, options: { connections: number; seconds: number }): Promise<Measured> {
  const before = cpuMs(server.child.pid!);
  const result = await runLoad(server.url, request, options);
  const after = cpuMs(server.child.pid!);
  const other = Object.keys(result.statuses).filter((s) => s !== '200');
  if (other.length > 0) throw new Error(`${server.url} answered ${JSON.stringify(result.statuses)}`);
  return { ...result, cpuPerRequest: before === undefined || after === undefined ? undefined : ((after - before) * 1000) / result.requests };
}

export function median<T extends LoadResult>(results: T[]): T {
  return [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)];
}

export function cpuMedian(results: Measured[]): number | undefined {
  const values = results.map((r) => r.cpuPerRequest).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  return values.length > 0 ? values[Math.floor(values.length / 2)] : undefined;
}

/** "2 × AMD EPYC, 24 GiB, linux 6.1, Node v20…", for the Measured line. */
export function machine(): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}`;
}
